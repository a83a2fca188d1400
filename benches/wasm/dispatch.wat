;; `br_table` dispatch: a little register-machine interpreter whose bytecode lives in memory.
;; Each instruction is two bytes, `op arg`; the loop fetches, decodes and jumps through one
;; `br_table` per instruction, as a switch-based interpreter compiled to Wasm does.
;; `run(n)` runs the program's loop n times and returns a mix of the four registers.
(module
  (memory 1)
  ;; Opcodes: 0 add, 1 xor-rotate, 2 mul-add, 3 sub, 4 shift-add, 5 add-imm, 6 dec, 7 jnz, 8 halt.
  ;; The loop body is 12 instructions; `jnz` jumps back to byte offset `arg` of the program.
  (data (i32.const 0)
    "\00\00" "\01\05" "\02\1f" "\05\07" "\03\00" "\04\03"
    "\01\0b" "\00\00" "\02\11" "\05\03" "\06\00" "\07\00"
    "\08\00")
  (func (export "run") (param $n i32) (result i64)
    (local $pc i32) (local $op i32) (local $arg i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $r0 (i32.const 1))
    (local.set $r1 (i32.const 0x12345))
    (local.set $r2 (i32.const 7))
    (local.set $r3 (local.get $n))
    (if (i32.eqz (local.get $n)) (then (return (i64.const 0))))
    (block $halt
      (loop $next
        (local.set $op (i32.load8_u (local.get $pc)))
        (local.set $arg (i32.load8_u offset=1 (local.get $pc)))
        (local.set $pc (i32.add (local.get $pc) (i32.const 2)))
        (block $jnz
          (block $dec
            (block $addi
              (block $shadd
                (block $sub
                  (block $muladd
                    (block $xorrot
                      (block $add
                        (br_table $add $xorrot $muladd $sub $shadd $addi $dec $jnz $halt
                          (local.get $op)))
                      ;; 0: r0 += r1
                      (local.set $r0 (i32.add (local.get $r0) (local.get $r1)))
                      (br $next))
                    ;; 1: r1 = rotl(r1 ^ r0, arg)
                    (local.set $r1 (i32.rotl (i32.xor (local.get $r1) (local.get $r0)) (local.get $arg)))
                    (br $next))
                  ;; 2: r2 = r2 * arg + r0
                  (local.set $r2 (i32.add (i32.mul (local.get $r2) (local.get $arg)) (local.get $r0)))
                  (br $next))
                ;; 3: r0 -= r2
                (local.set $r0 (i32.sub (local.get $r0) (local.get $r2)))
                (br $next))
              ;; 4: r1 = (r1 >> arg) + r2
              (local.set $r1 (i32.add (i32.shr_u (local.get $r1) (local.get $arg)) (local.get $r2)))
              (br $next))
            ;; 5: r2 += arg
            (local.set $r2 (i32.add (local.get $r2) (local.get $arg)))
            (br $next))
          ;; 6: r3 -= 1
          (local.set $r3 (i32.sub (local.get $r3) (i32.const 1)))
          (br $next))
        ;; 7: if r3 != 0, jump to arg
        (if (local.get $r3) (then (local.set $pc (local.get $arg))))
        (br $next)))
    ;; 8: halt
    (i64.or
      (i64.shl (i64.extend_i32_u (i32.xor (local.get $r0) (local.get $r1))) (i64.const 32))
      (i64.extend_i32_u (i32.add (local.get $r2) (local.get $r3))))))
