;; An oracle bug, not a Life bug: wasmi 2.0.0 picks the wrong operand of `select` when the
;; condition is `i32.eqz` (or `i32.eq`/`i32.ne` with 0, even with a `nop` between) of a local
;; that was set from a constant. `f` must return 5 (x = 5 is non-zero, so the condition is 0
;; and `select` picks its second operand); wasmi returns 1, Life returns 5.
;; wasm-smith emits exactly this pattern to guard divisions and `table.grow` when
;; `disallow_traps` is on, so the harnesses turn `disallow_traps` off
;; (life_fuzz::generate::config), and the wasmi adapter skips modules with `i32.eqz` feeding
;; `select` (life_fuzz::engine::Wasmi): this reproducer now replays on Life alone.
;; Before the workaround: differential: call "f"[]: wasmi gave Return([I32(1)]), but interp gave Return([I32(5)])
(module
  (func (export "f") (result i32)
    (local i32)
    i32.const 5
    local.set 0
    i32.const 1
    local.get 0
    local.get 0
    i32.eqz
    select))
