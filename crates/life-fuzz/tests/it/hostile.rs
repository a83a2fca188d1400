//! Hostile modules: each must be rejected with a clear error or handled in time linear in its
//! size, on a thread with a 256 KiB stack (so nothing recurses on the host stack per nesting
//! level) and without unbounded allocation, on both of Life's engines: the interpreter (decode
//! and translate) and Polymerase (decode, translate and compile with Cranelift). Polymerase must
//! also give the interpreter's result or error.
//!
//! Modules are encoded by hand ([`Builder`]) so the sizes are exact. Each case runs at full size
//! and at an eighth of it; the full size must take at most 32 times as long plus 100 ms (linear
//! is 8 times, quadratic 64). Timings and the peak heap of loading print with `--nocapture`
//! (`cargo test -p life-fuzz --release hostile -- --nocapture --test-threads 1`).
//!
//! Load times and peak heap while loading, measured on the shared 2-core development machine,
//! release build, one test thread (interp: decode and translate; polymerase: decode, translate
//! and compile with Cranelift):
//!
//! | case (full size) | module | interp | polymerase |
//! |---|---|---|---|
//! | 100,000 nested blocks | 300 KB | 22 ms, 18 MB | 13 ms, 18 MB |
//! | 100,000 nested if/else | 600 KB | 20 ms, 27 MB | 0.70 s, 487 MB |
//! | 50,000 locals | 40 B | 0.1 ms, 0.6 MB | 4.9 ms, 3 MB |
//! | 1 MiB function body | 1 MB | 39 ms, 4 MB | 1.8 s, 205 MB |
//! | br_table with 1,000,000 targets | 1 MB | 112 ms, 24 MB | 2.0 s, 1.8 GB |
//! | 100,000 functions and exports | 1.9 MB | 150 ms, 35 MB | 8.1 s, 54 MB (9.9 MB of code) |
//! | 16 MiB data segment | 16 MB | 12 ms, 16 MB | 2 ms, 16 MB |
//! | 100,000 operands | 300 KB | 31 ms, 6 MB | refused in 25 ms: too complex (was 1.5 s, 185 MB) |
//! | 1,000 params and results | 6 KB | 0.1 ms, 0.1 MB | 56 ms, 4 MB |
//! | 2,000 values live across bounds checks | 14 KB | 0.3 ms, 0.2 MB | 2.2 s, 419 MB |
//! | 2,000 values live across calls | 6 KB | 0.2 ms, 0.1 MB | 2.0 s, 434 MB |
//! | 8,000 values live at once | 80 KB | 2.5 ms, 1 MB | 3.0 s, 36 MB |
//!
//! The interpreter never holds more than about 60 times the module's size. Polymerase is linear
//! but heavy (1.8 KB of heap per `br_table` target, about 200 bytes per byte of a long body), and
//! quadratic or worse in the three live-value cases ([`KNOWN_SUPERLINEAR`]). Those are bounded by
//! `Polymerase::max_function_complexity` (default 2²³; the largest function of the spec suite
//! scores 4,228): past it the module is refused in milliseconds with a one-line error naming the
//! function (`complexity_limit_refuses_the_superlinear_cases_quickly`: n = 8,000 bounds checks,
//! 10,000 calls, 50,000 values at once, each refused in under 30 ms where compiling took 141 s,
//! 155 s and 140 s). Just under the limit (about 2,800 values across as many checks or calls,
//! 11,500 values at once) compiling takes a few seconds.

use crate::heap;
use life_aot::Polymerase;
use life_interp::{Engine, Error, Module, NoImports, Value, Vm, VmConfig};
use std::{
    sync::{Arc, mpsc},
    time::{Duration, Instant},
};

/// The host stack every case loads on, and the host's share of the stack it runs on.
const STACK: usize = 256 * 1024;
/// The native stack Polymerase's guest code may use (its default), on top of [`STACK`] when running.
const NATIVE_STACK: usize = 1 << 20;
/// A case that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(120);

const I32: u8 = 0x7f;
const I64: u8 = 0x7e;
const FUNC: u8 = 0x00;

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0) {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A function: its type index, local declarations `(count, type)`, and body (without the final `end`).
struct Func {
    ty: u32,
    locals: Vec<(u32, u8)>,
    body: Vec<u8>,
}

/// Just enough of a module encoder for these cases.
#[derive(Default)]
struct Builder {
    types: Vec<(Vec<u8>, Vec<u8>)>,
    funcs: Vec<Func>,
    exports: Vec<(String, u8, u32)>,
    memory: Option<(u32, Option<u32>)>,
    /// Mutable `i32` globals, global `i` holding `i`.
    globals: u32,
    datas: Vec<(i32, Vec<u8>)>,
}

impl Builder {
    fn ty(mut self, params: &[u8], results: &[u8]) -> Self {
        self.types.push((params.to_vec(), results.to_vec()));
        self
    }

    fn func(mut self, locals: Vec<(u32, u8)>, body: Vec<u8>) -> Self {
        self.funcs.push(Func { ty: 0, locals, body });
        self
    }

    fn export_func(mut self, name: &str, index: u32) -> Self {
        self.exports.push((name.to_string(), FUNC, index));
        self
    }

    fn encode(&self) -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        let section = |m: &mut Vec<u8>, id: u8, count: usize, items: &[u8]| {
            let mut payload = Vec::new();
            leb(&mut payload, count as u64);
            payload.extend_from_slice(items);
            m.push(id);
            leb(m, payload.len() as u64);
            m.extend_from_slice(&payload);
        };
        let mut items = Vec::new();
        for (params, results) in &self.types {
            items.push(0x60);
            leb(&mut items, params.len() as u64);
            items.extend_from_slice(params);
            leb(&mut items, results.len() as u64);
            items.extend_from_slice(results);
        }
        section(&mut m, 1, self.types.len(), &items);
        items.clear();
        for f in &self.funcs {
            leb(&mut items, u64::from(f.ty));
        }
        section(&mut m, 3, self.funcs.len(), &items);
        if let Some((min, max)) = self.memory {
            items.clear();
            items.push(u8::from(max.is_some()));
            leb(&mut items, u64::from(min));
            if let Some(max) = max {
                leb(&mut items, u64::from(max));
            }
            section(&mut m, 5, 1, &items);
        }
        if self.globals > 0 {
            items.clear();
            for i in 0..self.globals {
                items.extend([I32, 1, 0x41]);
                sleb(&mut items, i64::from(i));
                items.push(0x0b);
            }
            section(&mut m, 6, self.globals as usize, &items);
        }
        items.clear();
        for (n, kind, index) in &self.exports {
            name(&mut items, n);
            items.push(*kind);
            leb(&mut items, u64::from(*index));
        }
        section(&mut m, 7, self.exports.len(), &items);
        items.clear();
        for f in &self.funcs {
            let mut body = Vec::new();
            leb(&mut body, f.locals.len() as u64);
            for &(count, ty) in &f.locals {
                leb(&mut body, u64::from(count));
                body.push(ty);
            }
            body.extend_from_slice(&f.body);
            body.push(0x0b);
            leb(&mut items, body.len() as u64);
            items.extend_from_slice(&body);
        }
        section(&mut m, 10, self.funcs.len(), &items);
        if !self.datas.is_empty() {
            items.clear();
            for (offset, bytes) in &self.datas {
                items.push(0);
                items.push(0x41);
                sleb(&mut items, i64::from(*offset));
                items.push(0x0b);
                leb(&mut items, bytes.len() as u64);
                items.extend_from_slice(bytes);
            }
            section(&mut m, 11, self.datas.len(), &items);
        }
        m
    }
}

/// What happened to one module on one engine.
#[derive(Debug)]
struct Run {
    /// The engine's name.
    engine: &'static str,
    /// Load: decode and translate, and compile on a native engine (`Module::new`).
    load: Duration,
    /// The native engine's own measure of its compile time, part of `load`.
    compile: Option<Duration>,
    /// Machine code generated, in bytes.
    code_size: Option<usize>,
    /// Peak heap allocated by the loading thread while loading, in bytes.
    peak_heap: usize,
    /// Instantiate and the call, if loading succeeded.
    run: Duration,
    /// The load error, or the instantiation or call result.
    outcome: Result<Vec<Value>, Error>,
}

impl Run {
    fn total(&self) -> Duration {
        self.load + self.run
    }
}

/// The engines every case runs on, with the configuration each uses (tail calls on).
fn engines() -> [(&'static str, VmConfig); 2] {
    let polymerase = Polymerase { max_stack: NATIVE_STACK, ..Polymerase::default() };
    let config = VmConfig { features: life_fuzz::engine::features(), ..VmConfig::default() };
    [("interp", config.clone()), ("polymerase", VmConfig { engine: Engine::Native(Arc::new(polymerase)), ..config })]
}

/// Loads `wasm` on a small-stack thread, then instantiates it and calls `export` with `args` on
/// a thread with [`STACK`] for the host plus, for Polymerase, [`NATIVE_STACK`] for guest code.
fn run(engine: &'static str, wasm: Vec<u8>, config: VmConfig, export: &'static str, args: Vec<Value>) -> Run {
    let (tx, rx) = mpsc::channel();
    let load_config = config.clone();
    std::thread::Builder::new()
        .name("hostile-load".into())
        .stack_size(STACK)
        .spawn(move || {
            heap::reset_peak();
            let start = Instant::now();
            let module = Module::new(&wasm, &load_config);
            let load = start.elapsed();
            let _ = tx.send((module, load, heap::peak()));
        })
        .expect("spawn");
    let (module, load, peak_heap) =
        rx.recv_timeout(TIMEOUT).expect("loading finished in time and did not overflow its stack");
    let compile = module.as_ref().ok().and_then(|m| m.native()).map(|n| n.compile_time());
    let code_size = module.as_ref().ok().and_then(|m| m.native()).map(|n| n.code_size());
    let native = matches!(config.engine, Engine::Native(_));
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("hostile-run".into())
        .stack_size(STACK + if native { NATIVE_STACK } else { 0 })
        .spawn(move || {
            let start = Instant::now();
            let outcome = module.and_then(|m| {
                let mut vm = Vm::from_module(&m, config, &mut NoImports)?;
                vm.invoke(export, &args)
            });
            let _ = tx.send((start.elapsed(), outcome));
        })
        .expect("spawn");
    let (run, outcome) = rx.recv_timeout(TIMEOUT).expect("the call finished in time and did not overflow its stack");
    Run { engine, load, compile, code_size, peak_heap, run, outcome }
}

/// Runs `wasm` on every engine, prints what each did under `case`, and checks that Polymerase
/// gave the interpreter's outcome. Returns the interpreter's run.
fn run_all(case: &str, make: impl Fn() -> (Vec<u8>, Vec<Value>), export: &'static str) -> Run {
    let runs: Vec<Run> = engines()
        .into_iter()
        .map(|(engine, config)| {
            let (wasm, args) = make();
            run(engine, wasm, config, export, args)
        })
        .collect();
    for r in &runs {
        eprintln!("{case}: {}: {}", r.engine, describe(r));
    }
    agree(case, &runs);
    runs.into_iter().next().expect("the interpreter ran")
}

fn describe(r: &Run) -> String {
    let compile = match (r.compile, r.code_size) {
        (Some(c), Some(size)) => format!(" (compile {c:.2?}, {size} bytes of code)"),
        _ => String::new(),
    };
    format!(
        "load {:.2?}{compile}, peak heap {} KiB, instantiate+call {:.2?} -> {}",
        r.load,
        r.peak_heap / 1024,
        r.run,
        match &r.outcome {
            Ok(v) if v.len() > 4 => format!("{} values", v.len()),
            Ok(v) => format!("{v:?}"),
            Err(e) => format!("error: {e}"),
        }
    )
}

/// Polymerase's outcome is the interpreter's: the same values, or errors with the same message;
/// or it refused a function over its complexity limit (see [`too_complex`]).
#[track_caller]
fn agree(case: &str, runs: &[Run]) {
    let show = |r: &Run| r.outcome.clone().map_err(|e| e.to_string());
    for r in &runs[1..] {
        if too_complex(&r.outcome) {
            continue;
        }
        assert_eq!(show(r), show(&runs[0]), "{case}: {} and {} disagree", r.engine, runs[0].engine);
    }
}

/// Whether Polymerase refused to compile a function over `Polymerase::max_function_complexity`.
fn too_complex(outcome: &Result<Vec<Value>, Error>) -> bool {
    matches!(outcome, Err(Error::Compile(m)) if m.contains("too complex to compile"))
}

/// Cases known to load in superlinear time on one engine: `(case, engine, n, why)`. They run on
/// that engine at size `n` (small enough to keep the test quick) and print their scaling
/// without asserting it. A timing cannot prove superlinearity reliably, so unlike the
/// regression corpus's list this one is not checked for entries that scale linearly now:
/// delete an entry when its cause is fixed.
const KNOWN_SUPERLINEAR: &[(&str, &str, u32, &str)] = &[
    (
        "2,000 values live across bounds checks",
        "polymerase",
        2_000,
        "regalloc2: every load's bounds check ends a block, and n values live across n blocks \
         make O(n^2) live ranges: 2.3 s and 270 MB of RSS at n = 2,000 (a 14 KB module), \
         141 s and 4 GB at n = 8,000 (56 KB)",
    ),
    (
        "2,000 values live across calls",
        "polymerase",
        2_000,
        "regalloc2, as for bounds checks (the trap check after each call ends a block): 2.0 s and \
         290 MB at n = 2,000 (a 6 KB module), 155 s and 6.8 GB at n = 10,000 (30 KB)",
    ),
    (
        "8,000 values live at once",
        "polymerase",
        8_000,
        "regalloc2's conflict search under high register pressure, within one block: 3.4 s at \
         n = 8,000 (a 72 KB module), 140 s at n = 50,000 (484 KB)",
    ),
];

/// A debug build of Cranelift checks its dominator-tree walk at every block (a `debug_assert_eq!`
/// in `EgraphPass::remove_pure_and_optimize`), which is quadratic in the nesting depth: 63 s at
/// n = 100,000. Release builds are linear (0.7 s).
const KNOWN_SUPERLINEAR_IN_DEBUG: &[(&str, &str, u32, &str)] = &[(
    "100,000 nested if/else",
    "polymerase",
    12_500,
    "Cranelift's debug assertion in the egraph pass walks the dominator tree at every block",
)];

fn known_superlinear(case: &str, engine: &str) -> Option<&'static (&'static str, &'static str, u32, &'static str)> {
    let debug: &[_] = if cfg!(debug_assertions) { KNOWN_SUPERLINEAR_IN_DEBUG } else { &[] };
    KNOWN_SUPERLINEAR.iter().chain(debug).find(|(c, e, _, _)| *c == case && *e == engine)
}

/// Runs `make(n)` at `n / 8` and `n` on every engine, checks scaling (but for
/// [`KNOWN_SUPERLINEAR`] cases) and agreement, and returns the interpreter's full-size run.
fn scaled(case: &str, n: u32, make: impl Fn(u32) -> (Vec<u8>, Vec<Value>), export: &'static str) -> Run {
    let mut full = Vec::new();
    for (engine, config) in engines() {
        let known = known_superlinear(case, engine);
        let n = known.map_or(n, |k| k.2);
        let small = {
            let (wasm, args) = make(n / 8);
            run(engine, wasm, config.clone(), export, args)
        };
        let (wasm, args) = make(n);
        let size = wasm.len();
        let big = run(engine, wasm, config, export, args);
        eprintln!(
            "{case}: {engine}: n={n}, {size} bytes: {} (n/8: load {:.2?}, instantiate+call {:.2?}, ratio {:.1})",
            describe(&big),
            small.load,
            small.run,
            big.total().as_secs_f64() / small.total().as_secs_f64()
        );
        let linear = big.total() <= small.total() * 32 + Duration::from_millis(100);
        match known {
            Some((.., why)) => eprintln!("{case}: {engine}: known to be superlinear: {why}"),
            None => assert!(
                linear,
                "{case}: {engine}: {:?} at n={n} against {:?} at n/8: not linear",
                big.total(),
                small.total()
            ),
        }
        full.push((n, big));
    }
    // A known case may have run at another size on one engine: compare runs of the same size.
    let same_size: Vec<Run> = full.into_iter().filter(|(size, _)| *size == n).map(|(_, r)| r).collect();
    agree(case, &same_size);
    same_size.into_iter().next().expect("the interpreter ran")
}

/// The outcome is a clear, one-line error.
#[track_caller]
fn clear_error(outcome: &Result<Vec<Value>, Error>) {
    let Err(e) = outcome else { panic!("expected an error, got {outcome:?}") };
    let text = e.to_string();
    assert!(!text.is_empty() && !text.contains('\n'), "unclear error: {text:?}");
}

#[test]
fn nested_blocks() {
    let run = scaled(
        "100,000 nested blocks",
        100_000,
        |n| {
            let mut body = [0x02, 0x40].repeat(n as usize);
            body.extend(std::iter::repeat_n(0x0b, n as usize));
            (Builder::default().ty(&[], &[]).func(vec![], body).export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert!(run.outcome.is_ok() || matches!(run.outcome, Err(Error::Decode(_))), "{:?}", run.outcome);
}

#[test]
fn nested_if_else() {
    let run = scaled(
        "100,000 nested if/else",
        100_000,
        |n| {
            // if (i32.const 1) { if ... } else { } end, n deep; the innermost then-branch is empty.
            let mut body = [0x41, 0x01, 0x04, 0x40].repeat(n as usize);
            body.extend([0x05, 0x0b].repeat(n as usize));
            (Builder::default().ty(&[], &[]).func(vec![], body).export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert!(run.outcome.is_ok() || matches!(run.outcome, Err(Error::Decode(_))), "{:?}", run.outcome);
}

#[test]
fn fifty_thousand_locals() {
    let run = scaled(
        "50,000 locals",
        50_000,
        |n| {
            // Returns the last local, which is zero.
            let mut body = vec![0x20];
            leb(&mut body, u64::from(n - 1));
            (Builder::default().ty(&[], &[I64]).func(vec![(n, I64)], body).export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I64(0)]);

    // One more than wasmparser allows: a clear decode error.
    let wasm = Builder::default().ty(&[], &[]).func(vec![(50_001, I64)], vec![]).export_func("f", 0).encode();
    clear_error(&run_all("50,001 locals", || (wasm.clone(), vec![]), "f").outcome);
}

#[test]
fn recursion_with_fifty_thousand_locals() {
    // Each frame takes 50,000 slots; the value stack limit must trap long before memory runs out.
    let mut body = vec![0x10, 0x00]; // call 0
    body.push(0x1a); // drop
    body.extend([0x42, 0x00]); // i64.const 0
    let wasm = Builder::default().ty(&[], &[I64]).func(vec![(50_000, I64)], body).export_func("f", 0).encode();
    let run = run_all("recursion with 50,000 locals", || (wasm.clone(), vec![]), "f");
    let trap = run.outcome.as_ref().err().and_then(Error::trap).expect("traps");
    assert_eq!(trap.code(), Some(life_interp::TrapCode::StackOverflow));
}

/// `return_call 0` with the counter in param 0 less one and the other params passed on, param 1
/// plus one; at zero, param 1 as an `i32`.
fn tail_countdown(params: u32) -> Vec<u8> {
    let mut body = vec![0x20, 0x00, 0x45, 0x04, I32]; // local.get 0, i32.eqz, if (result i32)
    body.extend([0x20, 0x01, 0xa7]); // local.get 1, i32.wrap_i64
    body.push(0x05); // else
    body.extend([0x20, 0x00, 0x41, 0x01, 0x6b]); // local.get 0, i32.const 1, i32.sub
    body.extend([0x20, 0x01, 0x42, 0x01, 0x7c]); // local.get 1, i64.const 1, i64.add
    for i in 2..params {
        body.push(0x20);
        leb(&mut body, u64::from(i));
    }
    body.extend([0x12, 0x00, 0x0b]); // return_call 0, end
    body
}

#[test]
fn a_million_tail_calls_with_locals_run_in_constant_space() {
    // Each frame has 100 locals; a million frames would need 800 MB of value stack.
    let wasm = Builder::default()
        .ty(&[I32, I64], &[I32])
        .func(vec![(100, I64)], tail_countdown(2))
        .export_func("f", 0)
        .encode();
    let run =
        run_all("1,000,000 tail calls, 100 locals", || (wasm.clone(), vec![Value::I32(1_000_000), Value::I64(0)]), "f");
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(1_000_000)]);
}

#[test]
fn tail_calls_with_two_hundred_params() {
    // More arguments than any register convention passes in registers: the tail call moves
    // them on the native stack in Polymerase, in the value stack in the interpreter.
    let mut params = vec![I32];
    params.extend([I64; 199]);
    let wasm = Builder::default().ty(&params, &[I32]).func(vec![], tail_countdown(200)).export_func("f", 0).encode();
    let mut args = vec![Value::I32(100_000)];
    args.extend((0..199).map(|i| Value::I64(i * 3)));
    let run = run_all("100,000 tail calls with 200 params", || (wasm.clone(), args.clone()), "f");
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(100_000)]);
}

#[test]
fn one_mebibyte_function_body() {
    let run = scaled(
        "1 MiB function body",
        1 << 20,
        |bytes| {
            // local.get 0, i32.const 1, i32.add, local.set 0: 7 bytes each.
            let reps = bytes / 7;
            let mut body = [0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00].repeat(reps as usize);
            body.extend([0x20, 0x00]);
            (Builder::default().ty(&[], &[I32]).func(vec![(1, I32)], body).export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I32((1 << 20) / 7)]);
}

#[test]
fn br_table_with_a_million_targets() {
    let run = scaled(
        "br_table with 1,000,000 targets",
        1_000_000,
        |n| {
            // block (local.get 0; br_table 0 x n, default 0) end; i32.const 7
            let mut body = vec![0x02, 0x40, 0x20, 0x00, 0x0e];
            leb(&mut body, u64::from(n));
            body.extend(std::iter::repeat_n(0x00, n as usize + 1));
            body.extend([0x0b, 0x41, 0x07]);
            (
                Builder::default().ty(&[I32], &[I32]).func(vec![], body).export_func("f", 0).encode(),
                vec![Value::I32(n as i32 - 1)],
            )
        },
        "f",
    );
    assert!(run.outcome.is_ok() || matches!(run.outcome, Err(Error::Decode(_))), "{:?}", run.outcome);
    if let Ok(v) = &run.outcome {
        assert_eq!(v, &vec![Value::I32(7)]);
    }
}

#[test]
fn hundred_thousand_functions_and_exports() {
    let run = scaled(
        "100,000 functions and exports",
        100_000,
        |n| {
            let mut b = Builder::default().ty(&[], &[I32]);
            for i in 0..n {
                let mut body = vec![0x41];
                sleb(&mut body, i64::from(i));
                b = b.func(vec![], body).export_func(&format!("f{i}"), i);
            }
            // Every case calls `f`: export function 0 under that name too.
            (b.export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(0)]);
}

#[test]
fn sixteen_mebibytes_of_data_into_one_page() {
    let run = scaled(
        "16 MiB data segment into a 1-page memory",
        16 << 20,
        |n| {
            let mut b = Builder::default().ty(&[], &[]).func(vec![], vec![]).export_func("f", 0);
            b.memory = Some((1, Some(1)));
            b.datas.push((0, vec![0xab; n as usize]));
            (b.encode(), vec![])
        },
        "f",
    );
    // Instantiation traps (the segment does not fit); nothing is allocated beyond the module.
    clear_error(&run.outcome);
    let trap = run.outcome.as_ref().err().and_then(Error::trap).expect("instantiation traps");
    assert_eq!(trap.code(), Some(life_interp::TrapCode::MemoryOutOfBounds));
}

#[test]
fn lying_counts_and_lengths() {
    // Sections whose counts or lengths promise far more than the bytes that follow: each must
    // fail fast without allocating what was promised.
    let header = b"\0asm\x01\0\0\0".to_vec();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("4 billion types", [&header[..], &[1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]].concat()),
        ("4 billion functions", [&header[..], &[3, 5, 0xff, 0xff, 0xff, 0xff, 0x0f]].concat()),
        ("4 billion locals", {
            let mut m = Builder::default().ty(&[], &[]).func(vec![], vec![]).encode();
            // Replace the code section with one declaring 2^32-1 locals in one entry.
            let code = m.iter().rposition(|&b| b == 10).unwrap();
            m.truncate(code);
            m.extend([10, 9, 1, 7, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, I32]);
            m
        }),
        ("a 4 GiB data segment", {
            let mut m = header.clone();
            m.extend([5, 3, 1, 0, 1]); // memory 1
            m.extend([11, 10, 1, 0, 0x41, 0, 0x0b, 0xff, 0xff, 0xff, 0xff, 0x0f]);
            m
        }),
        ("a 4 GiB section", [&header[..], &[1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0]].concat()),
        ("a 4 GiB memory minimum", [&header[..], &[5, 7, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]].concat()),
    ];
    for (case, wasm) in cases {
        let run = run_all(case, || (wasm.clone(), vec![]), "f");
        clear_error(&run.outcome);
        assert!(run.load < Duration::from_secs(1), "{case}: {:?}", run.load);
    }
}

#[test]
fn hundred_thousand_operands() {
    let run = scaled(
        "100,000 values on the operand stack",
        100_000,
        |n| {
            let mut body = [0x41, 0x01].repeat(n as usize);
            body.extend(std::iter::repeat_n(0x6a, n as usize - 1));
            (Builder::default().ty(&[], &[I32]).func(vec![], body).export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    match &run.outcome {
        Ok(v) => assert_eq!(v, &vec![Value::I32(100_000)]),
        Err(e) => clear_error(&Err(e.clone())),
    }
}

#[test]
fn thousand_params_and_results() {
    // The most wasmparser allows: 1,000 parameters, returned in reverse order.
    let n = 1000u32;
    let mut body = Vec::new();
    for i in (0..n).rev() {
        body.push(0x20);
        leb(&mut body, u64::from(i));
    }
    let params = vec![I32; n as usize];
    let wasm = Builder::default().ty(&params, &params).func(vec![], body).export_func("f", 0).encode();
    let args: Vec<Value> = (0..n as i32).map(Value::I32).collect();
    let run = run_all("1,000 params and results", || (wasm.clone(), args.clone()), "f");
    let want: Vec<Value> = (0..n as i32).rev().map(Value::I32).collect();
    assert_eq!(run.outcome.unwrap(), want);
}

/// `n` values that stay on the operand stack until the end, each made by `value(i)`, then summed.
fn live_values(n: u32, value: impl Fn(u32) -> Vec<u8>) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..n {
        body.extend(value(i));
    }
    body.extend(std::iter::repeat_n(0x6a, n as usize - 1)); // i32.add
    body
}

#[test]
fn values_live_across_bounds_checks() {
    let run = scaled(
        "2,000 values live across bounds checks",
        2_000,
        |n| {
            // i32.load offset=4i (i32.const 0): each access checked, each value kept.
            let body = live_values(n, |i| {
                let mut b = vec![0x41, 0x00, 0x28, 0x02];
                leb(&mut b, u64::from(4 * i));
                b
            });
            let mut b = Builder::default().ty(&[], &[I32]).func(vec![], body).export_func("f", 0);
            b.memory = Some((1, Some(1)));
            (b.encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(0)]);
}

#[test]
fn values_live_across_calls() {
    let run = scaled(
        "2,000 values live across calls",
        2_000,
        |n| {
            // call 1, which returns 1: each call checked for a trap afterwards, each value kept.
            let body = live_values(n, |_| vec![0x10, 0x01]);
            let b = Builder::default().ty(&[], &[I32]).func(vec![], body).func(vec![], vec![0x41, 0x01]);
            (b.export_func("f", 0).encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(2_000)]);
}

/// Polymerase's complexity limit turns the superlinear cases into a quick, clear refusal at sizes
/// that would otherwise compile for minutes (141 s, 155 s and 140 s without it), while the
/// interpreter runs them.
#[test]
fn complexity_limit_refuses_the_superlinear_cases_quickly() {
    type Make = Box<dyn Fn(u32) -> Vec<u8>>;
    let cases: [(&str, u32, Make); 3] = [
        (
            "values live across bounds checks",
            8_000,
            Box::new(|n| {
                let body = live_values(n, |i| {
                    let mut b = vec![0x41, 0x00, 0x28, 0x02];
                    leb(&mut b, u64::from(4 * i));
                    b
                });
                let mut b = Builder::default().ty(&[], &[I32]).func(vec![], body).export_func("f", 0);
                b.memory = Some((1, Some(1)));
                b.encode()
            }),
        ),
        (
            "values live across calls",
            10_000,
            Box::new(|n| {
                let body = live_values(n, |_| vec![0x10, 0x01]);
                let b = Builder::default().ty(&[], &[I32]).func(vec![], body).func(vec![], vec![0x41, 0x01]);
                b.export_func("f", 0).encode()
            }),
        ),
        (
            "values live at once",
            50_000,
            Box::new(|n| {
                let body = live_values(n, |i| {
                    let mut b = vec![0x23];
                    leb(&mut b, u64::from(i));
                    b
                });
                let mut b = Builder::default().ty(&[], &[I32]).func(vec![], body).export_func("f", 0);
                b.globals = n;
                b.encode()
            }),
        ),
    ];
    for (case, n, make) in cases {
        let [(_, interp), (_, poly)] = engines();
        let on_poly = run("polymerase", make(n), poly, "f", vec![]);
        eprintln!("{case} (n = {n}): polymerase: {}", describe(&on_poly));
        assert!(too_complex(&on_poly.outcome), "{case}: {:?}", on_poly.outcome);
        clear_error(&on_poly.outcome);
        assert!(on_poly.load < Duration::from_secs(2), "{case}: refusing took {:?}", on_poly.load);
        let on_interp = run("interp", make(n), interp, "f", vec![]);
        eprintln!("{case} (n = {n}): interp: {}", describe(&on_interp));
        assert!(on_interp.outcome.is_ok(), "{case}: {:?}", on_interp.outcome);
    }
}

#[test]
fn many_values_live_at_once() {
    let run = scaled(
        "8,000 values live at once",
        8_000,
        |n| {
            // global.get i of n mutable globals: no block boundaries, only register pressure.
            let body = live_values(n, |i| {
                let mut b = vec![0x23];
                leb(&mut b, u64::from(i));
                b
            });
            let mut b = Builder::default().ty(&[], &[I32]).func(vec![], body).export_func("f", 0);
            b.globals = n;
            (b.encode(), vec![])
        },
        "f",
    );
    assert_eq!(run.outcome.unwrap(), vec![Value::I32(8_000 * 7_999 / 2)]);
}
