;; Linear-memory scan: sums a 256 KiB buffer of 32-bit words, n times.
;; Each pass also folds in one byte load per 64-byte line, so both load widths are exercised.
;; `run(n)` fills the buffer from an LCG, scans it n times and returns the sum.
(module
  (memory 5)
  (func $fill (param $words i32)
    (local $i i32) (local $x i32)
    (local.set $x (i32.const 12345))
    (loop $next
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $words)))))
  (func (export "run") (param $n i32) (result i64)
    (local $pass i32) (local $p i32) (local $sum i64)
    (call $fill (i32.const 65536))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $passes
        (local.set $p (i32.const 0))
        (loop $words
          (local.set $sum (i64.add (local.get $sum) (i64.load32_u (local.get $p))))
          (local.set $sum (i64.add (local.get $sum) (i64.load32_u offset=4 (local.get $p))))
          (local.set $sum (i64.add (local.get $sum) (i64.load32_u offset=8 (local.get $p))))
          (local.set $sum (i64.add (local.get $sum) (i64.load32_u offset=12 (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $words (i32.lt_u (local.get $p) (i32.const 262144))))
        (local.set $p (i32.const 0))
        (loop $lines
          (local.set $sum
            (i64.xor (i64.rotl (local.get $sum) (i64.const 1)) (i64.load8_u offset=7 (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (br_if $lines (i32.lt_u (local.get $p) (i32.const 262144))))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br_if $passes (i32.lt_u (local.get $pass) (local.get $n)))))
    (local.get $sum)))
