;; SIMD over linear memory: an integer hash and a float multiply-add, four lanes at a time.
;; Each 16-byte step loads four i32 words and four f32 values, mixes the words into an i32x4
;; accumulator (mul, xor, shift, add), computes `b * 1.5 + (a >> 16)` as f32x4, stores it to a
;; third buffer and folds it, clamped with `min`/`max`, into an f32x4 accumulator.
;; `run(n)` fills the inputs from an LCG, makes n passes over 64 KiB and returns a fold of both
;; accumulators' lanes.
(module
  (memory 4)
  (func $fill (param $words i32)
    (local $i i32) (local $x i32)
    (local.set $x (i32.const 12345))
    (loop $next
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $x))
      (f32.store offset=65536 (i32.shl (local.get $i) (i32.const 2))
        (f32.mul (f32.convert_i32_s (i32.shr_s (local.get $x) (i32.const 8))) (f32.const 1e-6)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $words)))))
  (func (export "run") (param $n i32) (result i64)
    (local $pass i32) (local $p i32) (local $a v128) (local $y v128) (local $acc v128) (local $facc v128)
    (call $fill (i32.const 16384))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $passes
        (local.set $p (i32.const 0))
        (loop $chunks
          (local.set $a (v128.load (local.get $p)))
          (local.set $acc
            (i32x4.add (local.get $acc)
              (v128.xor (i32x4.mul (local.get $a) (i32x4.splat (i32.const 0x9e3779b1)))
                (i32x4.shr_u (local.get $a) (i32.const 7)))))
          (local.set $y
            (f32x4.add (f32x4.mul (v128.load offset=65536 (local.get $p)) (f32x4.splat (f32.const 1.5)))
              (f32x4.convert_i32x4_s (i32x4.shr_s (local.get $a) (i32.const 16)))))
          (v128.store offset=131072 (local.get $p) (local.get $y))
          (local.set $facc
            (f32x4.add (local.get $facc)
              (f32x4.max (f32x4.min (local.get $y) (f32x4.splat (f32.const 1000))) (f32x4.splat (f32.const -1000)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br_if $chunks (i32.lt_u (local.get $p) (i32.const 65536))))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br_if $passes (i32.lt_u (local.get $pass) (local.get $n)))))
    (local.set $acc (i32x4.add (local.get $acc) (i32x4.trunc_sat_f32x4_s (local.get $facc))))
    (i64.add
      (i64.extend_i32_u (i32.xor (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc))))
      (i64.shl
        (i64.extend_i32_u (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc))))
        (i64.const 32)))))
