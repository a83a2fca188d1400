;; Table-driven CRC-32 (the zlib polynomial, reflected) over a 64 KiB buffer, n passes.
;; Each pass continues the previous pass's CRC, so the result checks every byte of every pass.
;; `run(n)` builds the table, fills the buffer from an LCG and returns the final CRC.
(module
  ;; Table at 0 (1 KiB), buffer at 1 KiB (64 KiB).
  (memory 2)
  (func $make_table
    (local $i i32) (local $c i32) (local $k i32)
    (loop $entries
      (local.set $c (local.get $i))
      (local.set $k (i32.const 8))
      (loop $bits
        (local.set $c
          (i32.xor (i32.shr_u (local.get $c) (i32.const 1))
            (i32.and (i32.const 0xEDB88320) (i32.sub (i32.const 0) (i32.and (local.get $c) (i32.const 1))))))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br_if $bits (local.get $k)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $entries (i32.lt_u (local.get $i) (i32.const 256)))))
  (func $fill
    (local $p i32) (local $x i32)
    (local.set $x (i32.const 2463534242))
    (local.set $p (i32.const 1024))
    (loop $next
      (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
      (i32.store8 (local.get $p) (i32.shr_u (local.get $x) (i32.const 24)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $p) (i32.const 66560)))))
  (func (export "run") (param $n i32) (result i64)
    (local $pass i32) (local $p i32) (local $crc i32)
    (call $make_table)
    (call $fill)
    (local.set $crc (i32.const -1))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $passes
        (local.set $p (i32.const 1024))
        (loop $bytes
          (local.set $crc
            (i32.xor
              (i32.load
                (i32.shl (i32.and (i32.xor (local.get $crc) (i32.load8_u (local.get $p))) (i32.const 255)) (i32.const 2)))
              (i32.shr_u (local.get $crc) (i32.const 8))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $bytes (i32.lt_u (local.get $p) (i32.const 66560))))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br_if $passes (i32.lt_u (local.get $pass) (local.get $n)))))
    (i64.extend_i32_u (i32.xor (local.get $crc) (i32.const -1)))))
