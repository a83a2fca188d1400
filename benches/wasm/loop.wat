;; A tight i64 loop: one multiply-add, a shift and an xor per iteration, plus the counter.
;; `run(n)` runs n iterations and returns the mixed accumulator.
(module
  (func (export "run") (param $n i32) (result i64)
    (local $i i64) (local $end i64) (local $acc i64)
    (local.set $end (i64.extend_i32_u (local.get $n)))
    (local.set $acc (i64.const 0x9E3779B97F4A7C15))
    (block $done
      (br_if $done (i64.eqz (local.get $end)))
      (loop $next
        (local.set $acc
          (i64.add (i64.mul (local.get $acc) (i64.const 6364136223846793005)) (local.get $i)))
        (local.set $acc (i64.xor (local.get $acc) (i64.shr_u (local.get $acc) (i64.const 29))))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (br_if $next (i64.lt_u (local.get $i) (local.get $end)))))
    (local.get $acc)))
