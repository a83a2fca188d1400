//! WebAssembly 3.0 proposals: their flags and names, refusing the unimplemented ones, naming
//! the proposal when a module uses one that is off, and decoding extended constant expressions.

use life_decode::{ConstExpr, ConstOp, DataMode, DecodeErrorKind, ElemMode, Features, Value, decode};

fn wasm(text: &str) -> Vec<u8> {
    wat::parse_str(text).unwrap()
}

fn with(name: &str) -> Features {
    let mut features = Features::default();
    features.set(name, true).unwrap();
    features
}

#[test]
fn unimplemented_proposals_cannot_be_turned_on() {
    let empty = wasm("(module)");
    let unimplemented: Vec<_> = Features::PROPOSALS.iter().filter(|p| !p.implemented).map(|p| p.name).collect();
    assert_eq!(unimplemented, ["function-references", "exceptions", "gc"]);
    for name in unimplemented {
        let err = decode(&empty, with(name)).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Unsupported);
        assert_eq!(err.message(), format!("the {name} proposal is not supported yet"));
        // Turned off again, the same features are fine.
        let mut features = with(name);
        features.set(name, false).unwrap();
        decode(&empty, features).unwrap();
    }
    for proposal in Features::PROPOSALS.iter().filter(|p| p.implemented) {
        decode(&empty, with(proposal.name)).unwrap();
        assert_eq!(with(proposal.name).get(proposal.name), Some(true));
    }
}

#[test]
fn proposals_are_set_by_name() {
    let mut features = Features::wasm1();
    assert_eq!(features.get("simd"), Some(false));
    features.set("simd", true).unwrap();
    assert!(features.simd);
    features.set("nontrapping-float-to-int", true).unwrap();
    assert!(features.saturating_float_to_int);
    features.set("tail-call", true).unwrap();
    assert!(features.tail_call);
    assert_eq!(features.get("no-such-thing"), None);
    let err = features.set("tail-calls", true).unwrap_err();
    assert!(err.starts_with("unknown WebAssembly feature \"tail-calls\" (known: mutable-global,"), "{err}");
    for proposal in Features::PROPOSALS {
        assert!(err.contains(proposal.name), "{err}");
    }
    // Every 3.0 proposal is off in the defaults.
    for p in Features::PROPOSALS.iter().filter(|p| p.about.ends_with("(3.0)")) {
        assert_eq!(Features::default().get(p.name), Some(false), "{}", p.name);
    }
}

/// A module that uses a proposal which is off is refused, and the message names the proposal.
#[test]
fn modules_using_a_proposal_that_is_off_are_refused_by_name() {
    let cases = [
        ("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", "extended-const proposal is not enabled"),
        ("(module (global i64 (i64.mul (i64.const 1) (i64.const 2))))", "extended-const proposal is not enabled"),
        ("(module (memory 1) (memory 1))", "multiple memories (the multi-memory proposal is not enabled)"),
        ("(module (func return_call 0))", "tail calls support is not enabled (the tail-call proposal is not enabled)"),
        (
            "(module (type $t (func)) (table 1 funcref) (func (return_call_indirect (type $t) (i32.const 0))))",
            "(the tail-call proposal is not enabled)",
        ),
        ("(module (memory i64 1))", "memory64 must be enabled"),
        (
            "(module (func (param v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0))))",
            "relaxed SIMD support is not enabled (the relaxed-simd proposal is not enabled)",
        ),
        (
            "(module (func (param v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 0))))",
            "relaxed SIMD support is not enabled (the relaxed-simd proposal is not enabled)",
        ),
        ("(module (tag))", "exceptions proposal not enabled"),
        ("(module (type (struct)))", "gc"),
        ("(module (type $t (func)) (func (param (ref $t))))", "function references"),
    ];
    for (text, expected) in cases {
        let err = decode(&wasm(text), Features::default()).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::Invalid, "{text}: {err}");
        assert!(err.message().contains(expected), "{text}: {err}");
    }
}

#[test]
fn extended_constant_expressions_are_decoded_in_order() {
    let text = r#"(module
        (import "env" "g" (global $g i32))
        (import "env" "h" (global $h i64))
        (memory 1) (table 4 funcref)
        (global i32 (i32.sub (i32.mul (global.get $g) (i32.const 3)) (i32.const 1)))
        (global i64 (i64.add (global.get $h) (i64.const 1)))
        (global i32 (i32.const 7))
        (data (i32.add (global.get $g) (i32.const 4)) "x")
        (elem (i32.mul (global.get $g) (i32.const 2)) funcref (ref.func $f) (ref.null func))
        (func $f))"#;
    assert!(decode(&wasm(text), Features::default()).is_err());
    let module = decode(&wasm(text), with("extended-const")).unwrap();
    use ConstOp::*;
    assert_eq!(
        module.globals[0].init,
        ConstExpr::Extended(
            [GlobalGet(0), Value(self::Value::I32(3)), I32Mul, Value(self::Value::I32(1)), I32Sub].into()
        )
    );
    assert_eq!(module.globals[1].init, ConstExpr::Extended([GlobalGet(1), Value(self::Value::I64(1)), I64Add].into()));
    // A single operator keeps its short form.
    assert_eq!(module.globals[2].init, ConstExpr::Value(self::Value::I32(7)));
    let DataMode::Active { offset, .. } = &module.datas[0].mode else { panic!("active") };
    assert_eq!(*offset, ConstExpr::Extended([GlobalGet(0), Value(self::Value::I32(4)), I32Add].into()));
    let ElemMode::Active { offset, .. } = &module.elems[0].mode else { panic!("active") };
    assert_eq!(*offset, ConstExpr::Extended([GlobalGet(0), Value(self::Value::I32(2)), I32Mul].into()));
    assert_eq!(module.elems[0].items, [ConstExpr::RefFunc(0), ConstExpr::Value(self::Value::FuncRef(None))]);
}

/// Relaxed SIMD decodes with its flag, and each relaxed operator becomes the op of the
/// deterministic profile's choice: a 2.0 op where one has that meaning, else its own.
#[test]
fn relaxed_simd_operators_translate_to_their_deterministic_ops() {
    let cases = [
        ("i8x16.relaxed_swizzle", 2, "i8x16_swizzle"),
        ("i32x4.relaxed_trunc_f32x4_s", 1, "i32x4_trunc_sat_f32x4_s"),
        ("i32x4.relaxed_trunc_f32x4_u", 1, "i32x4_trunc_sat_f32x4_u"),
        ("i32x4.relaxed_trunc_f64x2_s_zero", 1, "i32x4_trunc_sat_f64x2_s_zero"),
        ("i32x4.relaxed_trunc_f64x2_u_zero", 1, "i32x4_trunc_sat_f64x2_u_zero"),
        ("f32x4.relaxed_madd", 3, "f32x4_relaxed_madd"),
        ("f32x4.relaxed_nmadd", 3, "f32x4_relaxed_nmadd"),
        ("f64x2.relaxed_madd", 3, "f64x2_relaxed_madd"),
        ("f64x2.relaxed_nmadd", 3, "f64x2_relaxed_nmadd"),
        ("i8x16.relaxed_laneselect", 3, "v128_bitselect"),
        ("i16x8.relaxed_laneselect", 3, "v128_bitselect"),
        ("i32x4.relaxed_laneselect", 3, "v128_bitselect"),
        ("i64x2.relaxed_laneselect", 3, "v128_bitselect"),
        ("f32x4.relaxed_min", 2, "f32x4_min"),
        ("f32x4.relaxed_max", 2, "f32x4_max"),
        ("f64x2.relaxed_min", 2, "f64x2_min"),
        ("f64x2.relaxed_max", 2, "f64x2_max"),
        ("i16x8.relaxed_q15mulr_s", 2, "i16x8_q15mulr_sat_s"),
        ("i16x8.relaxed_dot_i8x16_i7x16_s", 2, "i16x8_relaxed_dot_i8x16_i7x16_s"),
        ("i32x4.relaxed_dot_i8x16_i7x16_add_s", 3, "i32x4_relaxed_dot_i8x16_i7x16_add_s"),
    ];
    for (op, arity, ir) in cases {
        let operands = "(local.get 0) ".repeat(arity);
        let text = format!("(module (func (param v128) (result v128) ({op} {operands})))");
        let err = decode(&wasm(&text), Features::default()).unwrap_err();
        assert!(err.message().contains("the relaxed-simd proposal is not enabled"), "{op}: {err}");
        let module = decode(&wasm(&text), with("relaxed-simd")).unwrap_or_else(|e| panic!("{op}: {e}"));
        let body = module.body(0).unwrap();
        assert!(body.ops.iter().any(|o| o.name() == ir), "{op}: {:?}", body.ops);
    }
}

/// `return_call` and `return_call_indirect` leave their arguments in consecutive slots, read
/// the table index from its own slot, end with the `return` a host callee's results go through,
/// and size the frame for the callee's results (here more than the caller's operands).
#[test]
fn tail_calls_translate_to_their_ops_and_a_return() {
    let text = r#"(module
        (type $t (func (param i32) (result i64 i64 i64)))
        (import "env" "h" (func $h (param i32) (result i64 i64 i64)))
        (table 1 funcref)
        (func $f (param i32) (result i64 i64 i64)
            (return_call $h (i32.add (local.get 0) (i32.const 1))))
        (func (param i32) (result i64 i64 i64)
            (return_call_indirect (type $t) (local.get 0) (local.get 0))))"#;
    let module = decode(&wasm(text), with("tail-call")).unwrap();
    let direct = module.body(0).unwrap();
    assert_eq!(
        direct.disassemble(),
        "   0: i32_add_imm dst=1 a=0 imm=1\n   1: return_call func=0 base=1\n   2: return_\n"
    );
    assert_eq!(direct.frame_slots, 4, "the results at base 1");
    let indirect = module.body(1).unwrap();
    assert_eq!(
        indirect.disassemble(),
        "   0: copy dst=1 src=0\n   1: return_call_indirect index=0 base=1 ty=0 table=0\n   2: return_\n"
    );
    assert_eq!(indirect.frame_slots, 4);
}
