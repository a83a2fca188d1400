;; life-interp returns the wrong values from a function with two results whose body has a loop
;; using a constant: `f` returns [-4096, 1] instead of [1, 2].
;; The constant of the loop (-4096, hoisted into a slot written on function entry) overwrites
;; the first result, and the second result is the first constant.
;; Found by the differential harness (smoke seed 3236, minimized by hand); wasmi gives [1, 2].
;; Fixed by "decode, interp: return several results through return_many" (1348d8e).
;; differential: call "f"[]: wasmi gave Return([I32(1), I32(2)]), but interp gave Return([I32(-4096), I32(1)])
(module
  (func (export "f") (result i32 i32)
    loop
      i32.const -4096
      i32.extend8_s
      br_if 0
    end
    i32.const 1
    i32.const 2))
