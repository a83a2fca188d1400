//! The benchmark suite, in one binary because the bench profile links with fat LTO.
//!
//! - One criterion group per workload (`fib`, `loop`, …, `sort`) with one entry per engine, plus
//!   `native` for the C programs. Each engine instantiates the module outside the timing and its
//!   result is checked once first (a wrong result panics, failing the run); only the call is timed.
//! - The `startup` group: decode + validate + translate (or compile) of a generated module of over
//!   1 MiB, without instantiating it. wasmi translates function bodies lazily, on first call, so
//!   its number covers decoding and validation only; life-interp translates every body up front,
//!   polymerase translates every body and compiles it with Cranelift, and wasmtime compiles
//!   every body with Cranelift.
//!
//! `cargo bench -p life-bench -- --check [filter]` skips criterion: it runs each workload once per
//! engine, prints the results and the time of that one call, and fails on a wrong result. Use it
//! after changing a workload (it prints the new result for `workloads.rs`) and to size arguments.
//! For the startup module it also prints each compiler's machine-code size and compile time per
//! KiB.

use criterion::{Criterion, SamplingMode};
use life_bench::{CodeStats, WORKLOADS, Workload, engines, native, startup, write_manifest};
use std::{hint::black_box, process::ExitCode, time::Duration, time::Instant};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--check") {
        // Cargo adds `--bench`; anything else that is not a flag is a name filter.
        let filter = args.iter().skip(1).find(|a| !a.starts_with("--")).cloned().unwrap_or_default();
        return check_all(&filter);
    }
    let mut criterion = config().configure_from_args();
    execution(&mut criterion);
    startup(&mut criterion);
    criterion.final_summary();
    ExitCode::SUCCESS
}

/// Defaults for a full run; `cargo xtask bench --quick` shortens them from the command line.
fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5)).sample_size(20)
}

fn execution(c: &mut Criterion) {
    let engines = engines();
    let mut manifest: Vec<String> =
        engines.iter().map(|e| format!("engine\t{}\t{}", e.name(), e.kind().as_str())).collect();
    if let Some(compiler) = native::COMPILER {
        manifest.push(format!("native\t{compiler}"));
    }
    manifest.extend(WORKLOADS.iter().map(|w| format!("workload\t{}\t{}\t{}", w.name, w.arg, w.description)));
    write_manifest("run", &manifest);

    for workload in WORKLOADS {
        let wasm = workload.wasm();
        let mut group = c.benchmark_group(workload.name);
        // Each call takes tens of milliseconds: equal-sized samples, not criterion's linear ramp,
        // which would need 55 calls for 10 samples.
        group.sampling_mode(SamplingMode::Flat);
        for engine in &engines {
            let mut instance = engine
                .load(&wasm)
                .unwrap_or_else(|err| panic!("{}: {} cannot load the module: {err}", workload.name, engine.name()));
            assert_right(workload, engine.name(), instance.run(workload.arg));
            group.bench_function(engine.name(), |b| b.iter(|| instance.run(black_box(workload.arg))));
        }
        if let Some(native) = workload.native {
            assert_right(workload, "native", Ok(native(workload.arg)));
            group.bench_function("native", |b| b.iter(|| native(black_box(workload.arg))));
        }
        group.finish();
    }
}

fn startup(c: &mut Criterion) {
    let wasm = startup::large_module();
    let engines = engines();
    write_manifest("startup", &[format!("module\t{}\t{}", wasm.len(), startup::FUNCS)]);

    let mut group = c.benchmark_group("startup");
    group.sampling_mode(SamplingMode::Flat);
    for engine in &engines {
        if let Err(err) = engine.compile(&wasm) {
            panic!("startup: {} rejects the generated module: {err}", engine.name());
        }
        group.bench_function(engine.name(), |b| {
            b.iter_with_large_drop(|| engine.compile(black_box(&wasm)).expect("accepted above"))
        });
    }
    group.finish();
}

/// A compiler's startup line in `--check`: machine code size and compile time per KiB of Wasm
/// and of machine code, from the engine's own compile time when it keeps one.
fn code_report(stats: CodeStats, elapsed: Duration, wasm_len: usize) -> String {
    let (time, whose) = match stats.compile_time {
        Some(t) => (t, "compile"),
        None => (elapsed, "total"),
    };
    let us = time.as_secs_f64() * 1e6;
    let kib = |bytes: usize| bytes as f64 / 1024.0;
    format!(
        "ok  {whose} {:.2} ms, {:.0} KiB of code; {:.0} µs per KiB of Wasm, {:.0} µs per KiB of code",
        us / 1e3,
        kib(stats.code_size),
        us / kib(wasm_len),
        us / kib(stats.code_size)
    )
}

fn assert_right(workload: &Workload, engine: &str, result: Result<i64, String>) {
    if let Err(message) = workload.check(engine, result) {
        panic!("wrong result, not benchmarking: {message}");
    }
}

/// One prepared call of a workload's `run` export, on some engine or natively.
type Call<'a> = Box<dyn FnMut() -> Result<i64, String> + 'a>;

/// The `--check` mode: one call per workload and engine, results and times printed.
fn check_all(filter: &str) -> ExitCode {
    let engines = engines();
    let mut failures = 0;
    for workload in WORKLOADS.iter().filter(|w| w.name.contains(filter)) {
        let wasm = workload.wasm();
        println!("{} run({}), expected {}:", workload.name, workload.arg, workload.expected);
        let mut runs: Vec<(&str, Call<'_>)> = Vec::new();
        for engine in &engines {
            match engine.load(&wasm) {
                Ok(mut instance) => runs.push((engine.name(), Box::new(move || instance.run(workload.arg)))),
                Err(err) => runs.push((engine.name(), Box::new(move || Err(format!("load failed: {err}"))))),
            }
        }
        if let Some(native) = workload.native {
            runs.push(("native", Box::new(move || Ok(native(workload.arg)))));
        }
        for (name, mut run) in runs {
            let start = Instant::now();
            let result = run();
            let elapsed = start.elapsed();
            let shown = match &result {
                Ok(value) => value.to_string(),
                Err(err) => err.clone(),
            };
            let verdict = if workload.check(name, result).is_ok() {
                "ok"
            } else {
                failures += 1;
                "WRONG"
            };
            println!("  {name:<12} {:>10.2} ms  {verdict:<5}  {shown}", elapsed.as_secs_f64() * 1e3);
        }
    }
    if "startup".contains(filter) {
        let wasm = startup::large_module();
        println!("startup: {} bytes, {} functions", wasm.len(), startup::FUNCS);
        for engine in &engines {
            let start = Instant::now();
            let result = engine.compile(&wasm);
            let elapsed = start.elapsed();
            let verdict = match result {
                Ok(compiled) => match engine.code_stats(compiled.as_ref()) {
                    Some(stats) => code_report(stats, elapsed, wasm.len()),
                    None => "ok".to_owned(),
                },
                Err(err) => {
                    failures += 1;
                    format!("REJECTED: {err}")
                }
            };
            println!("  {:<12} {:>10.2} ms  {verdict}", engine.name(), elapsed.as_secs_f64() * 1e3);
        }
    }
    if failures == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failures} failure(s)");
        ExitCode::FAILURE
    }
}
