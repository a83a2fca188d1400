;; Polymerase panics compiling a function that tail-calls an import with more results than the
;; function's frame has slots: `index out of bounds: the len is 4 but the index is 4` in
;; `lower/mod.rs` (`Lower::get`), reading the results it must return.
;; A tail call to an import is a call through the runtime followed by a return of its results,
;; which land where a call's would (and the interpreter writes a host callee's results to slot 0),
;; but the translator did not count those slots in the frame, as it does for a call's results.
;; Found by the smoke run (seeds 1452, 2175, 2390, 2537, 3567, 3587, 4130, 4472, 5025, the first
;; run with tail calls), minimized by hand.
;; Fixed by "decode: count a tail call's results in the frame".
;; run_interp: polymerase: compile error: a compiler thread panicked
(module
  (import "env" "f" (func $f (result i64 i64 i64 i64)))
  (type $t (func (result i64 i64 i64 i64)))
  (table 1 funcref)
  (elem (i32.const 0) $f)
  (func (export "direct") (result i64 i64 i64 i64) (return_call $f))
  (func (export "indirect") (result i64 i64 i64 i64) (return_call_indirect (type $t) (i32.const 0))))
