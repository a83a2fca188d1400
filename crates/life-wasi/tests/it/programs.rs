//! The C programs of `tests/programs`, run under Life and compared with their native builds.
//!
//! `cases.txt` says how to run each case; `build.sh` recorded the native build's standard
//! output, standard error and exit status in `expected/`. Here each case runs its `.wasm` the
//! same way: in a fresh empty directory preopened as ".", with only the given environment.

use crate::{programs_dir, scratch};
use life_interp::{TrapKind, Vm, VmConfig};
use life_wasi::{OutputBuffer, Wasi, WasiCtx, WasiCtxBuilder};
use std::fs;

/// What a run produced, in the form the native runs were recorded.
#[derive(Debug, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `_start` of `wasm` with `ctx` plus captured standard output and error.
///
/// The status is what a shell would see: 0 when `_start` returns, the low byte of the
/// `proc_exit` code, or 134 (SIGABRT) for a trap, which is how wasi-libc's `abort` ends.
pub fn run(wasm: &[u8], ctx: WasiCtxBuilder) -> Outcome {
    let (stdout, stderr) = (OutputBuffer::new(), OutputBuffer::new());
    let mut wasi = Wasi::new(ctx.stdout(stdout.clone()).stderr(stderr.clone()).build());
    let mut vm = Vm::new(wasm, VmConfig::default(), &mut wasi).expect("the program instantiates");
    let status = match vm.invoke("_start", &[]) {
        Ok(_) => 0,
        Err(e) => match e.trap().map(|t| t.kind()) {
            Some(TrapKind::Exit(code)) => code & 0xff,
            Some(_) => 134,
            None => panic!("_start failed: {e}"),
        },
    };
    Outcome { status, stdout: stdout.to_string_lossy(), stderr: stderr.to_string_lossy() }
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
        let dir = scratch(&format!("program-{}", case.name));
        let mut ctx = WasiCtx::builder()
            .arg(format!("{}.wasm", case.program))
            .args(case.args.iter().cloned())
            .envs(case.env.iter().cloned())
            .preopened_dir(&dir, ".", false)
            .expect("preopen the scratch directory");
        if let Some(file) = &case.stdin {
            ctx = ctx.stdin_bytes(fs::read(programs_dir().join(file)).expect("the stdin file"));
        }
        let got = run(&wasm, ctx);
        let want = expected(&case.name);
        if got != want {
            failures.push(format!("case {}:\n  got  {got:?}\n  want {want:?}", case.name));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
