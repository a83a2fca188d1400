//! 64-bit memories (memory64) on every engine: `i64` addresses and sizes, traps at the edges
//! (an address plus offset past 4 GiB or past 2^64), limits, and 64-bit tables.

use crate::{engines, outcome};
use life_interp::{NoImports, Value, VmConfig};

fn config() -> VmConfig {
    VmConfig {
        features: life_decode::Features { memory64: true, multi_memory: true, ..Default::default() },
        ..VmConfig::default()
    }
}

const EDGES: &str = r#"(module (memory i64 1) (memory $m32 1)
    (data (i64.const 65532) "\01\02\03\04")
    (func (export "load") (param i64) (result i32) (i32.load (local.get 0)))
    (func (export "load_far") (param i64) (result i32) (i32.load offset=0xfffffffffffffff0 (local.get 0)))
    (func (export "load_4g") (param i64) (result i32) (i32.load offset=0x100000000 (local.get 0)))
    (func (export "store") (param i64 i32) (i32.store offset=2 (local.get 0) (local.get 1)))
    (func (export "size") (result i64) (memory.size))
    (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0)))
    (func (export "fill") (param i64 i64) (memory.fill (local.get 0) (i32.const 7) (local.get 1)))
    (func (export "copy_from32") (param i64 i32) (result i32)
        (memory.copy 0 $m32 (local.get 0) (local.get 1) (i32.const 4))
        (i32.load (local.get 0))))"#;

#[test]
fn addresses_offsets_and_sizes_are_64_bit() {
    let oob = "trap: out of bounds memory access";
    for config in
        [config(), VmConfig { gas_limit: Some(1_000_000), ..config() }, VmConfig { max_memory_pages: 2, ..config() }]
    {
        for (name, engine) in engines() {
            let mut vm = crate::vm(EDGES.as_bytes(), &engine, &config, &mut NoImports).unwrap();
            let mut call = |f: &str, args: &[Value]| outcome(vm.invoke(f, args));
            let i64_ = Value::I64;
            assert_eq!(call("load", &[i64_(65532)]), Ok(vec![Value::I32(0x0403_0201)]), "{name}");
            assert!(call("load", &[i64_(65533)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("load", &[i64_(1 << 32)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("load", &[i64_(-1)]).unwrap_err().starts_with(oob), "{name}");
            // Address plus offset overflows 64 bits, or passes 4 GiB: out of bounds.
            assert!(call("load_far", &[i64_(0x20)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("load_far", &[i64_(0)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("load_4g", &[i64_(0)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("store", &[i64_(65531), Value::I32(1)]).unwrap_err().starts_with(oob), "{name}");
            assert_eq!(
                call("load", &[i64_(65532)]),
                Ok(vec![Value::I32(0x0403_0201)]),
                "{name}: a trapping store wrote"
            );
            assert_eq!(call("size", &[]), Ok(vec![i64_(1)]), "{name}");
            // A count above 32 bits fails like any grow too large; the limit applies.
            assert_eq!(call("grow", &[i64_(1 << 32)]), Ok(vec![i64_(-1)]), "{name}");
            assert_eq!(call("grow", &[i64_(1)]), Ok(vec![i64_(1)]), "{name}");
            assert_eq!(call("grow", &[i64_(1)]), Ok(vec![i64_(if config.max_memory_pages == 2 { -1 } else { 2 })]));
            assert!(call("fill", &[i64_(0), i64_(1 << 32)]).unwrap_err().starts_with(oob), "{name}");
            assert!(call("fill", &[i64_(1 << 32), i64_(0)]).unwrap_err().starts_with(oob), "{name}");
            assert_eq!(call("fill", &[i64_(8), i64_(4)]), Ok(vec![]), "{name}");
            assert_eq!(call("copy_from32", &[i64_(8), Value::I32(0)]), Ok(vec![Value::I32(0)]), "{name}");
        }
    }
}

#[test]
fn max_memory64_bytes_limits_64_bit_memories_only() {
    let config = VmConfig { max_memory64_bytes: 3 * 65536 + 100, ..config() };
    let src = r#"(module (memory i64 1) (memory $m32 1)
        (func (export "grow64") (param i64) (result i64) (memory.grow (local.get 0)))
        (func (export "grow32") (param i32) (result i32) (memory.grow $m32 (local.get 0))))"#;
    for (name, engine) in engines() {
        let mut vm = crate::vm(src.as_bytes(), &engine, &config, &mut NoImports).unwrap();
        assert_eq!(vm.invoke("grow64", &[Value::I64(3)]).unwrap(), [Value::I64(-1)], "{name}");
        assert_eq!(vm.invoke("grow64", &[Value::I64(2)]).unwrap(), [Value::I64(1)], "{name}");
        assert_eq!(vm.invoke("grow32", &[Value::I32(5)]).unwrap(), [Value::I32(1)], "{name}");
        let err = crate::vm(b"(module (memory i64 4))", &engine, &config, &mut NoImports).unwrap_err();
        assert!(err.to_string().contains("memory needs 4 pages, more than the maximum of 3"), "{name}: {err}");
    }
}

/// 64-bit tables (table64): `i64` indices, sizes and counts; an index past 2^32 must not wrap.
#[test]
fn tables_take_64_bit_indices() {
    let src = r#"(module (type $t (func (result i32)))
        (table $t64 i64 2 5 funcref)
        (elem (table $t64) (i64.const 1) func $seven)
        (func $seven (type $t) (i32.const 7))
        (func (export "call") (param i64) (result i32) (call_indirect $t64 (type $t) (local.get 0)))
        (func (export "size") (result i64) (table.size $t64))
        (func (export "grow") (param i64) (result i64) (table.grow $t64 (ref.null func) (local.get 0)))
        (func (export "is_null") (param i64) (result i32) (ref.is_null (table.get $t64 (local.get 0))))
        (func (export "fill") (param i64 i64) (table.fill $t64 (local.get 0) (ref.func $seven) (local.get 1)))
        (func (export "set") (param i64) (table.set $t64 (local.get 0) (ref.null func))))"#;
    for config in [config(), VmConfig { gas_limit: Some(1_000_000), ..config() }] {
        for (name, engine) in engines() {
            let mut vm = crate::vm(src.as_bytes(), &engine, &config, &mut NoImports).unwrap();
            let mut call = |f: &str, args: &[Value]| outcome(vm.invoke(f, args));
            let i64_ = Value::I64;
            let trap = |r: Result<Vec<Value>, String>, what: &str| {
                let e = r.unwrap_err();
                assert!(e.starts_with(&format!("trap: {what}")), "{name}: {e}");
            };
            assert_eq!(call("call", &[i64_(1)]), Ok(vec![Value::I32(7)]), "{name}");
            trap(call("call", &[i64_(0)]), "uninitialized element");
            trap(call("call", &[i64_((1 << 32) + 1)]), "undefined element");
            trap(call("call", &[i64_(-1)]), "undefined element");
            assert_eq!(call("size", &[]), Ok(vec![i64_(2)]), "{name}");
            // Metered, growing a table charges per element first (as for 32-bit tables).
            if config.gas_limit.is_none() {
                assert_eq!(call("grow", &[i64_(1 << 32)]), Ok(vec![i64_(-1)]), "{name}");
            } else {
                trap(call("grow", &[i64_(1 << 32)]), "out of gas");
            }
            assert_eq!(call("grow", &[i64_(1)]), Ok(vec![i64_(2)]), "{name}");
            assert_eq!(call("is_null", &[i64_(2)]), Ok(vec![Value::I32(1)]), "{name}");
            trap(call("is_null", &[i64_((1 << 32) + 1)]), "out of bounds table access");
            let huge = if config.gas_limit.is_none() { "out of bounds table access" } else { "out of gas" };
            trap(call("fill", &[i64_(0), i64_((1 << 32) + 1)]), huge);
            trap(call("set", &[i64_(-1)]), "out of bounds table access");
            assert_eq!(call("fill", &[i64_(2), i64_(1)]), Ok(vec![]), "{name}");
            assert_eq!(call("call", &[i64_(2)]), Ok(vec![Value::I32(7)]), "{name}");
        }
    }
}
