;; Greets through the host's `env.__life_log`, then returns fib(20) computed by recursion.
;;
;;   $ life examples/hello.wat
;;   Hello from Life!
;;   6765
;;
;; `fib` is exported too: `life --entry fib examples/hello.wat 10` prints 55.
(module $hello
  (import "env" "__life_log" (func $log (param $ptr i32) (param $len i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "Hello from Life!")

  ;; The naive doubly recursive Fibonacci: fib(0) = 0, fib(1) = 1.
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else
        (i32.add
          (call $fib (i32.sub (local.get $n) (i32.const 1)))
          (call $fib (i32.sub (local.get $n) (i32.const 2)))))))

  (func $app_main (export "app_main") (result i32)
    (call $log (i32.const 16) (i32.const 16))
    (call $fib (i32.const 20))))
