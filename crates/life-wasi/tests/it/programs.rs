//! The C programs of `tests/programs`, run under Life and compared with their native builds.
//!
//! `cases.txt` says how to run each case; `build.sh` recorded the native build's standard
//! output, standard error and exit status in `expected/`. Here each case runs its `.wasm` the
//! same way: in a fresh empty directory preopened as ".", with only the given environment.
//! Every program runs on both engines, the interpreter and Polymerase, which must agree with
//! each other (trap messages and stack traces included) as well as with the native build.

use crate::{programs_dir, scratch};
use life_interp::{Engine, Module, TrapKind, Vm, VmConfig};
use life_wasi::{OutputBuffer, Wasi, WasiCtx, WasiCtxBuilder};
use std::fs;

/// The engines every program runs on, by name.
pub fn engines() -> [(&'static str, Engine); 2] {
    [("interpreter", Engine::Interpreter), ("polymerase", life_aot::polymerase())]
}

/// What a run produced, in the form the native runs were recorded.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `_start` of `wasm` on `engine` with `ctx` plus captured standard output and error.
///
/// The status is what a shell would see: 0 when `_start` returns, the low byte of the
/// `proc_exit` code, or 134 (SIGABRT) for a trap, which is how wasi-libc's `abort` ends; the
/// trap itself, with its stack trace, comes second.
pub fn run_on(engine: Engine, wasm: &[u8], ctx: WasiCtxBuilder) -> (Outcome, Option<String>) {
    let (stdout, stderr) = (OutputBuffer::new(), OutputBuffer::new());
    let mut wasi = Wasi::new(ctx.stdout(stdout.clone()).stderr(stderr.clone()).build());
    let native = matches!(engine, Engine::Native(_));
    let config = VmConfig { engine, ..VmConfig::default() };
    let module = Module::new(wasm, &config).expect("the program compiles");
    assert_eq!(module.native().is_some(), native, "compiled by the native engine, and only by it");
    let mut vm = Vm::from_module(&module, config, &mut wasi).expect("the program instantiates");
    let (status, trap) = match vm.invoke("_start", &[]) {
        Ok(_) => (0, None),
        Err(e) => match e.trap().map(|t| (t.kind(), t)) {
            Some((TrapKind::Exit(code), _)) => (code & 0xff, None),
            Some((_, trap)) => (134, Some(trap.display_with_trace().to_string())),
            None => panic!("_start failed: {e}"),
        },
    };
    (Outcome { status, stdout: stdout.to_string_lossy(), stderr: stderr.to_string_lossy() }, trap)
}

/// Runs `_start` of `wasm` on every engine, each with the context `ctx` makes for it (given
/// the engine's name), checks that the engines agree, and returns what they did.
#[track_caller]
pub fn run(wasm: &[u8], ctx: impl Fn(&str) -> WasiCtxBuilder) -> Outcome {
    let mut runs = engines().into_iter().map(|(name, engine)| (name, run_on(engine, wasm, ctx(name))));
    let (first, run) = runs.next().expect("at least one engine");
    for (name, other) in runs {
        assert_eq!(other, run, "the engines disagree: {first} (right) and {name} (left)");
    }
    run.0
}

/// One line of `cases.txt`.
struct Case {
    name: String,
    program: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
}

fn cases() -> Vec<Case> {
    let text = fs::read_to_string(programs_dir().join("cases.txt")).expect("cases.txt");
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('|').collect();
            assert_eq!(fields.len(), 5, "cases.txt line {line:?} needs 5 fields");
            Case {
                name: fields[0].to_string(),
                program: fields[1].to_string(),
                args: words(fields[2]),
                env: words(fields[3])
                    .iter()
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').expect("KEY=VALUE");
                        (k.to_string(), v.to_string())
                    })
                    .collect(),
                stdin: (!fields[4].is_empty()).then(|| fields[4].to_string()),
            }
        })
        .collect()
}

fn expected(case: &str) -> Outcome {
    let read = |ext: &str| {
        let path = programs_dir().join("expected").join(format!("{case}.{ext}"));
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run tests/programs/build.sh)", path.display()))
    };
    Outcome { status: read("status").trim().parse().expect("a status"), stdout: read("stdout"), stderr: read("stderr") }
}

#[test]
fn programs_behave_as_their_native_builds() {
    let cases = cases();
    assert!(cases.len() >= 13, "cases.txt lists only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let wasm = fs::read(programs_dir().join(format!("{}.wasm", case.program))).expect("the built program");
        let want = expected(&case.name);
        let mut outcomes = Vec::new();
        for (engine_name, engine) in engines() {
            let dir = scratch(&format!("program-{}-{engine_name}", case.name));
            let mut ctx = WasiCtx::builder()
                .arg(format!("{}.wasm", case.program))
                .args(case.args.iter().cloned())
                .envs(case.env.iter().cloned())
                .preopened_dir(&dir, ".", false)
                .expect("preopen the scratch directory");
            if let Some(file) = &case.stdin {
                ctx = ctx.stdin_bytes(fs::read(programs_dir().join(file)).expect("the stdin file"));
            }
            let got = run_on(engine, &wasm, ctx);
            if got.0 != want {
                failures.push(format!("case {} on {engine_name}:\n  got  {:?}\n  want {want:?}", case.name, got.0));
            }
            outcomes.push((engine_name, got));
        }
        let (first, run) = &outcomes[0];
        for (name, other) in &outcomes[1..] {
            if other != run {
                failures.push(format!("case {}: {first} and {name} disagree:\n  {run:?}\n  {other:?}", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures in {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
