;; f64 matrix multiply: C = A * B for 64x64 matrices, n times, nudging B between repetitions.
;; `run(n)` returns the bits of the sum of every C computed, so engines must agree bit for bit.
(module
  ;; A at 0, B at 32 KiB, C at 64 KiB; each 64 * 64 * 8 = 32 KiB.
  (memory 2)
  (func $init
    (local $i i32) (local $j i32) (local $at i32)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $at (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 6)) (local.get $j)) (i32.const 3)))
        (f64.store (local.get $at)
          (f64.div (f64.convert_i32_u (i32.add (i32.rem_u (i32.mul (local.get $i) (local.get $j)) (i32.const 7)) (i32.const 1)))
            (f64.const 8)))
        (f64.store offset=32768 (local.get $at)
          (f64.sub (f64.const 0.5)
            (f64.div (f64.convert_i32_u (i32.rem_u (i32.add (local.get $i) (i32.mul (local.get $j) (i32.const 3))) (i32.const 11)))
              (f64.const 16))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (i32.const 64))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.const 64)))))
  ;; C = A * B; returns the sum of C.
  (func $multiply (result f64)
    (local $i i32) (local $j i32) (local $k i32) (local $acc f64) (local $total f64)
    (loop $rows
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $acc (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $dot
          (local.set $acc
            (f64.add (local.get $acc)
              (f64.mul
                (f64.load (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 6)) (local.get $k)) (i32.const 3)))
                (f64.load offset=32768
                  (i32.shl (i32.add (i32.shl (local.get $k) (i32.const 6)) (local.get $j)) (i32.const 3))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $dot (i32.lt_u (local.get $k) (i32.const 64))))
        (f64.store offset=65536
          (i32.shl (i32.add (i32.shl (local.get $i) (i32.const 6)) (local.get $j)) (i32.const 3))
          (local.get $acc))
        (local.set $total (f64.add (local.get $total) (local.get $acc)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $cols (i32.lt_u (local.get $j) (i32.const 64))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (i32.const 64))))
    (local.get $total))
  (func (export "run") (param $n i32) (result i64)
    (local $rep i32) (local $sum f64) (local $at i32)
    (call $init)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $reps
        (local.set $sum (f64.add (local.get $sum) (call $multiply)))
        ;; B[r][r] += 1/64 with r = rep mod 64, so no two repetitions compute the same product.
        (local.set $at
          (i32.add (i32.const 32768) (i32.mul (i32.and (local.get $rep) (i32.const 63)) (i32.const 520))))
        (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.const 0.015625)))
        (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
        (br_if $reps (i32.lt_u (local.get $rep) (local.get $n)))))
    (i64.reinterpret_f64 (local.get $sum))))
