//! Runs one benchmark workload (or the startup module's decode) once on the interpreter, for
//! instruction counts under callgrind, which are exact whatever else the machine does.
//!
//! ```text
//! cargo build --profile bench -p life-interp --example workload
//! valgrind --tool=callgrind target/release/examples/workload mem_sum
//! valgrind --tool=callgrind target/release/examples/workload startup
//! ```
//!
//! An optional second argument overrides the workload's argument to `run`; `DUMP=1` prints the
//! IR of every body first.

use life_interp::{Module, NoImports, Value, Vm, VmConfig};

#[path = "../../../benches/src/startup.rs"]
#[allow(dead_code)]
mod startup;

#[path = "../../../benches/wasm/examples_list.rs"]
mod list;
use list::WORKLOADS;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_else(|| "fib".into());
    // `EAGER=1`: translate every body at load, to measure translation itself.
    let lazy_translation = std::env::var_os("EAGER").is_none();
    let config = VmConfig { lazy_translation, ..VmConfig::default() };
    if name == "startup" {
        let wasm = startup::large_module();
        let start = std::time::Instant::now();
        let module = Module::new(&wasm, &config).expect("startup module decodes");
        println!("startup: {} bytes in {:.2} ms", wasm.len(), start.elapsed().as_secs_f64() * 1e3);
        drop(module);
        return;
    }
    let &(_, src, default_arg) = WORKLOADS.iter().find(|w| w.0 == name).unwrap_or_else(|| panic!("no workload {name}"));
    let arg = std::env::args().nth(2).map_or(default_arg, |a| a.parse().expect("an i32 argument"));
    let wasm = wat::parse_bytes(src).expect("workload parses").into_owned();
    let module = Module::new(&wasm, &config).expect("workload decodes");
    if std::env::var_os("DUMP").is_some() {
        let decoded = module.decoded();
        for i in 0..decoded.num_bodies() {
            println!("func {i}:\n{}", decoded.body(i).expect("workload translates").disassemble());
        }
    }
    let mut vm = Vm::from_module(&module, config, &mut NoImports).expect("workload instantiates");
    // `REPEAT=n` runs the call n times and prints the fastest, as a warm benchmark would see it.
    let repeat: usize = std::env::var("REPEAT").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut best = f64::INFINITY;
    let mut r = Vec::new();
    for _ in 0..repeat {
        let start = std::time::Instant::now();
        r = vm.invoke("run", &[Value::I32(arg)]).expect("workload runs");
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
    }
    println!("{name}({arg}) = {r:?} in {best:.1} ms");
}
