//! A host with state, typed imports and typed exports: a guest spends from a budget the host
//! keeps, logs through the host, and the host reads its own error back after the trap.
//!
//! Run with `cargo run -p life-interp --example typed_host`.

use life_interp::{Caller, Linker, Module, Store, Trap, VmConfig};

/// What the host keeps for the guest: a budget and a log.
#[derive(Debug, Default)]
struct Host {
    budget: u32,
    log: Vec<String>,
}

/// The host's own error, which the embedder gets back from the trap.
#[derive(Debug)]
struct OverBudget {
    asked: u32,
    left: u32,
}

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "asked for {} with {} left", self.asked, self.left)
    }
}

impl std::error::Error for OverBudget {}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = VmConfig::default();
    let module = Module::from_wat(
        r#"(module
            (import "host" "spend" (func $spend (param i32) (result i32)))
            (import "host" "log" (func $log (param i32 i32)))
            (memory 1)
            (data (i32.const 0) "buying")
            (func (export "buy") (param $price i32) (param $count i32) (result i32 i64)
              (call $log (i32.const 0) (i32.const 6))
              (call $spend (i32.mul (local.get $price) (local.get $count)))
              (i64.extend_i32_u (local.get $count))))"#,
        &config,
    )?;

    let mut store = Store::new(config);
    store.set_data(Host { budget: 100, log: Vec::new() });
    let mut linker = Linker::new();
    // Signatures come from the closures' types; a `&mut Caller` first gives the store's data
    // and the caller's memory.
    linker
        .func_wrap(&mut store, "host", "spend", |caller: &mut Caller<'_>, amount: i32| -> Result<i32, Trap> {
            let host = caller.data_mut::<Host>().expect("the store holds a Host");
            let asked = amount as u32;
            if asked > host.budget {
                return Err(Trap::error(OverBudget { asked, left: host.budget }));
            }
            host.budget -= asked;
            Ok(host.budget as i32)
        })
        .func_wrap(&mut store, "host", "log", |caller: &mut Caller<'_>, ptr: i32, len: i32| -> Result<(), Trap> {
            let text = String::from_utf8_lossy(caller.read(ptr as u32, len as u32)?).into_owned();
            caller.data_mut::<Host>().expect("the store holds a Host").log.push(text);
            Ok(())
        });
    let instance = store.instantiate(&module, &mut linker)?;

    // The signature is checked once, here; calls take and return Rust values.
    let buy = store.typed_func::<(i32, i32), (i32, i64)>(instance, "buy")?;
    let (left, count) = buy.call(&mut store, (15, 4))?;
    println!("bought {count}, {left} left");

    let err = buy.call(&mut store, (30, 2)).unwrap_err();
    match err.trap().and_then(|t| t.downcast_ref::<OverBudget>()) {
        Some(over) => println!("refused: asked for {}, {} left", over.asked, over.left),
        None => return Err(err.into()),
    }
    let host = store.data::<Host>().expect("the store holds a Host");
    println!("log: {:?}", host.log);
    assert_eq!((left, count, host.budget, host.log.len()), (40, 4, 40, 2));
    Ok(())
}
