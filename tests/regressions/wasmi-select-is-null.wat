;; An oracle bug, not a Life bug: wasmi 2.0.0 picks the wrong operand of `select` when the
;; condition is `ref.is_null` and the second operand is computed (here `table.size`): `f` must
;; return 0 (the local is null, so the condition is 1 and `select` picks its first operand);
;; wasmi returns 28, Life returns 0.
;; Found by the differential harness (smoke seed 134181, where a `table.grow` by the wrong
;; operand left the tables with 28 and 58 elements). The wasmi adapter skips modules with
;; `ref.is_null` feeding `select` (life_fuzz::engine::Wasmi), so this replays on Life alone.
;; Before the workaround: differential: call "f"[]: wasmi gave Return([I32(28)]), but interp gave Return([I32(0)])
(module
  (table 28 funcref)
  (func (export "f") (result i32)
    (local funcref)
    i32.const 0
    table.size 0
    local.get 0
    ref.is_null
    select))
