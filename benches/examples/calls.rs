//! The call path between host and guest, on every engine: the cost of one host→guest call (a
//! typed call of an export that returns its argument) and of one guest→host call (a guest loop
//! calling an imported host function that adds one), each through the engine's typed API.
//!
//! ```text
//! cargo run -p life-bench --profile bench --example calls
//! ```
//!
//! Each round runs every engine once on each test, in rotating order; the report gives each
//! engine's median nanoseconds per call over the rounds and the median of the per-round ratios
//! against the reference engine of its kind (wasmi for life-interp, wasmtime for Polymerase).
//! `ROUNDS` (default 9) and `CALLS` (default 200000) change the run's size. `ONLY=NAME`
//! (`life-interp`, `polymerase`, `wasmi`, `wasmtime`) runs one engine and prints its times
//! alone, for a profiler:
//!
//! ```text
//! ONLY=polymerase ROUNDS=1 CALLS=20000 valgrind --tool=callgrind target/release/examples/calls
//! ```

use std::time::Instant;

const WAT: &str = r#"(module
    (import "env" "inc" (func $inc (param i64) (result i64)))
    (func (export "id") (param i64) (result i64) (local.get 0))
    (func (export "loop") (param $n i64) (result i64) (local $acc i64)
      (block $done
        (loop $next
          (br_if $done (i64.eqz (local.get $n)))
          (local.set $acc (call $inc (local.get $acc)))
          (local.set $n (i64.sub (local.get $n) (i64.const 1)))
          (br $next)))
      (local.get $acc)))"#;

/// One engine, loaded: `host_to_guest(n)` makes `n` calls of `id`, `guest_to_host(n)` one call
/// of `loop(n)`; both return the sum of results so nothing is optimized away.
trait Calls {
    fn name(&self) -> &'static str;
    fn host_to_guest(&mut self, n: u64) -> i64;
    fn guest_to_host(&mut self, n: u64) -> i64;
}

struct Life {
    name: &'static str,
    store: life_interp::Store,
    id: life_interp::TypedFunc<i64, i64>,
    run: life_interp::TypedFunc<i64, i64>,
}

impl Life {
    fn new(name: &'static str, engine: life_interp::Engine) -> Life {
        let config = life_interp::VmConfig { engine, ..life_interp::VmConfig::default() };
        let module = life_interp::Module::from_wat(WAT, &config).expect("module loads");
        let mut store = life_interp::Store::new(config);
        let mut linker = life_interp::Linker::new();
        linker.func_wrap(&mut store, "env", "inc", |x: i64| x + 1);
        let instance = store.instantiate(&module, &mut linker).expect("instantiates");
        let id = store.typed_func::<i64, i64>(instance, "id").expect("id");
        let run = store.typed_func::<i64, i64>(instance, "loop").expect("loop");
        Life { name, store, id, run }
    }
}

impl Calls for Life {
    fn name(&self) -> &'static str {
        self.name
    }
    fn host_to_guest(&mut self, n: u64) -> i64 {
        (0..n as i64).map(|i| self.id.call(&mut self.store, i).expect("id")).fold(0, i64::wrapping_add)
    }
    fn guest_to_host(&mut self, n: u64) -> i64 {
        self.run.call(&mut self.store, n as i64).expect("loop")
    }
}

struct Wasmi {
    store: wasmi::Store<()>,
    id: wasmi::TypedFunc<i64, i64>,
    run: wasmi::TypedFunc<i64, i64>,
}

impl Wasmi {
    fn new() -> Wasmi {
        let engine = wasmi::Engine::default();
        let wasm = wat::parse_str(WAT).expect("parses");
        let module = wasmi::Module::new(&engine, &wasm[..]).expect("module loads");
        let mut store = wasmi::Store::new(&engine, ());
        let mut linker = wasmi::Linker::<()>::new(&engine);
        linker.func_wrap("env", "inc", |x: i64| x + 1).expect("defines inc");
        let instance = linker.instantiate_and_start(&mut store, &module).expect("instantiates");
        let id = instance.get_typed_func::<i64, i64>(&store, "id").expect("id");
        let run = instance.get_typed_func::<i64, i64>(&store, "loop").expect("loop");
        Wasmi { store, id, run }
    }
}

impl Calls for Wasmi {
    fn name(&self) -> &'static str {
        "wasmi"
    }
    fn host_to_guest(&mut self, n: u64) -> i64 {
        (0..n as i64).map(|i| self.id.call(&mut self.store, i).expect("id")).fold(0, i64::wrapping_add)
    }
    fn guest_to_host(&mut self, n: u64) -> i64 {
        self.run.call(&mut self.store, n as i64).expect("loop")
    }
}

struct Wasmtime {
    store: wasmtime::Store<()>,
    id: wasmtime::TypedFunc<i64, i64>,
    run: wasmtime::TypedFunc<i64, i64>,
}

impl Wasmtime {
    fn new() -> Wasmtime {
        let engine = wasmtime::Engine::default();
        let wasm = wat::parse_str(WAT).expect("parses");
        let module = wasmtime::Module::new(&engine, &wasm).expect("module loads");
        let mut store = wasmtime::Store::new(&engine, ());
        let mut linker = wasmtime::Linker::<()>::new(&engine);
        linker.func_wrap("env", "inc", |x: i64| x + 1).expect("defines inc");
        let instance = linker.instantiate(&mut store, &module).expect("instantiates");
        let id = instance.get_typed_func::<i64, i64>(&mut store, "id").expect("id");
        let run = instance.get_typed_func::<i64, i64>(&mut store, "loop").expect("loop");
        Wasmtime { store, id, run }
    }
}

impl Calls for Wasmtime {
    fn name(&self) -> &'static str {
        "wasmtime"
    }
    fn host_to_guest(&mut self, n: u64) -> i64 {
        (0..n as i64).map(|i| self.id.call(&mut self.store, i).expect("id")).fold(0, i64::wrapping_add)
    }
    fn guest_to_host(&mut self, n: u64) -> i64 {
        self.run.call(&mut self.store, n as i64).expect("loop")
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(9);
    let calls: u64 = std::env::var("CALLS").ok().and_then(|r| r.parse().ok()).unwrap_or(200_000);
    let mut engines: Vec<Box<dyn Calls>> = vec![
        Box::new(Life::new("life-interp", life_interp::Engine::Interpreter)),
        Box::new(Wasmi::new()),
        Box::new(Life::new("polymerase", life_aot::polymerase())),
        Box::new(Wasmtime::new()),
    ];
    if let Ok(only) = std::env::var("ONLY") {
        engines.retain(|e| e.name() == only);
        assert!(!engines.is_empty(), "ONLY={only}: no such engine");
    }
    // Every engine computes the same sums, once outside the timing.
    let expected = (calls as i64 * (calls as i64 - 1) / 2, calls as i64);
    for e in &mut engines {
        let got = (e.host_to_guest(calls), e.guest_to_host(calls));
        assert_eq!(got, expected, "{} computes a wrong result", e.name());
    }
    for (test, guest_calls_host) in [("host→guest", false), ("guest→host", true)] {
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); engines.len()];
        for round in 0..rounds {
            for k in 0..engines.len() {
                let i = (k + round) % engines.len();
                let start = Instant::now();
                let r =
                    if guest_calls_host { engines[i].guest_to_host(calls) } else { engines[i].host_to_guest(calls) };
                std::hint::black_box(r);
                times[i].push(start.elapsed().as_secs_f64() * 1e9 / calls as f64);
            }
        }
        println!("{test}: ns per call, median of {rounds} rounds of {calls} calls");
        if engines.len() == 1 {
            println!("  {:12} {:8.1}", engines[0].name(), median(times[0].clone()));
            continue;
        }
        for (reference, ours) in [(1, 0), (3, 2)] {
            let ratios = times[ours].iter().zip(&times[reference]).map(|(a, b)| a / b).collect();
            println!(
                "  {:12} {:8.1}   {:9} {:8.1}   ratio {:.2}",
                engines[ours].name(),
                median(times[ours].clone()),
                engines[reference].name(),
                median(times[reference].clone()),
                median(ratios)
            );
        }
    }
}
