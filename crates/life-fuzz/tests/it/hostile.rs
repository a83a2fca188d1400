//! Hostile modules: each must be rejected with a clear error or handled in time linear in its
//! size, on a thread with a 256 KiB stack (so nothing recurses on the host stack per nesting
//! level) and without unbounded allocation.
//!
//! Modules are encoded by hand ([`Builder`]) so the sizes are exact. Each case runs at full size
//! and at an eighth of it; the full size must take at most 32 times as long plus 100 ms (linear
//! is 8 times, quadratic 64). Timings print with `--nocapture`.

use life_interp::{Error, Module, NoImports, Value, Vm, VmConfig};
use std::{
    sync::mpsc,
    time::{Duration, Instant},
};

/// The host stack every case runs on.
const STACK: usize = 256 * 1024;
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

/// What happened to one module.
#[derive(Debug)]
struct Run {
    /// Decode and translate (`Module::new`).
    decode: Duration,
    /// Instantiate and the call, if decoding succeeded.
    run: Duration,
    /// The decode error, or the instantiation or call result.
    outcome: Result<Vec<Value>, Error>,
}

/// Decodes, instantiates and calls `export` with `args`, on a small-stack thread.
fn run(wasm: Vec<u8>, config: VmConfig, export: &'static str, args: Vec<Value>) -> Run {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("hostile".into())
        .stack_size(STACK)
        .spawn(move || {
            let start = Instant::now();
            let module = Module::new(&wasm, &config);
            let decode = start.elapsed();
            let start = Instant::now();
            let outcome = module.and_then(|m| {
                let mut vm = Vm::from_module(&m, config, &mut NoImports)?;
                vm.invoke(export, &args)
            });
            let _ = tx.send(Run { decode, run: start.elapsed(), outcome });
        })
        .expect("spawn");
    rx.recv_timeout(TIMEOUT).expect("the case finished in time and did not overflow its stack")
}

/// Runs `make(n)` at `n / 8` and `n`, checks scaling, and returns the full-size run.
fn scaled(case: &str, n: u32, make: impl Fn(u32) -> (Vec<u8>, Vec<Value>), export: &'static str) -> Run {
    let small = {
        let (wasm, args) = make(n / 8);
        run(wasm, VmConfig::default(), export, args)
    };
    let (wasm, args) = make(n);
    let size = wasm.len();
    let big = run(wasm, VmConfig::default(), export, args);
    eprintln!(
        "{case}: n={n}, {size} bytes: decode+translate {:?}, instantiate+call {:?} (n/8: {:?}, {:?}) -> {}",
        big.decode,
        big.run,
        small.decode,
        small.run,
        match &big.outcome {
            Ok(v) => format!("{v:?}"),
            Err(e) => format!("error: {e}"),
        }
    );
    let total = |r: &Run| r.decode + r.run;
    assert!(
        total(&big) <= total(&small) * 32 + Duration::from_millis(100),
        "{case}: {:?} at n={n} against {:?} at n/8: not linear",
        total(&big),
        total(&small)
    );
    big
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
    clear_error(&run_default(wasm, "f", vec![]).outcome);
}

#[test]
fn recursion_with_fifty_thousand_locals() {
    // Each frame takes 50,000 slots; the value stack limit must trap long before memory runs out.
    let mut body = vec![0x10, 0x00]; // call 0
    body.push(0x1a); // drop
    body.extend([0x42, 0x00]); // i64.const 0
    let wasm = Builder::default().ty(&[], &[I64]).func(vec![(50_000, I64)], body).export_func("f", 0).encode();
    let run = run_default(wasm, "f", vec![]);
    eprintln!(
        "recursion with 50,000 locals: {:?} + {:?} -> {:?}",
        run.decode,
        run.run,
        run.outcome.as_ref().map_err(|e| e.to_string())
    );
    let trap = run.outcome.as_ref().err().and_then(Error::trap).expect("traps");
    assert_eq!(trap.code(), Some(life_interp::TrapCode::StackOverflow));
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
        let run = run_default(wasm, "f", vec![]);
        eprintln!(
            "{case}: {:?} -> {}",
            run.decode,
            run.outcome.as_ref().map_or_else(|e| e.to_string(), |v| format!("{v:?}"))
        );
        clear_error(&run.outcome);
        assert!(run.decode < Duration::from_secs(1), "{case}: {:?}", run.decode);
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
    let run = run_default(wasm, "f", args);
    eprintln!("1,000 params and results: {:?} + {:?}", run.decode, run.run);
    let want: Vec<Value> = (0..n as i32).rev().map(Value::I32).collect();
    assert_eq!(run.outcome.unwrap(), want);
}

fn run_default(wasm: Vec<u8>, export: &'static str, args: Vec<Value>) -> Run {
    run(wasm, VmConfig::default(), export, args)
}
