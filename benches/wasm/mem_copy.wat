;; memcpy-style loops: copies a 128 KiB region word by word (i64 loads and stores) to a rotating
;; destination, then 8 KiB of it byte by byte, n times.
;; `run(n)` fills the source from an LCG, copies n times and returns a checksum of the destination.
(module
  ;; Source at 0 (128 KiB); destination at 128 KiB (128 KiB plus 8 KiB of slack).
  (memory 5)
  (func $fill (param $words i32)
    (local $i i32) (local $x i64)
    (local.set $x (i64.const 88172645463325252))
    (loop $next
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
      (i64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $x))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $words)))))
  ;; Copies `len` bytes (a multiple of 32) from `src` to `dst`, 8 bytes at a time, unrolled 4x.
  (func $copy_words (param $dst i32) (param $src i32) (param $len i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $src) (local.get $len)))
    (loop $next
      (i64.store (local.get $dst) (i64.load (local.get $src)))
      (i64.store offset=8 (local.get $dst) (i64.load offset=8 (local.get $src)))
      (i64.store offset=16 (local.get $dst) (i64.load offset=16 (local.get $src)))
      (i64.store offset=24 (local.get $dst) (i64.load offset=24 (local.get $src)))
      (local.set $src (i32.add (local.get $src) (i32.const 32)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
      (br_if $next (i32.lt_u (local.get $src) (local.get $end)))))
  ;; Copies `len` bytes (at least one) from `src` to `dst`, one at a time.
  (func $copy_bytes (param $dst i32) (param $src i32) (param $len i32)
    (local $i i32)
    (loop $next
      (i32.store8 (i32.add (local.get $dst) (local.get $i)) (i32.load8_u (i32.add (local.get $src) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $len)))))
  (func (export "run") (param $n i32) (result i64)
    (local $pass i32) (local $shift i32) (local $sum i64) (local $p i32)
    (call $fill (i32.const 16384))
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $passes
        (local.set $shift (i32.and (i32.mul (local.get $pass) (i32.const 40)) (i32.const 8184)))
        (call $copy_words (i32.add (i32.const 131072) (local.get $shift)) (i32.const 0) (i32.const 131072))
        (call $copy_bytes (i32.add (i32.const 131072) (local.get $pass)) (local.get $shift) (i32.const 8192))
        (local.set $sum
          (i64.add (i64.rotl (local.get $sum) (i64.const 5))
            (i64.load (i32.add (i32.const 131072) (i32.and (i32.mul (local.get $pass) (i32.const 4104)) (i32.const 131064))))))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br_if $passes (i32.lt_u (local.get $pass) (local.get $n)))))
    ;; Fold every 64th word of the destination into the checksum.
    (loop $check
      (local.set $sum
        (i64.xor (i64.rotl (local.get $sum) (i64.const 1)) (i64.load offset=131072 (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 512)))
      (br_if $check (i32.lt_u (local.get $p) (i32.const 139264))))
    (local.get $sum)))
