;; `call_indirect` in a loop: eight small functions of one type, picked by a data-dependent index.
;; `run(n)` makes n indirect calls and returns the accumulator.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (table 8 funcref)
  (elem (i32.const 0) $f0 $f1 $f2 $f3 $f4 $f5 $f6 $f7)
  (func $f0 (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $f1 (type $binop) (i32.xor (local.get 0) (i32.mul (local.get 1) (i32.const 0x9E3779B1))))
  (func $f2 (type $binop) (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.const 1)))
  (func $f3 (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func $f4 (type $binop) (i32.rotl (local.get 0) (local.get 1)))
  (func $f5 (type $binop) (i32.add (i32.shr_u (local.get 0) (i32.const 3)) (local.get 1)))
  (func $f6 (type $binop) (i32.xor (i32.mul (local.get 0) (i32.const 31)) (local.get 1)))
  (func $f7 (type $binop)
    (select (local.get 0) (local.get 1) (i32.lt_u (local.get 0) (local.get 1))))
  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $acc i32)
    (local.set $acc (i32.const 0x2545F491))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $acc
          (call_indirect (type $binop)
            (local.get $acc)
            (local.get $i)
            (i32.and (i32.xor (local.get $i) (i32.shr_u (local.get $acc) (i32.const 13))) (i32.const 7))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get $i) (local.get $n)))))
    (i64.extend_i32_u (local.get $acc))))
