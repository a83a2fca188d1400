//! The typed embedding API: closures as host functions, typed exports, host errors, store data.

use life_interp::{Caller, Error, F32, FuncRef, HostFunc, Linker, Module, Store, Trap, ValType, Value, VmConfig};

#[derive(Debug, PartialEq)]
struct Quota {
    left: u32,
}

impl std::fmt::Display for Quota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "quota exhausted ({} left)", self.left)
    }
}

impl std::error::Error for Quota {}

const GUEST: &str = r#"(module
    (import "host" "swap" (func $swap (param i32 i64) (result i64 i32)))
    (import "host" "every" (func $every (param i32 i64 f32 f64 v128 funcref externref)
        (result i32 i64 f32 f64 v128 funcref externref)))
    (import "host" "take" (func $take (param i32) (result i32)))
    (import "host" "log" (func $log (param i32 i32)))
    (memory (export "mem") 1)
    (data (i32.const 8) "hello")
    (func (export "swap") (param i32 i64) (result i64 i32) (call $swap (local.get 0) (local.get 1)))
    (func (export "every") (param i32 i64 f32 f64 v128 funcref externref)
        (result i32 i64 f32 f64 v128 funcref externref)
        (call $every (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5) (local.get 6)))
    (func (export "take") (param i32) (result i32) (call $take (local.get 0)))
    (func (export "greet") (call $log (i32.const 8) (i32.const 5))))"#;

type Every = (i32, i64, f32, f64, u128, Option<FuncRef>, Option<u32>);

fn setup() -> (Store, life_interp::Instance) {
    let config = VmConfig::default();
    let mut store = Store::new(config.clone());
    store.set_data((10u32, Vec::<String>::new()));
    let mut linker = Linker::new();
    linker
        .func_wrap(&mut store, "host", "swap", |a: i32, b: i64| (b * 2, a + 1))
        .func_wrap(
            &mut store,
            "host",
            "every",
            |a: i32, b: i64, c: f32, d: f64, e: u128, f: Option<FuncRef>, g: Option<u32>| (a, b, c, d, e, f, g),
        )
        .func_wrap(&mut store, "host", "take", |caller: &mut Caller<'_>, n: i32| -> Result<i32, Trap> {
            let (left, _) = caller.data_mut::<(u32, Vec<String>)>().expect("the store holds the quota");
            if n as u32 > *left {
                return Err(Trap::error(Quota { left: *left }));
            }
            *left -= n as u32;
            Ok(*left as i32)
        })
        .func_wrap(&mut store, "host", "log", |caller: &mut Caller<'_>, ptr: i32, len: i32| -> Result<(), Trap> {
            let text = String::from_utf8_lossy(caller.read(ptr as u32, len as u32)?).into_owned();
            caller.data_mut::<(u32, Vec<String>)>().unwrap().1.push(text);
            Ok(())
        });
    let module = Module::from_wat(GUEST, &config).unwrap();
    let instance = store.instantiate(&module, &mut linker).unwrap();
    (store, instance)
}

#[test]
fn closures_become_host_functions_with_inferred_signatures() {
    let f = HostFunc::wrap(|_: &mut Caller<'_>, a: f64, b: Option<u32>| -> Result<(i32, f64), Trap> {
        Ok((b.is_some() as i32, a))
    });
    assert_eq!(f.ty().params(), &[ValType::F64, ValType::ExternRef]);
    assert_eq!(f.ty().results(), &[ValType::I32, ValType::F64]);
    assert_eq!(HostFunc::wrap(|| ()).ty().params(), &[]);
    assert_eq!(HostFunc::wrap(|x: F32| x).ty().results(), &[ValType::F32]);
}

#[test]
fn typed_exports_call_typed_imports_with_every_value_type() {
    let (mut store, instance) = setup();
    let swap = store.typed_func::<(i32, i64), (i64, i32)>(instance, "swap").unwrap();
    assert_eq!(swap.call(&mut store, (4, 21)).unwrap(), (42, 5));
    let every = store.typed_func::<Every, Every>(instance, "every").unwrap();
    let args: Every = (-1, i64::MIN, 1.5, -2.25, u128::MAX - 7, Some(FuncRef(0)), Some(9));
    assert_eq!(every.call(&mut store, args).unwrap(), args);
    let none: Every = (0, 0, f32::INFINITY, 0.0, 0, None, None);
    assert_eq!(every.call(&mut store, none).unwrap(), none);
    // The untyped API sees the same functions.
    assert_eq!(
        store.invoke(instance, "swap", &[Value::I32(1), Value::I64(2)]).unwrap(),
        [Value::I64(4), Value::I32(2)]
    );
}

#[test]
fn a_typed_function_checks_its_signature_once() {
    let (store, instance) = setup();
    let e = store.typed_func::<i32, i32>(instance, "swap").unwrap_err();
    assert!(matches!(&e, Error::FuncType { found, .. } if found.results() == [ValType::I64, ValType::I32]), "{e:?}");
    assert!(matches!(store.typed_func::<(), ()>(instance, "mem"), Err(Error::ExportKind { .. })));
    assert!(matches!(store.typed_func::<(), ()>(instance, "nope"), Err(Error::MissingExport { .. })));
}

#[test]
fn host_functions_reach_store_data_and_their_errors_come_back_typed() {
    let (mut store, instance) = setup();
    let take = store.typed_func::<i32, i32>(instance, "take").unwrap();
    assert_eq!(take.call(&mut store, 4).unwrap(), 6);
    let e = take.call(&mut store, 7).unwrap_err();
    let trap = e.trap().expect("a host error is a trap");
    assert_eq!(trap.downcast_ref::<Quota>(), Some(&Quota { left: 6 }));
    assert_eq!(trap.to_string(), "host error: quota exhausted (6 left)");
    // The error chain reaches the host's error too.
    let source = std::error::Error::source(&e).and_then(|t| t.source()).unwrap();
    assert_eq!(source.to_string(), "quota exhausted (6 left)");
    let greet = store.typed_func::<(), ()>(instance, "greet").unwrap();
    greet.call(&mut store, ()).unwrap();
    let (left, log) = store.take_data::<(u32, Vec<String>)>().unwrap();
    assert_eq!((left, log), (6, vec!["hello".to_string()]));
    assert!(store.data::<(u32, Vec<String>)>().is_none());
}
