//! 64-bit memories (memory64) on every engine: `i64` addresses and sizes, traps at the edges
//! (an address plus offset past 4 GiB or past 2^64), limits, and the 64-bit tables Life refuses.

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

#[test]
fn a_64_bit_table_is_refused_by_name() {
    for (name, engine) in engines() {
        let err = crate::vm(b"(module (table i64 1 funcref))", &engine, &config(), &mut NoImports).unwrap_err();
        assert!(err.to_string().contains("64-bit tables are not supported"), "{name}: {err}");
    }
}
