//! Polymerase against the interpreter on the benchmark workloads: compile time, code size and
//! run time of one call each. A quick check; `cargo xtask bench` is the real comparison.
//!
//! ```text
//! cargo run --release -p life-aot --example compare [WORKLOAD]
//! ```
//!
//! With `COMPARE_METERING=1` it instead reports, per engine, the slowdown of turning gas
//! metering on (best of three runs each).

use life_interp::{Engine, Module, NoImports, Value, Vm, VmConfig};
use std::time::Instant;

#[path = "../../../benches/wasm/examples_list.rs"]
mod list;

/// Not a criterion workload: the SIMD lowering's own measure (see the file's header).
const SIMD: (&str, &[u8], i32) = ("simd", include_bytes!("simd.wat"), 400);

/// Best of three: time of one `run(arg)` call on `engine`, metered or not.
fn best_time(wasm: &[u8], engine: &Engine, metered: bool, arg: i32) -> (f64, Vec<Value>) {
    let config = VmConfig { engine: engine.clone(), gas_limit: metered.then_some(u64::MAX / 2), ..VmConfig::default() };
    let module = Module::new(wasm, &config).expect("workload compiles");
    let mut best = f64::INFINITY;
    let mut result = Vec::new();
    for _ in 0..3 {
        let mut vm = Vm::from_module(&module, config.clone(), &mut NoImports).expect("workload instantiates");
        let start = Instant::now();
        result = vm.invoke("run", &[Value::I32(arg)]).expect("workload runs");
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
    }
    (best, result)
}

/// Metering overhead per workload and engine.
fn metering(workloads: &[&(&str, &[u8], i32)]) {
    println!(
        "{:<14} {:>12} {:>12} {:>8} {:>12} {:>12} {:>8}",
        "workload", "interp ms", "metered", "cost", "aot ms", "metered", "cost"
    );
    let mut logs = [0.0f64; 2];
    for &&(name, src, arg) in workloads {
        let wasm = wat::parse_bytes(src).expect("workload parses").into_owned();
        let mut row = format!("{name:<14}");
        for (k, engine) in [Engine::Interpreter, life_aot::polymerase()].iter().enumerate() {
            let (plain, r1) = best_time(&wasm, engine, false, arg);
            let (metered, r2) = best_time(&wasm, engine, true, arg);
            assert_eq!(r1, r2, "{name}: metering changed the result");
            logs[k] += (metered / plain).ln();
            row += &format!(" {plain:>12.1} {metered:>12.1} {:>7.0}%", (metered / plain - 1.0) * 100.0);
        }
        println!("{row}");
    }
    let n = workloads.len() as f64;
    println!(
        "geometric-mean metering cost: interpreter {:.0}%, polymerase {:.0}%",
        ((logs[0] / n).exp() - 1.0) * 100.0,
        ((logs[1] / n).exp() - 1.0) * 100.0
    );
}

fn main() {
    println!(
        "{:<14} {:>10} {:>10} {:>8} {:>12} {:>10} {:>9}",
        "workload", "interp ms", "aot ms", "speedup", "compile ms", "code KiB", "µs/KiB"
    );
    let mut log_speedup = 0.0;
    let only = std::env::args().nth(1);
    let workloads: Vec<_> =
        list::WORKLOADS.iter().chain([&SIMD]).filter(|w| only.as_deref().is_none_or(|o| o == w.0)).collect();
    if std::env::var_os("COMPARE_METERING").is_some() {
        return metering(&workloads);
    }
    for &&(name, src, arg) in &workloads {
        let wasm = wat::parse_bytes(src).expect("workload parses").into_owned();
        let mut times = Vec::new();
        let mut results = Vec::new();
        let mut compile = (0.0, 0);
        // `COMPARE_AOT_ONLY=1` skips the interpreter (for profiling Polymerase alone).
        let aot_only = std::env::var_os("COMPARE_AOT_ONLY").is_some();
        let engines =
            if aot_only { vec![life_aot::polymerase()] } else { vec![Engine::Interpreter, life_aot::polymerase()] };
        for engine in engines {
            let config = VmConfig { engine, ..VmConfig::default() };
            let module = Module::new(&wasm, &config).expect("workload compiles");
            if let Some(native) = module.native() {
                compile = (native.compile_time().as_secs_f64() * 1e3, native.code_size());
            }
            let mut vm = Vm::from_module(&module, config, &mut NoImports).expect("workload instantiates");
            let start = Instant::now();
            let r = vm.invoke("run", &[Value::I32(arg)]).expect("workload runs");
            times.push(start.elapsed().as_secs_f64() * 1e3);
            results.push(r);
        }
        if aot_only {
            println!("{name:<14} aot {:.1} ms", times[0]);
            continue;
        }
        assert_eq!(results[0], results[1], "{name}: engines disagree");
        let speedup = times[0] / times[1];
        log_speedup += speedup.ln();
        let kib = compile.1 as f64 / 1024.0;
        println!(
            "{name:<14} {:>10.1} {:>10.1} {:>7.1}x {:>12.2} {:>10.1} {:>9.0}",
            times[0],
            times[1],
            speedup,
            compile.0,
            kib,
            compile.0 * 1e3 / kib.max(1e-9)
        );
    }
    println!("geometric-mean speedup over the interpreter: {:.1}x", (log_speedup / workloads.len() as f64).exp());
}
