;; Relaxed SIMD at every implementation-defined edge, replayed on Life's engines only (wasmi
;; chooses differently: a fused relaxed_madd, a wrapping relaxed_dot), unmetered and metered.
;; Not a finding: it keeps the replay path for modules that need relaxed SIMD exercised, and
;; the interpreter and Polymerase agreeing bit for bit on the deterministic profile's results
;; (unfused madd with canonical NaN lanes, saturating signed dot, swizzle/trunc/laneselect/
;; min/max/q15mulr as their 2.0 twins).
(module
  (memory (export "m") 1)
  (func (export "madd") (result v128)
    (f32x4.relaxed_madd
      (v128.const f32x4 0x1.fffffep+127 0x1.000004p+0 inf nan:0x200001)
      (v128.const f32x4 2 0x1.0002p+0 0 1)
      (v128.const f32x4 -0x1.fffffep+127 -0x1.000204p+0 1 1)))
  (func (export "nmadd") (result v128)
    (f64x2.relaxed_nmadd
      (v128.const f64x2 0x1.00000004p+0 -nan:0x4000000000001)
      (v128.const f64x2 -0x1.000002p+0 1)
      (v128.const f64x2 -0x1.00000204p+0 1)))
  (func (export "dot") (result v128)
    (i32x4.relaxed_dot_i8x16_i7x16_add_s
      (v128.const i8x16 -128 -128 -128 -128 127 127 -128 -127 5 -5 0 0 1 2 3 4)
      (v128.const i8x16 -128 -128 -127 -127 127 127 127 127 -3 -3 0 0 -1 -2 -3 -4)
      (i16x8.relaxed_dot_i8x16_i7x16_s
        (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 0 0 0 0 0 0 0 0)
        (v128.const i8x16 -128 -128 -128 -128 -128 -128 -128 -128 0 0 0 0 0 0 0 0))))
  (func (export "others") (result v128)
    (local $v v128)
    (local.set $v (v128.const i32x4 0x7fc00001 0x80000000 0x4f800000 0xcf800000))
    (v128.store (i32.const 0) (i8x16.relaxed_swizzle (local.get $v) (v128.const i8x16 0 15 16 127 -128 -1 3 3 3 3 3 3 3 3 3 3)))
    (v128.store (i32.const 16) (i32x4.relaxed_trunc_f32x4_s (local.get $v)))
    (v128.store (i32.const 32) (i32x4.relaxed_trunc_f32x4_u (local.get $v)))
    (v128.store (i32.const 48) (i32x4.relaxed_trunc_f64x2_s_zero (local.get $v)))
    (v128.store (i32.const 64) (i32x4.relaxed_trunc_f64x2_u_zero (local.get $v)))
    (v128.store (i32.const 80) (i64x2.relaxed_laneselect (local.get $v) (v128.const i64x2 -1 0) (v128.const i8x16 0xf0 0x0f 0x80 0x7f 0 0 0 0 0 0 0 0 0 0 0 0xff)))
    (v128.store (i32.const 96) (f32x4.relaxed_min (local.get $v) (v128.const f32x4 0 -0 1 -1)))
    (v128.store (i32.const 112) (f64x2.relaxed_max (local.get $v) (v128.const f64x2 -0 nan)))
    (i16x8.relaxed_q15mulr_s (local.get $v) (v128.const i16x8 -32768 -32768 -32768 -32768 1 1 1 1)))
)
