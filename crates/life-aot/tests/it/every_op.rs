//! Every IR op, run on every engine: generated from the op list.
//!
//! For each entry of `for_each_op!` (and each accumulator form of `for_each_acc_op!`) the test
//! writes a small Wasm function whose translation contains that op, from the op's name (names
//! match Wasm's, see `ir/ops.rs`) and fields. The functions are straight-line code, so every op
//! they contain runs when they are called. The test then checks that the translations of the
//! corpus hold every op of the list (a new op without a way to produce it here fails, naming
//! it), and runs every function on the interpreter (threaded and portable loops), Polymerase
//! with guard pages and checked, each unmetered and metered, comparing results, traps, memory
//! and gas.

use crate::outcome;
use life_decode::ir::{FuncBody, Op};
use life_interp::{Engine, Module, NoImports, Value, Vm, VmConfig};
use std::collections::BTreeSet;

/// One op of the list: its snake name and field names.
struct Entry {
    snake: &'static str,
    fields: &'static [&'static str],
}

macro_rules! entries {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* } $facts:tt; )*) => {
        vec![$( Entry { snake: stringify!($snake), fields: &[$(stringify!($field)),*] } ),*]
    };
}

/// `(form's snake name, base op's snake name, operand read from the accumulator)` of every
/// accumulator form.
macro_rules! acc_forms {
    ($( $form:ident = $base:ident [$operand:ident $($comm:ident)?] { $($field:ident),* }; )*) => {
        vec![$( (
            Op::$form { $($field: Default::default()),* }.name(),
            Op::$base { $($field: Default::default()),* }.name(),
            stringify!($operand),
        ) ),*]
    };
}

/// The Wasm text name of an IR op named like its Wasm operator (`i32_add` -> `i32.add`).
fn wasm_name(snake: &str) -> String {
    snake.replacen('_', ".", 1)
}

/// A value of `ty` from the function's parameters (`$a $b: i32`, `$x $y: i64`, `$f $g: f32`,
/// `$d $e: f64`, `$v $w: v128` locals), the first or the second.
fn operand(ty: &str, second: bool) -> String {
    let name = match (ty, second) {
        ("i32", false) => "$a",
        ("i32", true) => "$b",
        ("i64", false) => "$x",
        ("i64", true) => "$y",
        ("f32", false) => "$f",
        ("f32", true) => "$g",
        ("f64", false) => "$d",
        ("f64", true) => "$e",
        (_, false) => "$v",
        (_, true) => "$w",
    };
    format!("(local.get {name})")
}

/// A value of `ty` computed by an op just before its use, so that the op after it can read it
/// from the accumulator.
fn produced(ty: &str) -> String {
    match ty {
        "i32" => "(i32.add (local.get $a) (local.get $b))".into(),
        "i64" => "(i64.add (local.get $x) (local.get $y))".into(),
        "f32" => "(f32.add (local.get $f) (local.get $g))".into(),
        _ => "(f64.add (local.get $d) (local.get $e))".into(),
    }
}

const TYPES: [&str; 4] = ["i32", "i64", "f32", "f64"];
const COMPARES: [&str; 11] = ["eqz", "eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];
const FLOAT_COMPARES: [&str; 6] = ["eq", "ne", "lt", "gt", "le", "ge"];

/// The scalar type an op's name starts with, and the rest of the name.
fn typed(snake: &str) -> Option<(&'static str, &str)> {
    TYPES.iter().find_map(|t| snake.strip_prefix(t).and_then(|r| r.strip_prefix('_')).map(|rest| (*t, rest)))
}

/// A function body computing op `snake` (fields `fields`) on the parameters, and its result
/// type; `None` for the ops [`special`] writes.
fn numeric(snake: &str, fields: &[&str]) -> Option<(String, &'static str)> {
    let (ty, rest) = typed(snake)?;
    // Loads and stores, and `i64_clamp_u32` (no Wasm op of that name), are in `special`.
    if rest.contains("load") || rest.contains("store") || snake == "i64_clamp_u32" {
        return None;
    }
    let (op, imm) = match rest.strip_suffix("_imm") {
        Some(op) => (op, true),
        None => (rest, false),
    };
    let compare = COMPARES.contains(&op) || (ty.starts_with('f') && FLOAT_COMPARES.contains(&op));
    let result = if compare { "i32" } else { ty };
    let wasm = format!("{ty}.{op}");
    let body = match fields {
        ["dst", "a", "b"] => format!("({wasm} {} {})", operand(ty, false), operand(ty, true)),
        ["dst", "a", "imm"] => format!("({wasm} {} ({ty}.const 5))", operand(ty, false)),
        ["dst", "src"] if !imm => {
            // A conversion names its source type after the operation (`i64_extend_i32_s`).
            let from = TYPES.iter().copied().find(|t| op.contains(&format!("_{t}"))).unwrap_or(ty);
            format!("({wasm} {})", operand(from, false))
        }
        _ => return None,
    };
    Some((body, result))
}

/// The lane type of a SIMD shape (`i8x16` -> `i32`).
fn lane_type(snake: &str) -> &'static str {
    match &snake[..5] {
        "i64x2" => "i64",
        "f32x4" => "f32",
        "f64x2" => "f64",
        _ => "i32",
    }
}

/// A function body for a pure SIMD op, from its name and fields.
fn simd(snake: &str, fields: &[&str]) -> Option<(String, &'static str)> {
    let wasm = wasm_name(snake);
    let (v, w) = (operand("v128", false), operand("v128", true));
    Some(match fields {
        ["dst", "a", "b"] if ["_shl", "_shr_s", "_shr_u"].iter().any(|s| snake.ends_with(s)) => {
            (format!("({wasm} {v} (local.get $a))"), "v128")
        }
        ["dst", "a", "b"] => (format!("({wasm} {v} {w})"), "v128"),
        ["dst", "a", "b", "lane"] => (format!("({wasm} 1 {v} {})", operand(lane_type(snake), false)), "v128"),
        ["dst", "a", "lanes"] => (format!("({wasm} 0 17 2 19 4 21 6 23 8 25 10 27 12 29 14 31 {v} {w})"), "v128"),
        ["dst", "args"] => (format!("({wasm} {v} {w} {v})"), "v128"),
        ["dst", "src", "lane"] => (format!("({wasm} 1 {v})"), lane_type(snake)),
        ["dst", "src"] if snake.ends_with("_splat") => {
            (format!("({wasm} {})", operand(lane_type(snake), false)), "v128")
        }
        ["dst", "src"] if ["_any_true", "_all_true", "_bitmask"].iter().any(|s| snake.ends_with(s)) => {
            (format!("({wasm} {v})"), "i32")
        }
        ["dst", "src"] => (format!("({wasm} {v})"), "v128"),
        _ => return None,
    })
}

/// Bodies for the ops that do not follow the naming rules above: control, data movement,
/// tables, bulk memory, memory access. Each is `(body, result type)`.
fn special() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &str)> = vec![
        ("(block (br 0)) (unreachable)".into(), "i32"),
        ("(block (block (br_table 0 1 (local.get $a)))) (local.get $a)".into(), "i32"),
        ("(return (local.get $a))".into(), "i32"),
        ("(global.set $g32 (local.get $a)) (return)".into(), ""),
        ("(i32.add (local.get $a) (local.get $b)) (return)".into(), "i32"),
        ("(call $pair (local.get $a)) (drop)".into(), "i32"),
        ("(call $pair (local.get $a)) (return)".into(), "i32 i32"),
        ("(call_indirect (type $unary) (local.get $a) (i32.const 0))".into(), "i32"),
        ("(return_call $unary (i32.add (local.get $a) (local.get $b)))".into(), "i32"),
        ("(return_call $pair (local.get $b))".into(), "i32 i32"),
        ("(return_call_indirect (type $unary) (local.get $b) (i32.const 0))".into(), "i32"),
        ("(local.set $a (local.get $b)) (local.get $a)".into(), "i32"),
        (
            "(block (result i32 i32) (i32.add (local.get $a) (local.get $b)) (i32.sub (local.get $a) (local.get $b)) \
             (i32.mul (local.get $a) (local.get $b)) (br 0)) (i32.add)"
                .into(),
            "i32",
        ),
        ("(local.set $v (local.get $w)) (local.get $v)".into(), "v128"),
        ("(i32.const 123456) (i64.const 1234567890123)".into(), "i32 i64"),
        ("(select (local.get $a) (local.get $b) (local.get $a))".into(), "i32"),
        ("(select (local.get $v) (local.get $w) (local.get $a))".into(), "v128"),
        ("(global.set $g32 (local.get $a)) (global.get $g32)".into(), "i32"),
        ("(global.set $g128 (local.get $v)) (global.get $g128)".into(), "v128"),
        ("(ref.is_null (ref.func $pair))".into(), "i32"),
        ("(table.set $t (i32.const 1) (table.get $t (i32.const 0))) (table.size $t)".into(), "i32"),
        ("(table.grow $t (ref.null func) (i32.const 1))".into(), "i32"),
        ("(table.fill $t (i32.const 1) (ref.func $pair) (i32.const 1)) (i32.const 0)".into(), "i32"),
        ("(table.copy $t $t (i32.const 0) (i32.const 1) (i32.const 1)) (i32.const 0)".into(), "i32"),
        ("(table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1)) (elem.drop $e) (i32.const 0)".into(), "i32"),
        ("(memory.copy (i32.const 8) (i32.const 0) (i32.const 8)) (i32.load (i32.const 8))".into(), "i32"),
        ("(memory.fill (i32.const 8) (local.get $a) (i32.const 8)) (i32.load (i32.const 8))".into(), "i32"),
        (
            "(memory.init $d (i32.const 8) (i32.const 0) (i32.const 4)) (data.drop $d) (i32.load (i32.const 8))".into(),
            "i32",
        ),
        ("(memory.grow (i32.const 1)) (memory.size) (i32.add)".into(), "i32"),
        // Memory 1: accesses through `select_memory`, bulk and size ops of their own, copies
        // between the memories, and an access out of its bounds (a guard-page fault).
        ("(memory.grow $m1 (i32.const 1)) (memory.size $m1) (i32.add)".into(), "i32"),
        ("(memory.fill $m1 (i32.const 8) (local.get $a) (i32.const 8)) (i32.load $m1 (i32.const 8))".into(), "i32"),
        ("(memory.init $m1 $d1 (i32.const 8) (i32.const 1) (i32.const 4)) (i32.load $m1 (i32.const 8))".into(), "i32"),
        ("(memory.copy $m1 0 (i32.const 16) (i32.const 0) (i32.const 8)) (i64.load $m1 (i32.const 16))".into(), "i64"),
        ("(memory.copy 0 $m1 (i32.const 32) (i32.const 3) (i32.const 8)) (i64.load (i32.const 32))".into(), "i64"),
        ("(memory.copy $m1 $m1 (i32.const 1) (i32.const 0) (i32.const 8)) (i64.load $m1 (i32.const 0))".into(), "i64"),
        ("(memory.copy $m1 0 (i32.const 65530) (i32.const 0) (i32.const 8)) (i32.const 0)".into(), "i32"),
        ("(i32.store $m1 offset=3 (local.get $p) (local.get $a)) (i32.load $m1 offset=2 (local.get $p))".into(), "i32"),
        ("(i64.store8 $m1 (local.get $p) (local.get $x)) (i64.load8_s $m1 (local.get $p))".into(), "i64"),
        ("(f64.store $m1 (local.get $p) (local.get $d)) (f64.load $m1 (local.get $p))".into(), "f64"),
        ("(v128.store $m1 (local.get $p) (local.get $v)) (v128.load32x2_s $m1 offset=4 (local.get $p))".into(), "v128"),
        ("(v128.store16_lane $m1 3 (local.get $p) (local.get $v)) (v128.load64_lane $m1 1 (local.get $p) (local.get $w))".into(), "v128"),
        ("(i32.load $m1 offset=8 (i32.const 65530))".into(), "i32"),
        // A 64-bit memory: addresses narrowed by `addr64`, counts by `i64_clamp_u32`.
        ("(i32.store $m64 offset=4 (i64.const 8) (local.get $a)) (i32.load $m64 (i64.const 12))".into(), "i32"),
        ("(i32.load $m64 (local.get $x))".into(), "i32"),
        ("(memory.grow $m64 (i64.const 1)) (memory.size $m64) (i64.add)".into(), "i64"),
        ("(memory.fill $m64 (i64.const 8) (local.get $a) (i64.const 8)) (i64.load $m64 (i64.const 8))".into(), "i64"),
        ("(f32.div (local.get $f) (local.get $g))".into(), "f32"),
        ("(f64.div (local.get $d) (local.get $e))".into(), "f64"),
        ("(f32x4.div (local.get $v) (local.get $w))".into(), "v128"),
        ("(f64x2.div (local.get $v) (local.get $w))".into(), "v128"),
        // Integer division by zero traps: the last op of its function.
        ("(i32.div_u (local.get $a) (i32.const 0))".into(), "i32"),
    ];
    for (ty, load, store) in [
        ("i32", vec!["load", "load8_s", "load8_u", "load16_s", "load16_u"], vec!["store", "store8", "store16"]),
        (
            "i64",
            vec!["load", "load8_s", "load8_u", "load16_s", "load16_u", "load32_s", "load32_u"],
            vec!["store", "store8", "store16", "store32"],
        ),
        ("f32", vec!["load"], vec!["store"]),
        ("f64", vec!["load"], vec!["store"]),
    ] {
        for l in load {
            out.push((format!("({ty}.{l} offset=3 (local.get $p))"), ty));
        }
        for s in store {
            out.push((
                format!("({ty}.{s} offset=5 (local.get $p) {}) ({ty}.load (local.get $p))", operand(ty, false)),
                ty,
            ));
        }
    }
    for l in [
        "load",
        "load8x8_s",
        "load8x8_u",
        "load16x4_s",
        "load16x4_u",
        "load32x2_s",
        "load32x2_u",
        "load8_splat",
        "load16_splat",
        "load32_splat",
        "load64_splat",
        "load32_zero",
        "load64_zero",
    ] {
        out.push((format!("(v128.{l} offset=2 (local.get $p))"), "v128"));
    }
    out.push(("(v128.store offset=2 (local.get $p) (local.get $v)) (v128.load (local.get $p))".into(), "v128"));
    for bits in [8, 16, 32, 64] {
        out.push((format!("(v128.load{bits}_lane offset=1 1 (local.get $p) (local.get $v))"), "v128"));
        out.push((
            format!("(v128.store{bits}_lane 1 (local.get $p) (local.get $v)) (v128.load (local.get $p))"),
            "v128",
        ));
    }
    // Conditional branches, plain and fused with each comparison (slot and constant operand),
    // and loop counters fused with them.
    out.push((
        "(block (br_if 0 (local.get $a))) (block (br_if 0 (i32.eqz (local.get $a)))) (local.get $a)".into(),
        "i32",
    ));
    for w in ["i32", "i64"] {
        let (lhs, rhs) = (operand(w, false), operand(w, true));
        for c in COMPARES.iter().skip(1) {
            out.push((
                format!("(block (br_if 0 ({w}.{c} {lhs} {rhs}))) (block (br_if 0 ({w}.{c} {lhs} ({w}.const 3)))) (i32.const 1)"),
                "i32",
            ));
            for bound in [format!("(local.get {})", if w == "i32" { "$n" } else { "$m" }), format!("({w}.const 5)")] {
                let counter = if w == "i32" { "$i" } else { "$j" };
                out.push((
                    format!(
                        "(local.set {counter} ({w}.const 0)) \
                         (loop $l (local.set {counter} ({w}.add (local.get {counter}) ({w}.const 1))) \
                         (br_if $l ({w}.{c} (local.get {counter}) {bound}))) \
                         (local.get {counter})"
                    ),
                    w,
                ));
            }
        }
    }
    // Every relaxed SIMD operator, including those that run as a 2.0 op, on operands that reach
    // their implementation-defined cases: `$v` has lanes of NaN (as f32), -0, 0x80 bytes and
    // -32768 (as i16); `$w` a NaN lane; the constants make the dot products saturate.
    for (op, arity) in [
        ("i8x16.relaxed_swizzle", 2),
        ("i32x4.relaxed_trunc_f32x4_s", 1),
        ("i32x4.relaxed_trunc_f32x4_u", 1),
        ("i32x4.relaxed_trunc_f64x2_s_zero", 1),
        ("i32x4.relaxed_trunc_f64x2_u_zero", 1),
        ("f32x4.relaxed_madd", 3),
        ("f32x4.relaxed_nmadd", 3),
        ("f64x2.relaxed_madd", 3),
        ("f64x2.relaxed_nmadd", 3),
        ("i8x16.relaxed_laneselect", 3),
        ("i16x8.relaxed_laneselect", 3),
        ("i32x4.relaxed_laneselect", 3),
        ("i64x2.relaxed_laneselect", 3),
        ("f32x4.relaxed_min", 2),
        ("f32x4.relaxed_max", 2),
        ("f64x2.relaxed_min", 2),
        ("f64x2.relaxed_max", 2),
        ("i16x8.relaxed_q15mulr_s", 2),
        ("i16x8.relaxed_dot_i8x16_i7x16_s", 2),
        ("i32x4.relaxed_dot_i8x16_i7x16_add_s", 3),
    ] {
        let operands = ["(local.get $w)", "(local.get $v)", "(local.get $w)"][..arity].join(" ");
        out.push((format!("({op} {operands})"), "v128"));
        let operands = ["(local.get $v)", "(local.get $v)", "(local.get $w)"][..arity].join(" ");
        out.push((format!("({op} {operands})"), "v128"));
    }
    let min = "(v128.const i8x16 -128 -128 -128 -127 127 127 5 -5 -128 -128 0 1 2 3 4 5)";
    out.push((format!("(i16x8.relaxed_dot_i8x16_i7x16_s {min} {min})"), "v128"));
    out.push((format!("(i32x4.relaxed_dot_i8x16_i7x16_add_s {min} {min} (local.get $v))"), "v128"));
    let big = "(v128.const f32x4 0x1.fffffep+127 1.0 -0.0 0x1p-149)";
    out.push((
        format!(
            "(f32x4.relaxed_madd {big} (v128.const f32x4 2.0 1.0 0.0 0.5) (v128.const f32x4 -0x1.fffffep+127 -1 0 0))"
        ),
        "v128",
    ));
    out
}

/// A body using accumulator form `form` of `base`, reading `operand` from the accumulator.
fn acc_body(form: &str, base: &str, operand_name: &str) -> Option<(String, &'static str)> {
    match (base, operand_name) {
        ("br_if_nez", _) => return Some((format!("(block (br_if 0 {})) (i32.const 1)", produced("i32")), "i32")),
        ("br_if_eqz", _) => {
            return Some((format!("(block (br_if 0 (i32.eqz {}))) (i32.const 1)", produced("i32")), "i32"));
        }
        ("copy", _) => {
            let body = format!(
                "(local.set $i {}) (local.set $n (local.get $i)) (i32.add (local.get $n) (local.get $b))",
                produced("i32")
            );
            return Some((body, "i32"));
        }
        _ => {}
    }
    if let Some(cmp) = base.strip_prefix("br_if_") {
        // A fused compare-and-branch whose left operand the op before it computed.
        let (ty, rest) = typed(cmp)?;
        let (op, imm) = rest.strip_suffix("_imm").map_or((rest, false), |op| (op, true));
        let rhs = if imm { format!("({ty}.const 3)") } else { operand(ty, true) };
        return Some((format!("(block (br_if 0 ({ty}.{op} {} {rhs}))) (i32.const 1)", produced(ty)), "i32"));
    }
    let (ty, rest) = typed(base)?;
    if rest.starts_with("load") {
        return Some((format!("({ty}.{rest} (i32.and (local.get $p) (i32.const 255)))"), ty));
    }
    if rest.starts_with("store") {
        let (addr, value) = match operand_name {
            "addr" => ("(i32.and (local.get $p) (i32.const 255))".to_string(), operand(ty, false)),
            _ => ("(local.get $p)".to_string(), produced(ty)),
        };
        return Some((format!("({ty}.{rest} {addr} {value}) ({ty}.load (local.get $p))"), ty));
    }
    if operand_name == "src" {
        let from = TYPES.iter().copied().find(|t| rest.contains(&format!("_{t}"))).unwrap_or(ty);
        let result = if rest == "eqz" { "i32" } else { ty };
        return Some((format!("({ty}.{rest} {})", produced(from)), result));
    }
    let (op, imm) = rest.strip_suffix("_imm").map_or((rest, false), |op| (op, true));
    let compare = COMPARES.contains(&op) || (ty.starts_with('f') && FLOAT_COMPARES.contains(&op));
    let result = if compare { "i32" } else { ty };
    let wasm = format!("{ty}.{op}");
    let body = match (operand_name, imm) {
        (_, true) => format!("({wasm} {} ({ty}.const 5))", produced(ty)),
        ("a", false) => format!("({wasm} {} {})", produced(ty), operand(ty, true)),
        ("b", false) => format!("({wasm} {} {})", operand(ty, false), produced(ty)),
        _ => panic!("{form}: operand {operand_name}"),
    };
    Some((body, result))
}

/// The corpus module: every body as an exported function `f0`, `f1`, ... over the same
/// parameters, memory, table, globals and segments.
fn corpus() -> (String, usize) {
    let mut bodies: Vec<(String, &str)> = Vec::new();
    let forms = life_decode::for_each_acc_op!(acc_forms);
    for e in life_decode::for_each_op!(entries) {
        if forms.iter().any(|(form, ..)| *form == e.snake) {
            continue;
        }
        if let Some(b) = numeric(e.snake, e.fields).or_else(|| {
            ((e.snake.contains('x') || e.snake.starts_with("v128_"))
                && !e.snake.starts_with("v128_load")
                && !e.snake.starts_with("v128_store"))
            .then(|| simd(e.snake, e.fields))
            .flatten()
        }) {
            bodies.push(b);
        }
    }
    for (form, base, operand_name) in forms {
        bodies.push(acc_body(form, base, operand_name).unwrap_or_else(|| panic!("no body for {form}")));
    }
    bodies.extend(special());
    let mut wat = String::from(
        r#"(module
        (type $unary (func (param i32) (result i32)))
        (memory 1 2)
        (memory $m1 (export "m1") 1 3)
        (memory $m64 i64 1 2)
        (data $d1 "\aa\bb\cc\dd\ee")
        (data (memory $m1) (i32.const 0) "\10\20\30\40\50\60\70\80\90")
        (data $d "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10\11\12\13\14\15\16\17\18\19\1a\1b\1c\1d\1e\1f")
        (table $t 2 4 funcref)
        (elem $e func $pair)
        (elem (table $t) (i32.const 0) func $unary)
        (global $g32 (mut i32) (i32.const 9))
        (global $g128 (mut v128) (v128.const i64x2 1 2))
        (func $unary (type $unary) (i32.mul (local.get 0) (i32.const 3)))
        (func $pair (param i32) (result i32 i32) (local.get 0) (i32.const 7))
"#,
    );
    for (i, (body, result)) in bodies.iter().enumerate() {
        let result = if result.is_empty() { String::new() } else { format!("(result {result})") };
        wat.push_str(&format!(
            "(func (export \"f{i}\") (param $a i32) (param $b i32) (param $x i64) (param $y i64) (param $f f32) \
             (param $g f32) (param $d f64) (param $e f64) (param $p i32) (param $n i32) (param $m i64) {result} \
             (local $i i32) (local $j i64) (local $v v128) (local $w v128) \
             (local.set $v (v128.const i32x4 7 -3 0x7fffffff 0x80000000)) \
             (local.set $w (v128.const f32x4 1.5 -2.25 nan 0x1p-140)) \
             {body})\n"
        ));
    }
    wat.push(')');
    (wat, bodies.len())
}

/// The arguments every function of the corpus gets.
fn args() -> Vec<Value> {
    vec![
        Value::I32(-77),
        Value::I32(5),
        Value::I64(1_234_567_890_123),
        Value::I64(-3),
        Value::from(3.75f32),
        Value::from(-0.5f32),
        Value::from(12_345.75f64),
        Value::from(-3.5f64),
        Value::I32(40),
        Value::I32(6),
        Value::I64(4),
    ]
}

/// The ops in the translations of every function of `module`.
fn ops_of(module: &Module) -> BTreeSet<&'static str> {
    let module = module.decoded();
    let mut seen = BTreeSet::new();
    for i in 0..module.num_bodies() {
        let body: &FuncBody = module.body(i).expect("the corpus translates");
        seen.extend(body.ops.iter().map(|op| op.name()));
    }
    seen
}

#[test]
fn every_op_runs_the_same_on_every_engine() {
    let (wat, n) = corpus();
    let wasm = wat::parse_str(&wat).unwrap_or_else(|e| panic!("corpus: {e}"));
    // The features of every op of the list: WebAssembly 2.0 and the 3.0 proposals Life runs.
    let mut features = life_decode::Features::default();
    for proposal in ["relaxed-simd", "tail-call", "multi-memory", "memory64"] {
        features.set(proposal, true).unwrap();
    }
    let plain = VmConfig { features, ..VmConfig::default() };
    let metered = VmConfig { gas_limit: Some(u64::MAX / 2), ..plain.clone() };
    let canonical = VmConfig { canonicalize_nans: true, ..plain.clone() };

    // Every op of the list occurs in the corpus under one of the configurations.
    let mut seen = BTreeSet::new();
    for config in [&plain, &metered, &canonical] {
        let config = VmConfig { lazy_translation: false, ..config.clone() };
        seen.extend(ops_of(&Module::new(&wasm, &config).expect("the corpus decodes")));
    }
    let all: Vec<&str> = life_decode::for_each_op!(entries).iter().map(|e| e.snake).collect();
    let missing: Vec<_> = all.iter().filter(|s| !seen.contains(*s)).collect();
    assert!(missing.is_empty(), "the corpus produces no {missing:?}: teach every_op.rs to write them");

    // Each function on each engine, unmetered, metered and canonicalizing.
    let checked = life_aot::Polymerase { guard_pages: false, ..Default::default() };
    let engines: [(&str, Engine, bool); 4] = [
        ("interp", Engine::Interpreter, false),
        ("interp-portable", Engine::Interpreter, true),
        ("polymerase", life_aot::polymerase(), false),
        ("polymerase-checked", Engine::Native(std::sync::Arc::new(checked)), false),
    ];
    for config in [plain, metered, canonical] {
        let mut first: Option<(&str, Vec<_>)> = None;
        for (name, engine, portable) in &engines {
            let config = VmConfig { engine: engine.clone(), portable_dispatch: *portable, ..config.clone() };
            let module = Module::new(&wasm, &config).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut vm = Vm::from_module(&module, config, &mut NoImports).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut outcomes = Vec::with_capacity(n);
            for i in 0..n {
                let r = outcome(vm.invoke(&format!("f{i}"), &args()));
                let mut memory = vm.memory_slice().map(|m| m.to_vec()).unwrap_or_default();
                let Ok(life_interp::Extern::Memory(m1)) = vm.store().export(vm.instance(), "m1") else {
                    panic!("the corpus exports memory 1")
                };
                memory.extend_from_slice(vm.store().memory_data(m1).expect("memory 1"));
                outcomes.push((r, memory, vm.store().gas_used()));
            }
            match &first {
                None => first = Some((name, outcomes)),
                Some((reference, expected)) => {
                    for (i, (a, b)) in expected.iter().zip(&outcomes).enumerate() {
                        assert_eq!(a.0, b.0, "f{i}: {reference} vs {name}");
                        assert!(a.1 == b.1, "f{i}: memory differs between {reference} and {name}");
                        assert_eq!(a.2, b.2, "f{i}: gas used, {reference} vs {name}");
                    }
                }
            }
        }
    }
}
