//! Warm start: how long the largest real-program module (`programs/sqlite.wasm`) takes to be
//! ready to run (instantiated with WASI, before `_start`) when Polymerase compiles it (cold),
//! when Polymerase loads its artifact from bytes in memory (warm, `load_artifact`), and when
//! wasmtime deserializes its own precompiled module (`Engine::precompile_module`, then
//! `Module::deserialize`).
//!
//! ```text
//! cargo run -p life-bench --profile bench --example warm_start
//! ```
//!
//! Paired rounds (each round runs the three once, in rotating order); the report gives each
//! one's median milliseconds and the medians of the per-round ratios. `ROUNDS` (default 9)
//! changes the run's size; `ONLY=warm` (or `cold`, `wasmtime`) runs one path alone, for a
//! profiler:
//!
//! ```text
//! ONLY=warm ROUNDS=3 valgrind --tool=callgrind target/release/examples/warm_start
//! ```

use std::time::{Duration, Instant};

const WASM: &[u8] = include_bytes!("../programs/sqlite.wasm");

fn config() -> life_interp::VmConfig {
    life_interp::VmConfig { engine: life_aot::polymerase(), ..life_interp::VmConfig::default() }
}

/// Instantiates `module` with WASI, as `life prog.wasm` does, and returns the time from `start`.
fn life_ready(module: &life_interp::Module, start: Instant) -> Duration {
    let ctx = life_wasi::WasiCtx::builder().args(["sqlite".to_string()]).build();
    let mut wasi = life_wasi::Wasi::new(ctx);
    let vm = life_interp::Vm::from_module(module, config(), &mut wasi).expect("instantiates");
    let t = start.elapsed();
    drop(vm);
    t
}

fn cold() -> Duration {
    let start = Instant::now();
    let module = life_interp::Module::new(WASM, &config()).expect("compiles");
    life_ready(&module, start)
}

fn warm(polymerase: &life_aot::Polymerase, artifact: &[u8]) -> Duration {
    let start = Instant::now();
    let module = polymerase.load_artifact(artifact, &config()).expect("loads");
    life_ready(&module, start)
}

fn wasmtime_warm(engine: &wasmtime::Engine, precompiled: &[u8]) -> Duration {
    let start = Instant::now();
    // SAFETY: the bytes come from `Engine::precompile_module` on this engine, in this process.
    let module = unsafe { wasmtime::Module::deserialize(engine, precompiled) }.expect("deserializes");
    let mut linker = wasmtime::Linker::<wasmtime_wasi::p1::WasiP1Ctx>::new(engine);
    wasmtime_wasi::p1::add_to_linker_sync(&mut linker, |ctx| ctx).expect("links WASI");
    let ctx = wasmtime_wasi::WasiCtxBuilder::new().args(&["sqlite"]).build_p1();
    let mut store = wasmtime::Store::new(engine, ctx);
    let _instance = linker.instantiate(&mut store, &module).expect("instantiates");
    let t = start.elapsed();
    drop(store);
    t
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(9);
    let only = std::env::var("ONLY").ok();
    let polymerase = life_aot::Polymerase::default();
    let (_, artifact) = polymerase.compile_artifact(WASM, &config()).expect("compiles");
    let engine = wasmtime::Engine::default();
    let precompiled = engine.precompile_module(WASM).expect("wasmtime compiles");
    println!(
        "sqlite.wasm: {} KiB; Life artifact {} KiB, wasmtime precompiled {} KiB; {rounds} rounds",
        WASM.len() / 1024,
        artifact.len() / 1024,
        precompiled.len() / 1024
    );
    let names = ["cold", "warm", "wasmtime"];
    let mut times: [Vec<f64>; 3] = Default::default();
    for round in 0..rounds {
        for k in 0..3 {
            let which = (round + k) % 3;
            if only.as_deref().is_some_and(|o| o != names[which]) {
                continue;
            }
            let t = match which {
                0 => cold(),
                1 => warm(&polymerase, &artifact),
                _ => wasmtime_warm(&engine, &precompiled),
            };
            times[which].push(t.as_secs_f64() * 1e3);
        }
    }
    for (name, ts) in names.iter().zip(&times) {
        if !ts.is_empty() {
            println!("{name:>9}: median {:8.2} ms", median(ts.clone()));
        }
    }
    if only.is_none() {
        let ratio = |a: usize, b: usize| median(times[a].iter().zip(&times[b]).map(|(x, y)| x / y).collect());
        println!("cold / warm: {:.1}x (target >= 5)", ratio(0, 1));
        println!("warm / wasmtime deserialize+instantiate: {:.2}x (target <= 1)", ratio(1, 2));
    }
}
