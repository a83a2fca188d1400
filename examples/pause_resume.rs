//! A host that runs a guest in time slices: the call pauses whenever its gas runs out, the host
//! checkpoints the paused call (a snapshot of the store and of the call), adds gas and resumes,
//! until the guest returns. The total gas is what one uninterrupted run costs.
//!
//! Run with `cargo run -p life-interp --example pause_resume`.

use life_interp::{Linker, Module, Resumable, Store, Value, VmConfig};

const GUEST: &str = r#"(module
    (func (export "sum") (param $n i32) (result i64) (local $acc i64)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $acc)))"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const SLICE: u64 = 1_000;
    let config = VmConfig { gas_limit: Some(SLICE), ..VmConfig::default() };
    let module = Module::from_wat(GUEST, &config)?;
    assert!(module.can_pause(), "the interpreter pauses; Polymerase does not yet");

    let mut store = Store::new(config);
    let instance = store.instantiate(&module, &mut Linker::new())?;
    let mut outcome = store.invoke_resumable(instance, "sum", &[Value::I32(10_000)])?;
    let mut slices = 1;
    while let Resumable::Paused(call) = outcome {
        // A checkpoint: both snapshots restore, in this process or another, into a store made
        // the same way (see `Store::restore` and `Store::restore_paused`).
        let (state, paused) = (store.snapshot(), call.snapshot());
        assert!(!state.is_empty() && !paused.is_empty());
        store.add_gas(SLICE);
        slices += 1;
        outcome = store.resume(call, &[])?;
    }
    let Resumable::Finished(results) = outcome else { unreachable!("the loop ends on Finished") };
    println!("sum = {:?} in {slices} slices, {:?} gas", results[0], store.gas_used());
    assert_eq!(results, vec![Value::I64(50_005_000)]);
    Ok(())
}
