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
    assert_eq!(unimplemented, ["tail-call", "relaxed-simd", "function-references", "exceptions", "gc"]);
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
        ("(module (func return_call 0))", "tail calls support is not enabled"),
        ("(module (memory i64 1))", "memory64 must be enabled"),
        (
            "(module (func (param v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 0) (local.get 0))))",
            "relaxed SIMD support is not enabled",
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
