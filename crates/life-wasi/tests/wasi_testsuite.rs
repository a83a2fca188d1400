//! The official WASI test suite (preview 1 programs in AssemblyScript, C and Rust, vendored in
//! `tests/wasi-testsuite/`) as `cargo test` trials: one per engine and program.
//!
//! Trials are named `engine/language/program` (`interp/rust/path_link`, `aot/c/lseek`), so
//! `cargo test -p life-wasi --test wasi_testsuite -- aot/` filters by engine.
//! Each program runs as the suite's own runner runs it under wasmtime
//! (`adapters/wasmtime.py`, `doc/specification.md`): the `.json` beside the `.wasm` gives the
//! arguments (after the program's name), the environment (nothing else), and a `root`
//! directory granted as `/`; standard input is empty. The trial passes when the exit code is
//! the expected one (0 by default) and, where the specification gives them, standard output
//! and error begin with the expected text (the runner reads that many characters).
//! The `root` directory is copied to a fresh directory under the target directory for every
//! trial, so programs that create files neither see each other's nor touch the source tree.

use libtest_mimic::{Arguments, Failed, Trial};
use life_interp::{Engine, Module, TrapKind, Vm, VmConfig};
use life_wasi::{OutputBuffer, Wasi, WasiCtx};
use serde_json::Value as Json;
use std::{
    fs, io,
    path::{Path, PathBuf},
    time::Duration,
};

/// The languages of the suite, each a directory of `tests/wasi-testsuite`.
const LANGUAGES: [&str; 3] = ["assemblyscript", "c", "rust"];

/// How long one program may run before it counts as hung.
const TIMEOUT: Duration = Duration::from_secs(120);

fn main() {
    let args = Arguments::from_args();
    let mut trials = Vec::new();
    for (engine_name, engine) in engines() {
        for (lang, name, wasm) in programs() {
            let engine = engine.clone();
            trials.push(Trial::test(format!("{engine_name}/{lang}/{name}"), move || {
                run_test(engine_name, engine, lang, &name, &wasm)
            }));
        }
    }
    assert_eq!(trials.len(), 2 * 72, "the vendored suite has 72 preview 1 programs");
    libtest_mimic::run(&args, trials).exit();
}

/// The engines every program runs on, by trial prefix.
fn engines() -> [(&'static str, Engine); 2] {
    [("interp", Engine::Interpreter), ("aot", life_aot::polymerase())]
}

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wasi-testsuite")
}

/// Every program: language, name without `.wasm`, path, in a stable order.
fn programs() -> Vec<(&'static str, String, PathBuf)> {
    let mut programs = Vec::new();
    for lang in LANGUAGES {
        let dir = suite_dir().join(lang);
        let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "wasm"))
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_stem().expect("a file name").to_string_lossy().into_owned();
            programs.push((lang, name, path));
        }
    }
    programs
}

/// What a program's `.json` specification asks for, with the suite's defaults.
#[derive(Debug, Default)]
struct Spec {
    args: Vec<String>,
    env: Vec<(String, String)>,
    root: Option<String>,
    exit_code: i32,
    stdout: Option<String>,
    stderr: Option<String>,
}

impl Spec {
    /// Reads the specification beside `wasm`; no file means the defaults.
    fn read(wasm: &Path) -> Result<Spec, String> {
        let path = wasm.with_extension("json");
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Spec::default()),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let json: Json = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let Json::Object(fields) = json else { return Err(format!("{}: not an object", path.display())) };
        let string = |v: &Json| v.as_str().map(str::to_string).ok_or_else(|| format!("{v} is not a string"));
        let mut spec = Spec::default();
        for (key, value) in &fields {
            match (key.as_str(), value) {
                ("args", Json::Array(args)) => spec.args = args.iter().map(string).collect::<Result<_, _>>()?,
                ("env", Json::Object(env)) => {
                    for (k, v) in env {
                        spec.env.push((k.clone(), string(v)?));
                    }
                }
                ("root", Json::Null) => {}
                ("root", root) => spec.root = Some(string(root)?),
                ("exit_code", code) => {
                    spec.exit_code = code.as_i64().and_then(|c| i32::try_from(c).ok()).ok_or("a bad exit_code")?
                }
                ("stdout", out) => spec.stdout = Some(string(out)?),
                ("stderr", err) => spec.stderr = Some(string(err)?),
                (other, _) => return Err(format!("{}: unsupported key {other:?}", path.display())),
            }
        }
        Ok(spec)
    }
}

/// Runs one program on one engine and checks it against its specification.
fn run_test(engine_name: &str, engine: Engine, lang: &str, name: &str, wasm: &Path) -> Result<(), Failed> {
    let spec = Spec::read(wasm)?;
    let bytes = fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let (stdout, stderr) = (OutputBuffer::new(), OutputBuffer::new());
    let file_name = wasm.file_name().expect("a file name").to_string_lossy().into_owned();
    let mut ctx = WasiCtx::builder()
        .arg(file_name)
        .args(spec.args.iter().cloned())
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .stdin_bytes(Vec::new())
        .stdout(stdout.clone())
        .stderr(stderr.clone());
    if let Some(root) = &spec.root {
        let work =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("wasi-testsuite").join(engine_name).join(lang).join(name);
        let _ = fs::remove_dir_all(&work);
        copy_dir(&wasm.with_file_name(root), &work).map_err(|e| format!("copying {root}: {e}"))?;
        ctx = ctx.preopened_dir(&work, "/", false).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let config = VmConfig { engine, timeout: Some(TIMEOUT), ..VmConfig::default() };
    let module = Module::new(&bytes, &config).map_err(|e| format!("load: {e}"))?;
    let mut vm = Vm::from_module(&module, config, &mut Wasi::new(ctx.build())).map_err(|e| format!("{e}"))?;
    let (status, trap) = match vm.invoke("_start", &[]) {
        Ok(_) => (0, None),
        Err(e) => match e.trap().map(|t| (t.kind(), t)) {
            Some((TrapKind::Exit(code), _)) => (*code, None),
            Some((_, trap)) => (134, Some(trap.display_with_trace().to_string())),
            None => return Err(format!("_start failed: {e}").into()),
        },
    };
    let (out, err) = (stdout.to_string_lossy(), stderr.to_string_lossy());
    let mut problems = Vec::new();
    if status != spec.exit_code {
        problems.push(format!("exit code {status}, expected {}", spec.exit_code));
    }
    for (stream, got, want) in [("stdout", &out, &spec.stdout), ("stderr", &err, &spec.stderr)] {
        if let Some(want) = want
            && !got.starts_with(want.as_str())
        {
            problems.push(format!("{stream} {got:?} does not begin with {want:?}"));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    if let Some(trap) = trap {
        problems.push(format!("trap: {trap}"));
    }
    problems.push(format!("stdout: {out:?}\nstderr: {err:?}"));
    Err(problems.join("\n").into())
}

/// Copies directory `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
