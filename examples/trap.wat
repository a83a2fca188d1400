;; Traps with `integer divide by zero` two calls deep, to show `life`'s stack trace:
;;
;;   $ life examples/trap.wat
;;   error: trap: integer divide by zero
;;     0: divide (func 0)
;;     1: average (func 1)
;;     2: app_main (func 2)
;;
;; The exit status is 134.
(module $trap
  (func $divide (param $a i32) (param $b i32) (result i32)
    (i32.div_s (local.get $a) (local.get $b)))

  ;; The average of an empty list: the count is zero.
  (func $average (param $sum i32) (param $count i32) (result i32)
    (call $divide (local.get $sum) (local.get $count)))

  (func $app_main (export "app_main") (result i32)
    (call $average (i32.const 10) (i32.const 0))))
