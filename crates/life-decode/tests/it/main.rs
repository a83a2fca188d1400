//! Integration tests of the decoder: robustness against corrupt input and the IR it produces.

use life_decode::{DecodeErrorKind, Features, decode};

mod proposals;

const SAMPLE: &str = r#"(module
  (type $t (func (param i32) (result i32)))
  (import "env" "f" (func $f (param i32) (result i32)))
  (memory 1) (table 2 funcref) (global $g (mut i32) (i32.const 7))
  (elem (i32.const 0) $f $sum)
  (data (i32.const 4) "abc")
  (func $sum (export "sum") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $top
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $top)))
    (local.get $acc))
  (func (export "mix") (param i32) (result i32)
    (call_indirect (type $t) (local.get 0) (i32.const 1))
    (i32.load offset=4 (i32.const 0)) i32.add (global.get $g) i32.mul
    (br_table 0 0 (i32.const 0)))
  (func $init (global.set $g (i32.const 8)))
  (start $init))"#;

#[test]
fn corrupt_modules_are_rejected_without_panicking() {
    let wasm = wat::parse_str(SAMPLE).unwrap();
    decode(&wasm, Features::default()).expect("the sample is valid");
    // Every truncation.
    for len in 0..wasm.len() {
        let _ = decode(&wasm[..len], Features::default());
    }
    // Every single-bit flip.
    for i in 0..wasm.len() {
        for bit in 0..8 {
            let mut bytes = wasm.clone();
            bytes[i] ^= 1 << bit;
            let _ = decode(&bytes, Features::default());
        }
    }
}

#[test]
fn errors_carry_the_offset_and_the_validators_reason() {
    let err = decode(b"\0asm\x01\0\0\0\x01", Features::default()).unwrap_err();
    assert_eq!(err.kind(), DecodeErrorKind::Invalid);
    assert_eq!(err.offset(), 9);
    let wasm = wat::parse_str("(module (func i32.add))").unwrap();
    let err = decode(&wasm, Features::default()).unwrap_err();
    assert!(err.message().contains("type mismatch"), "{}", err.message());
    assert!(err.to_string().starts_with("invalid module at offset 0x"), "{err}");
}

#[test]
fn features_gate_proposals() {
    let wasm = wat::parse_str("(module (func (param i32) (result i32) (i32.extend8_s (local.get 0))))").unwrap();
    assert!(decode(&wasm, Features::wasm1()).is_err());
    assert!(decode(&wasm, Features::default()).is_ok());
    let float = wat::parse_str("(module (func (result f32) f32.const 1))").unwrap();
    let no_fp = Features { floats: false, ..Features::default() };
    assert!(decode(&float, no_fp).is_err());
}

#[test]
fn names_come_from_the_name_section() {
    let module = decode(&wat::parse_str(SAMPLE).unwrap(), Features::default()).unwrap();
    assert_eq!(module.func_name(1), Some("sum"));
    assert_eq!(module.func_name(0), Some("f"));
    assert_eq!(module.num_imported_funcs, 1);
    assert_eq!(module.num_bodies(), 3);
}

/// The translator's register allocation: locals are read in place, `local.set` of a computed
/// value writes the local directly, and compare + branch fuse into one op.
#[test]
fn loop_translates_to_register_ops() {
    let module = decode(&wat::parse_str(SAMPLE).unwrap(), Features::default()).unwrap();
    let expected = "   0: br_if_eqz cond=0 target=4
   1: i32_add dst=1 a=1 b=0
   2: i32_add_imm dst=0 a=0 imm=-1
   3: br target=0
   4: return_slot src=1
";
    assert_eq!(module.body(0).unwrap().disassemble(), expected);
    assert_eq!(module.body(0).unwrap().frame_slots, 4);
}

/// A loop counter's update (`i += k`, `k` a small constant) fuses with the compare-and-branch
/// that tests it right after, but not across a label.
#[test]
fn counter_updates_fuse_with_the_branch_that_tests_them() {
    let fused = wat::parse_str(
        r#"(module (func (param $n i32) (local $i i32)
            (loop $top
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br_if $top (i32.lt_s (local.get $i) (local.get $n))))))"#,
    )
    .unwrap();
    let module = decode(&fused, Features::default()).unwrap();
    assert_eq!(
        module.body(0).unwrap().disassemble(),
        "   0: inc_br_if_i32_lt_s a=1 b=0 target=0 step=4\n   1: return_\n"
    );
    let fused64 = wat::parse_str(
        r#"(module (func (param $n i64) (local $i i64)
            (loop $top
                (local.set $i (i64.add (local.get $i) (i64.const -1)))
                (br_if $top (i64.gt_u (local.get $i) (i64.const 100))))))"#,
    )
    .unwrap();
    let module = decode(&fused64, Features::default()).unwrap();
    assert_eq!(
        module.body(0).unwrap().disassemble(),
        "   0: inc_br_if_i64_gt_u_imm a=1 imm=100 target=0 step=-1\n   1: return_\n"
    );
    let split = wat::parse_str(
        r#"(module (func (param $n i32) (local $i i32)
            (loop $top
                (block (local.set $i (i32.add (local.get $i) (i32.const 4))))
                (br_if $top (i32.lt_s (local.get $i) (local.get $n))))))"#,
    )
    .unwrap();
    let module = decode(&split, Features::default()).unwrap();
    // Not fused, but the branch reads the counter from the accumulator: no branch lands
    // between the two (the block's end is a label nothing targets).
    let expected = "   0: i32_add_imm dst=1 a=1 imm=4
   1: br_if_i32_lt_s_acc_a a=1 b=0 target=0
   2: return_
";
    assert_eq!(module.body(0).unwrap().disassemble(), expected);
}

/// Constants read inside a loop get a slot after the locals, written once on entry; outside
/// loops they are written where they are used (here just before, so the `f64.add` reads it from
/// the accumulator).
#[test]
fn loop_constants_are_hoisted_to_the_function_entry() {
    let wasm = wat::parse_str(
        r#"(module (func (param $x f64) (param $n i32) (result f64)
            (local.set $x (f64.add (local.get $x) (f64.const 0.5)))
            (loop $top
                (local.set $x (f64.mul (local.get $x) (f64.const 1.5)))
                (br_if $top (local.tee $n (i32.add (local.get $n) (i32.const -1)))))
            (local.get $x)))"#,
    )
    .unwrap();
    let module = decode(&wasm, Features::default()).unwrap();
    let expected = "   0: const64 dst=2 bits=4609434218613702656
   1: const64 dst=4 bits=4602678819172646912
   2: f64_add_acc_b dst=0 a=0 b=4
   3: f64_mul dst=0 a=0 b=2
   4: inc_br_if_i32_ne_imm a=1 imm=0 target=3 step=-1
   5: return_slot src=0
";
    assert_eq!(module.body(0).unwrap().disassemble(), expected);
    assert_eq!(module.body(0).unwrap().frame_slots, 5);
}

fn lazy_options() -> life_decode::DecodeOptions {
    life_decode::DecodeOptions { lazy: true, ..life_decode::DecodeOptions::default() }
}

#[test]
fn lazy_translation_translates_on_first_use_and_matches_eager() {
    let wasm = wat::parse_str(SAMPLE).unwrap();
    let eager = decode(&wasm, Features::default()).unwrap();
    let lazy = life_decode::decode_with(&wasm, &lazy_options()).unwrap();
    assert_eq!(lazy.num_bodies(), 3);
    assert!((0..3).all(|i| eager.translated_body(i).is_some()));
    assert!((0..3).all(|i| lazy.translated_body(i).is_none()), "nothing is translated at decode time");
    let first = lazy.body(1).unwrap().disassemble();
    assert!(lazy.translated_body(1).is_some() && lazy.translated_body(0).is_none());
    assert_eq!(first, eager.body(1).unwrap().disassemble());
    lazy.translate_all().unwrap();
    for i in 0..3 {
        let (a, b) = (eager.body(i).unwrap(), lazy.body(i).unwrap());
        assert_eq!(a.disassemble(), b.disassemble());
        assert_eq!((a.frame_slots, a.local_slots, a.offset), (b.frame_slots, b.local_slots, b.offset));
    }
}

#[test]
fn lazy_decoding_still_validates_every_body_and_limit() {
    // A type error in the second, never-called function is reported at decode time.
    let bad = wat::parse_str(r#"(module (func) (func (result i32) i64.const 1))"#).unwrap();
    let e = life_decode::decode_with(&bad, &lazy_options()).unwrap_err();
    assert_eq!(e.kind(), DecodeErrorKind::Invalid);
    assert!(e.to_string().contains("type mismatch"), "{e}");
    // The locals limit.
    let many = wat::parse_str(r#"(module (func (param i32) (local i32 i32 i32)))"#).unwrap();
    let mut options = lazy_options();
    options.limits.max_locals = 3;
    let e = life_decode::decode_with(&many, &options).unwrap_err();
    assert_eq!(e.kind(), DecodeErrorKind::LimitExceeded);
    options.limits.max_locals = 4;
    life_decode::decode_with(&many, &options).unwrap();
    // Deterministic mode without floats.
    let float = wat::parse_str(r#"(module (func (result f32) f32.const 1))"#).unwrap();
    options.features.floats = false;
    let e = life_decode::decode_with(&float, &options).unwrap_err();
    assert_eq!(e.kind(), DecodeErrorKind::Unsupported);
    assert!(e.to_string().contains("f32.const"), "{e}");
}

/// A module of `n` functions of about 60 bytes of code each, the one at `bad` (if any) invalid
/// (an `f32` where an `i32` is due), then `tail` (more module fields).
fn many_functions(n: usize, bad: Option<usize>, tail: &str) -> Vec<u8> {
    let mut text = String::from("(module (memory 1)\n");
    for i in 0..n {
        let result = if Some(i) == bad { "(f32.const 1)" } else { "(i32.const 1)" };
        text.push_str(&format!(
            "(func (param i32) (result i32) (local i64)
               (drop (i32.add (local.get 0) (i32.const {i}))) (drop (i32.mul (local.get 0) (i32.const 7)))
               (drop (i32.load (local.get 0))) (local.set 1 (i64.const {i})) {result})\n"
        ));
    }
    text.push_str(tail);
    text.push(')');
    wat::parse_str(&text).unwrap()
}

/// Large modules validate their bodies on several threads; the result must be exactly that of
/// validating on one thread: the same bodies, and for an invalid module the same error (the
/// first invalid body's, even when a later section is malformed too).
#[test]
fn parallel_validation_matches_single_threaded() {
    let parallel = lazy_options();
    let single = life_decode::DecodeOptions { single_threaded: true, ..lazy_options() };
    let n = 5000;
    let valid = many_functions(n, None, "");
    assert!(valid.len() > 128 * 1024, "large enough to use threads: {} bytes", valid.len());
    let a = life_decode::decode_with(&valid, &parallel).unwrap();
    let b = life_decode::decode_with(&valid, &single).unwrap();
    assert_eq!(a.num_bodies(), n);
    for i in [0, n / 2, n - 1] {
        assert_eq!(a.body(i).unwrap().disassemble(), b.body(i).unwrap().disassemble());
    }
    for bad in [0, 1, n / 3, n / 2, n - 2, n - 1] {
        for tail in ["", "(data (i32.const 0) \"x\")"] {
            let wasm = many_functions(n, Some(bad), tail);
            let a = life_decode::decode_with(&wasm, &parallel).unwrap_err();
            let b = life_decode::decode_with(&wasm, &single).unwrap_err();
            assert_eq!(a.to_string(), b.to_string(), "bad body {bad}");
            assert_eq!(a.kind(), DecodeErrorKind::Invalid);
        }
        // An invalid body, then a code section cut short: the body's error comes first.
        let mut wasm = many_functions(n, Some(bad), "");
        wasm.truncate(wasm.len() - 3);
        let a = life_decode::decode_with(&wasm, &parallel).unwrap_err();
        let b = life_decode::decode_with(&wasm, &single).unwrap_err();
        assert_eq!(a.to_string(), b.to_string(), "bad body {bad}, truncated");
    }
}

/// Memory 0's accesses translate as in a module with one memory; an access to another memory
/// is bracketed by `select_memory`, and its size, grow and bulk ops carry the index.
#[test]
fn other_memories_are_selected_around_their_accesses() {
    let wasm = wat::parse_str(
        r#"(module (memory 1) (memory $m1 1)
            (func (param $p i32) (result i32)
                (i32.store (local.get $p) (i32.load $m1 offset=4 (local.get $p)))
                (memory.copy $m1 0 (local.get $p) (local.get $p) (local.get $p))
                (drop (memory.grow $m1 (local.get $p)))
                (i32.add (i32.load (local.get $p)) (memory.size $m1))))"#,
    )
    .unwrap();
    let features = Features { multi_memory: true, ..Features::default() };
    let module = decode(&wasm, features).unwrap();
    let expected = "   0: select_memory mem=1
   1: i32_load dst=2 addr=0 offset=4
   2: select_memory mem=0
   3: i32_store addr=0 value=2 offset=0
   4: memory_copy_in d=0 s=0 n=0 dst_mem=1 src_mem=0
   5: memory_grow_in dst=1 delta=0 mem=1
   6: i32_load dst=1 addr=0 offset=0
   7: memory_size_in dst=2 mem=1
   8: i32_add dst=1 a=1 b=2
   9: return_slot src=1
";
    assert_eq!(module.body(0).unwrap().disassemble(), expected);
}

#[test]
fn prevalidated_decoding_skips_only_the_bodies() {
    use life_decode::{DecodeOptions, decode_prevalidated, decode_with};
    let options = DecodeOptions::default();
    let good = wat::parse_str(SAMPLE).unwrap();
    let module = decode_prevalidated(&good, &options).unwrap();
    assert_eq!(module.num_bodies(), decode_with(&good, &options).unwrap().num_bodies());
    assert!(module.export("sum").is_some());
    // A body that does not type-check: refused by a full decode, not looked at here.
    let bad_body = wat::parse_str(r#"(module (func (result i32) (i64.const 1)))"#).unwrap();
    assert_eq!(decode_with(&bad_body, &options).unwrap_err().kind(), DecodeErrorKind::Invalid);
    assert_eq!(decode_prevalidated(&bad_body, &options).unwrap().num_bodies(), 1);
    // Everything outside the bodies is still checked: an export of a function that does not exist.
    let bad_export = wat::parse_str(r#"(module (func) (export "f" (func 0)))"#).unwrap();
    let mut bad_export = bad_export.clone();
    let at = bad_export.windows(3).rposition(|w| w == [b'f', 0, 0]).expect("the export entry");
    bad_export[at + 2] = 5;
    assert_eq!(decode_prevalidated(&bad_export, &options).unwrap_err().kind(), DecodeErrorKind::Invalid);
    assert!(decode_prevalidated(&good[..good.len() - 3], &options).is_err());
}
