;; An oracle bug, not a Life bug: wasmi 2.0.0's translator panics ("internal error: entered
;; unreachable code", translator/func/mod.rs:2583) on an `i32.store` with a static offset of
;; 65536 or more whose address and value are the same register, here the result of a SIMD
;; reduction (`i16x8.all_true`, `i32x4.all_true` and `v128.any_true` all do it).
;; Found by the differential harness (smoke seed 72966, shrunk with `wasm-tools shrink`).
;; The wasmi adapter catches panics of wasmi and stops comparing the module
;; (life_fuzz::engine::Wasmi), so this replays on Life alone: the store is in bounds.
(module
  (memory 4 14)
  (func (export "f")
    (local i32 v128)
    local.get 1
    i16x8.all_true
    local.tee 0
    local.get 0
    i32.store offset=65536))
