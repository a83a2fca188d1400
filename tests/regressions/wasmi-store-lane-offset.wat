;; An oracle bug, not a Life bug: wasmi 2.0.0 crashes the process (a jump to a bad address in
;; its dispatch loop, with either dispatch backend) on `v128.store8_lane` or `v128.store16_lane`
;; with a static offset of 65536 or more, when the stored vector is not a constant.
;; The wasmi adapter therefore skips such modules (life_fuzz::engine::Wasmi), and this
;; reproducer replays on Life alone: the store is out of bounds, so `f` traps.
(module
  (memory 1)
  (func (export "f")
    i32.const 1
    i32.const 0
    v128.load
    v128.store8_lane offset=65536 11))
