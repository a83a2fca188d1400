//! End-to-end tests of the `life` binary: exit status, stdout and stderr for every outcome.
//!
//! Each test runs the real binary. Examples run from the workspace root so paths in messages
//! read `examples/...`; modules written by a test live in its own scratch directory under
//! `CARGO_TARGET_TMPDIR`, which is also the working directory for that run.

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

/// What one run of `life` produced.
#[derive(Debug)]
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit 0 with exactly `stdout` and nothing on stderr.
    #[track_caller]
    fn succeeds(&self, stdout: &str) {
        assert_eq!(self.stdout, stdout, "stdout of {self:#?}");
        assert_eq!(self.stderr, "", "stderr of {self:#?}");
        assert_eq!(self.code, Some(0), "exit status of {self:#?}");
    }

    /// Exit 1 with exactly `stderr` and nothing on stdout.
    #[track_caller]
    fn fails(&self, stderr: &str) {
        assert_eq!(self.stderr, stderr, "stderr of {self:#?}");
        assert_eq!(self.stdout, "", "stdout of {self:#?}");
        assert_eq!(self.code, Some(1), "exit status of {self:#?}");
    }

    /// Exit 1 with one `error:` line on stderr that starts with `prefix` and contains `part`.
    #[track_caller]
    fn fails_with(&self, prefix: &str, part: &str) {
        assert!(self.stderr.starts_with(prefix), "stderr of {self:#?}");
        assert!(self.stderr.contains(part), "stderr of {self:#?}");
        assert_eq!(self.stderr.lines().count(), 1, "stderr of {self:#?}");
        assert_eq!(self.stdout, "", "stdout of {self:#?}");
        assert_eq!(self.code, Some(1), "exit status of {self:#?}");
    }

    /// Exit 134 with exactly `stderr`, after printing `stdout`.
    #[track_caller]
    fn traps(&self, stdout: &str, stderr: &str) {
        assert_eq!(self.stderr, stderr, "stderr of {self:#?}");
        assert_eq!(self.stdout, stdout, "stdout of {self:#?}");
        assert_eq!(self.code, Some(134), "exit status of {self:#?}");
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The engines `life` can run on, as the options that select them.
const ENGINES: [(&str, &[&str]); 2] = [("interpreter", &[]), ("polymerase", &["--polymerase"])];

/// Runs `life <engine> <args>` in `dir` and checks that it did not panic, whatever else it did.
fn life_on(dir: &Path, engine: &[&str], args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_life"))
        .args(engine)
        .args(args)
        .current_dir(dir)
        // Polymerase's cache stays in the target directory, not the user's.
        .env("LIFE_CACHE_DIR", Path::new(env!("CARGO_TARGET_TMPDIR")).join("life-cache"))
        .output()
        .expect("the life binary runs");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "life panicked: {run:#?}");
    assert_ne!(run.code, Some(101), "exit status 101 is a panic: {run:#?}");
    run
}

/// Checks that every engine's run of `life <args>` ended the same way, and returns it.
#[track_caller]
fn same_on_every_engine(args: &[&str], runs: Vec<Run>) -> Run {
    let mut runs = ENGINES.iter().map(|(name, _)| name).zip(runs);
    let (first, run) = runs.next().expect("at least one engine");
    for (engine, other) in runs {
        assert!(
            (other.code, &other.stdout, &other.stderr) == (run.code, &run.stdout, &run.stderr),
            "the engines disagree on `life {}`:\n{first}: {run:#?}\n{engine}: {other:#?}",
            args.join(" ")
        );
    }
    run
}

/// Runs `life` in `dir` on every engine, checks that they agree on the exit status, stdout and
/// stderr, and returns that outcome.
#[track_caller]
fn life_in(dir: &Path, args: &[&str]) -> Run {
    same_on_every_engine(args, ENGINES.iter().map(|(_, engine)| life_on(dir, engine, args)).collect())
}

/// Runs `life` in the workspace root, where `examples/` is, on every engine (see [`life_in`]).
#[track_caller]
fn life(args: &[&str]) -> Run {
    life_in(&workspace_root(), args)
}

/// A fresh, empty directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("life-cli").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// Writes `contents` to `dir/name`.
fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    fs::write(dir.join(name), contents).expect("write a scratch file");
}

/// Identity functions of every scalar numeric type, and a two-result function.
///
/// There is no `v128` function: the engines do not implement SIMD yet, so the default features
/// reject it. `v128` argument parsing is covered by the unit tests in `src/args/tests.rs`.
const VALUES_WAT: &str = r#"(module
  (func (export "i32") (param i32) (result i32) local.get 0)
  (func (export "i64") (param i64) (result i64) local.get 0)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "f64") (param f64) (result f64) local.get 0)
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "swap") (param i32 i64) (result i64 i32) local.get 1 local.get 0))
"#;

// ---- Running programs ----

#[test]
fn hello_logs_then_prints_its_result() {
    life(&["examples/hello.wat"]).succeeds("Hello from Life!\n6765\n");
}

#[test]
fn fib_takes_an_argument() {
    life(&["examples/fib.wat", "20"]).succeeds("6765\n");
    life(&["examples/fib.wat", "0"]).succeeds("0\n");
    life(&["examples/fib.wat", "90"]).succeeds("2880067194370816120\n");
}

#[test]
fn entry_picks_another_export() {
    life(&["--entry", "fib", "examples/hello.wat", "10"]).succeeds("55\n");
    life(&["-e", "fib", "examples/hello.wat", "1"]).succeeds("1\n");
    // `--invoke` is wasmtime's name for it.
    life(&["--invoke", "fib", "examples/hello.wat", "12"]).succeeds("144\n");
    life(&["--invoke=app_main", "examples/fib.wat", "11"]).succeeds("89\n");
}

#[test]
fn words_after_file_are_arguments_of_the_entry() {
    let dir = scratch("words_after_file_are_arguments_of_the_entry");
    write(&dir, "values.wat", VALUES_WAT);
    // Negative numbers need no `--`, and options after FILE are arguments, not options.
    life_in(&dir, &["--entry", "i32", "values.wat", "-5"]).succeeds("-5\n");
    life_in(&dir, &["-e", "add", "values.wat", "-7", "-0x10"]).succeeds("-23\n");
    life(&["examples/hello.wat", "--entry=fib", "12"])
        .fails("error: app_main expects 0 arguments () -> (i32), got 2\n");
    life(&["examples/fib.wat", "--", "5"]).fails("error: app_main expects 1 argument (i64) -> (i64), got 2\n");
    life(&["--", "examples/fib.wat", "5"]).succeeds("5\n");
}

#[test]
fn binary_modules_run_whatever_their_extension() {
    let dir = scratch("binary_modules_run_whatever_their_extension");
    // (module (func (export "app_main") (result i32) i32.const 42)), assembled by hand.
    let wasm = b"\0asm\x01\0\0\0\
        \x01\x05\x01\x60\x00\x01\x7f\
        \x03\x02\x01\x00\
        \x07\x0c\x01\x08app_main\x00\x00\
        \x0a\x06\x01\x04\x00\x41\x2a\x0b";
    write(&dir, "answer.wasm", wasm);
    write(&dir, "answer.bin", wasm);
    life_in(&dir, &["answer.wasm"]).succeeds("42\n");
    life_in(&dir, &["answer.bin"]).succeeds("42\n");
}

#[test]
fn negative_and_hex_arguments() {
    let dir = scratch("negative_and_hex_arguments");
    write(&dir, "values.wat", VALUES_WAT);
    let cases: &[(&str, &str, &str)] = &[
        ("i32", "-5", "-5\n"),
        ("i32", "0xffffffff", "-1\n"),
        ("i32", "-0x10", "-16\n"),
        ("i32", "4294967295", "-1\n"),
        ("i32", "-2147483648", "-2147483648\n"),
        ("i64", "-9223372036854775808", "-9223372036854775808\n"),
        ("i64", "0x7fffffffffffffff", "9223372036854775807\n"),
        ("f32", "1.5", "1.5\n"),
        ("f32", "-0.1", "-0.1\n"),
        ("f64", "-inf", "-inf\n"),
        ("f64", "inf", "inf\n"),
        ("f64", "nan:0x8000000000000", "nan:0x8000000000000\n"),
        ("f64", "-2.5e-3", "-0.0025\n"),
    ];
    for (entry, arg, out) in cases {
        life_in(&dir, &["--entry", entry, "values.wat", arg]).succeeds(out);
    }
    life_in(&dir, &["--entry", "add", "values.wat", "-2", "-3"]).succeeds("-5\n");
    life_in(&dir, &["--entry", "swap", "values.wat", "-1", "0x10"]).succeeds("16\n-1\n");
}

// Parsing the command line involves no engine (and clap's usage line echoes the options given),
// so these run once.

#[test]
fn help_and_version() {
    let life = |args: &[&str]| life_on(&workspace_root(), &[], args);
    let help = life(&["--help"]);
    assert_eq!(help.code, Some(0), "{help:#?}");
    assert!(help.stdout.contains("Usage: life [OPTIONS] <FILE> [ARGS]..."), "{help:#?}");
    assert!(help.stdout.contains("--entry <NAME>"), "{help:#?}");
    assert!(help.stdout.contains("--polymerase"), "{help:#?}");
    let version = life(&["--version"]);
    version.succeeds(&format!("life {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_file_is_a_usage_error() {
    let run = life_on(&workspace_root(), &[], &[]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.starts_with("error: "), "{run:#?}");
}

// ---- Errors: the file ----

#[test]
fn missing_file() {
    let dir = scratch("missing_file");
    life_in(&dir, &["nope.wasm"]).fails_with("error: cannot read nope.wasm: ", "No such file or directory");
}

#[test]
fn directory_as_file() {
    life(&["examples"]).fails("error: examples is a directory, not a module file\n");
}

#[test]
fn empty_file() {
    let dir = scratch("empty_file");
    write(&dir, "empty.wasm", "");
    life_in(&dir, &["empty.wasm"]).fails("error: invalid module empty.wasm: the file is empty\n");
}

#[test]
fn text_that_is_not_wat() {
    let dir = scratch("text_that_is_not_wat");
    write(&dir, "notes.wat", "hello, world\n");
    life_in(&dir, &["notes.wat"])
        .fails_with("error: cannot parse notes.wat as WebAssembly text: ", "at line 1, column 1");
    write(&dir, "broken.wat", "(module\n  (func (result i32)\n    i32.const x))\n");
    life_in(&dir, &["broken.wat"])
        .fails_with("error: cannot parse broken.wat as WebAssembly text: ", "at line 3, column 15");
}

#[test]
fn binary_that_is_not_a_module() {
    let dir = scratch("binary_that_is_not_a_module");
    write(&dir, "noise.wasm", [0xff, 0xfe, 0x00, 0x01]);
    life_in(&dir, &["noise.wasm"])
        .fails("error: invalid module noise.wasm: neither a binary module (no \\0asm header) nor UTF-8 text\n");
}

#[test]
fn truncated_wasm() {
    let dir = scratch("truncated_wasm");
    // A type section that claims five bytes, then the end of the file.
    write(&dir, "cut.wasm", b"\0asm\x01\0\0\0\x01\x05\x01\x60");
    life_in(&dir, &["cut.wasm"]).fails_with("error: cut.wasm: invalid module at offset 0x", "unexpected end");
}

#[test]
fn invalid_wasm_names_offset_and_reason() {
    let dir = scratch("invalid_wasm_names_offset_and_reason");
    // A function of type () -> (i32) whose body is only `end`.
    let wasm = b"\0asm\x01\0\0\0\
        \x01\x05\x01\x60\x00\x01\x7f\
        \x03\x02\x01\x00\
        \x0a\x04\x01\x02\x00\x0b";
    write(&dir, "bad.wasm", wasm);
    life_in(&dir, &["bad.wasm"]).fails_with("error: bad.wasm: invalid module at offset 0x18: ", "type mismatch");
}

// ---- Errors: imports and exports ----

#[test]
fn unknown_import() {
    let dir = scratch("unknown_import");
    write(
        &dir,
        "wasi.wat",
        r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))
  (func (export "app_main")))"#,
    );
    life_in(&dir, &["wasi.wat"]).fails(
        "error: cannot instantiate wasi.wat: unknown import: func \"wasi_snapshot_preview1\" \
         \"fd_write\" of type (i32, i32, i32, i32) -> (i32) is not defined (life provides only \
         \"env\" \"__life_log\"; --wasi-unknown-imports=trap or =nosys runs the module anyway)\n",
    );
    write(&dir, "memory.wat", r#"(module (import "env" "memory" (memory 1)) (func (export "app_main")))"#);
    life_in(&dir, &["memory.wat"]).fails_with(
        "error: cannot instantiate memory.wat: unknown import: memory \"env\" \"memory\" of type 1.. pages \
         is not defined (life provides only \"env\" \"__life_log\")",
        "",
    );
    // Only functions have stand-ins.
    life_in(&dir, &["--wasi-unknown-imports=trap", "memory.wat"])
        .fails_with("error: cannot instantiate memory.wat: unknown import: memory", "1.. pages");
}

/// A WASI command that prints "before", calls `wasi_snapshot_preview1.no_such_function`
/// (a name WASI never had), and exits with what it returned.
const UNKNOWN_WASI_WAT: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (import "wasi_snapshot_preview1" "no_such_function" (func $unknown (param i32 i64) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\10\00\00\00\07\00\00\00before\n")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))
    (call $proc_exit (call $unknown (i32.const 1) (i64.const 2)))))
"#;

/// An `app_main` that returns what the unknown `env.getenv` returns.
const UNKNOWN_ENV_WAT: &str = r#"(module
  (import "env" "getenv" (func $getenv (param i32) (result i32)))
  (func (export "app_main") (result i32) (call $getenv (i32.const 0))))
"#;

#[test]
fn unknown_imports_are_refused_by_default() {
    let dir = scratch("unknown_imports_are_refused_by_default");
    write(&dir, "wasi.wat", UNKNOWN_WASI_WAT);
    write(&dir, "env.wat", UNKNOWN_ENV_WAT);
    let wasi = "error: cannot instantiate wasi.wat: unknown import: func \"wasi_snapshot_preview1\" \
        \"no_such_function\" of type (i32, i64) -> (i32) is not defined (life provides \
        \"wasi_snapshot_preview1\" and \"env\" \"__life_log\"; --wasi-unknown-imports=trap or =nosys runs \
        the module anyway)\n";
    life_in(&dir, &["wasi.wat"]).fails(wasi);
    life_in(&dir, &["--wasi-unknown-imports=deny", "wasi.wat"]).fails(wasi);
    life_in(&dir, &["--wasi-unknown-imports", "deny", "env.wat"]).fails(
        "error: cannot instantiate env.wat: unknown import: func \"env\" \"getenv\" of type (i32) -> (i32) \
         is not defined (life provides only \"env\" \"__life_log\"; --wasi-unknown-imports=trap or =nosys \
         runs the module anyway)\n",
    );
    let run = life_in(&dir, &["--wasi-unknown-imports=maybe", "env.wat"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(run.stderr.contains("invalid value 'maybe'"), "{run:#?}");
}

#[test]
fn unknown_imports_can_trap_when_called() {
    let dir = scratch("unknown_imports_can_trap_when_called");
    write(&dir, "wasi.wat", UNKNOWN_WASI_WAT);
    write(&dir, "env.wat", UNKNOWN_ENV_WAT);
    // The program runs until it calls the import.
    let run = life_in(&dir, &["--wasi-unknown-imports=trap", "wasi.wat"]);
    assert_eq!(run.code, Some(134), "{run:#?}");
    assert_eq!(run.stdout, "before\n");
    assert!(
        run.stderr.starts_with(
            "error: trap: host error: called \"wasi_snapshot_preview1\" \"no_such_function\" (i32, i64) -> (i32), \
             an import the host does not provide\n"
        ),
        "{run:#?}"
    );
    let run = life_in(&dir, &["--wasi-unknown-imports=trap", "env.wat"]);
    assert_eq!(run.code, Some(134), "{run:#?}");
    assert!(run.stderr.starts_with("error: trap: host error: called \"env\" \"getenv\" (i32) -> (i32)"), "{run:#?}");
}

#[test]
fn unknown_imports_can_answer_nosys() {
    let dir = scratch("unknown_imports_can_answer_nosys");
    write(&dir, "wasi.wat", UNKNOWN_WASI_WAT);
    write(&dir, "env.wat", UNKNOWN_ENV_WAT);
    // ENOSYS is 52; the program exits with it.
    let run = life_in(&dir, &["--wasi-unknown-imports=nosys", "wasi.wat"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (Some(52), "before\n", ""), "{run:#?}");
    life_in(&dir, &["--wasi-unknown-imports=nosys", "env.wat"]).succeeds("52\n");
}

#[test]
fn life_log_with_another_signature() {
    let dir = scratch("life_log_with_another_signature");
    write(&dir, "log.wat", r#"(module (import "env" "__life_log" (func (param i32))) (func (export "app_main")))"#);
    life_in(&dir, &["log.wat"])
        .fails_with("error: cannot instantiate log.wat: incompatible import type for \"env\" \"__life_log\"", "(i32)");
}

#[test]
fn missing_export_lists_functions() {
    life(&["--entry", "main", "examples/hello.wat"]).fails(
        "error: examples/hello.wat has no export named \"main\"; exported functions:\n  \
         fib: (i32) -> (i32)\n  app_main: () -> (i32)\n",
    );
    let dir = scratch("missing_export_lists_functions");
    write(&dir, "empty.wat", "(module)");
    life_in(&dir, &["empty.wat"]).fails("error: empty.wat has no export named \"app_main\" and exports no functions\n");
}

#[test]
fn export_that_is_not_a_function() {
    life(&["--entry", "memory", "examples/hello.wat"])
        .fails("error: export \"memory\" of examples/hello.wat is a memory, not a function\n");
}

// ---- Errors: arguments ----

#[test]
fn wrong_argument_count() {
    life(&["examples/fib.wat"]).fails("error: app_main expects 1 argument (i64) -> (i64), got 0\n");
    life(&["examples/fib.wat", "1", "2"]).fails("error: app_main expects 1 argument (i64) -> (i64), got 2\n");
    life(&["examples/hello.wat", "1"]).fails("error: app_main expects 0 arguments () -> (i32), got 1\n");
}

#[test]
fn unparsable_argument() {
    life(&["examples/fib.wat", "twenty"]).fails(
        "error: argument 1 of app_main: \"twenty\" is not a valid i64 \
         (expected a decimal or 0x-hex integer)\n",
    );
    let dir = scratch("unparsable_argument");
    write(&dir, "values.wat", VALUES_WAT);
    life_in(&dir, &["--entry", "add", "values.wat", "1", "0x100000000"])
        .fails("error: argument 2 of add: \"0x100000000\" is not a valid i32 (out of range)\n");
    life_in(&dir, &["--entry", "f64", "values.wat", "--1"]).fails(
        "error: argument 1 of f64: \"--1\" is not a valid f64 \
         (expected a decimal number, inf, nan or nan:0x<payload>)\n",
    );
}

// ---- Traps ----

#[test]
fn trap_prints_message_and_stack_trace() {
    let run = life(&["examples/trap.wat"]);
    run.traps(
        "",
        "error: trap: integer divide by zero\n  0: divide (func 0)\n  1: average (func 1)\n  \
         2: app_main (func 2)\n",
    );
    assert!(run.stderr.contains("integer divide by zero"));
    assert!(run.stderr.contains("divide"));
}

#[test]
fn trap_in_start_function() {
    let dir = scratch("trap_in_start_function");
    write(&dir, "start.wat", r#"(module (func $boom unreachable) (start $boom) (func (export "app_main")))"#);
    life_in(&dir, &["start.wat"]).traps("", "error: trap: unreachable\n  0: boom (func 0)\n");
}

#[test]
fn log_out_of_bounds_traps() {
    let dir = scratch("log_out_of_bounds_traps");
    write(
        &dir,
        "log.wat",
        r#"(module
  (import "env" "__life_log" (func $log (param i32 i32)))
  (memory 1)
  (data (i32.const 0) "ok")
  (func $shout (call $log (i32.const 0) (i32.const 2)) (call $log (i32.const 65535) (i32.const 2)))
  (func (export "app_main") (call $shout)))"#,
    );
    life_in(&dir, &["log.wat"]).traps(
        "ok\n",
        "error: trap: out of bounds memory access\n  0: env.__life_log (host) (func 0)\n  1: shout (func 1)\n  \
         2: app_main (func 2)\n",
    );
}

// ---- WASI commands ----

/// The WASI test programs and their expected outputs, shared with `life-wasi`'s tests.
fn programs() -> PathBuf {
    workspace_root().join("crates/life-wasi/tests/programs")
}

/// The path of a built test program, as an argument.
fn program(name: &str) -> String {
    programs().join(format!("{name}.wasm")).to_string_lossy().into_owned()
}

/// What the native build of a test program printed for `case` (see `cases.txt`).
fn expected(case: &str, ext: &str) -> String {
    fs::read_to_string(programs().join("expected").join(format!("{case}.{ext}"))).expect("an expected output")
}

/// Runs `life` in `dir` with `input` on its standard input, on every engine (see [`life_in`]).
#[track_caller]
fn life_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Run {
    use std::{io::Write, process::Stdio};
    let run = |engine: &[&str]| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_life"))
            .args(engine)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the life binary runs");
        child.stdin.take().expect("a stdin pipe").write_all(input).expect("write stdin");
        let out = child.wait_with_output().expect("life finishes");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    };
    same_on_every_engine(args, ENGINES.iter().map(|(_, engine)| run(engine)).collect())
}

/// A WASI command in text form: writes "hi\n" and exits with code 3.
const HI_WAT: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\10\00\00\00\03\00\00\00hi\n")
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 0)))
    (call $proc_exit (i32.const 3))))
"#;

#[test]
fn wasi_command_runs_start_and_exits_with_its_code() {
    let dir = scratch("wasi_command_runs_start_and_exits_with_its_code");
    write(&dir, "hi.wat", HI_WAT);
    let run = life_in(&dir, &["hi.wat"]);
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (Some(3), "hi\n", ""), "{run:#?}");
    // `app_main` wins when both are exported (and gets no WASI); `--entry _start` asks for WASI.
    write(
        &dir,
        "both.wat",
        HI_WAT.replace("(memory", "(func (export \"app_main\") (result i32) i32.const 9)\n  (memory"),
    );
    life_in(&dir, &["both.wat"]).fails_with("error: cannot instantiate both.wat: unknown import", "fd_write");
    let run = life_in(&dir, &["--entry", "_start", "both.wat"]);
    assert_eq!((run.code, run.stdout.as_str()), (Some(3), "hi\n"), "{run:#?}");
}

#[test]
fn wasi_arguments_and_environment() {
    let dir = scratch("wasi_arguments_and_environment");
    let wasm = program("args");
    life_in(&dir, &["--env", "GREETING=hello", "--env", "EMPTY=", &wasm, "one", "two", "three"])
        .succeeds(&expected("args", "stdout"));
    life_in(&dir, &[&wasm]).succeeds(&expected("args-none", "stdout"));
    // Every word after FILE is the program's, as in wasmtime: dashes, `--` and `life`'s own
    // options included; `--` before FILE ends `life`'s options.
    let run = life_in(&dir, &[&wasm, "-e", "print(1)", "--dir", "--", "-x", "--entry"]);
    assert!(
        run.stdout.contains(
            "argc: 7\nargv[1]: [-e] (2 bytes)\nargv[2]: [print(1)] (8 bytes)\nargv[3]: [--dir] (5 bytes)\n\
             argv[4]: [--] (2 bytes)\nargv[5]: [-x] (2 bytes)\nargv[6]: [--entry] (7 bytes)\n"
        ),
        "{run:#?}"
    );
    let run = life_in(&dir, &["--env", "GREETING=hi", "--", &wasm, "--help"]);
    assert!(run.stdout.contains("argc: 2\nargv[1]: [--help] (6 bytes)\nGREETING: [hi]\n"), "{run:#?}");
    // KEY alone passes the host's value; the host's other variables stay hidden.
    for (name, engine) in ENGINES {
        let out = Command::new(env!("CARGO_BIN_EXE_life"))
            .args(engine)
            .args(["--env", "GREETING", &wasm])
            .env("GREETING", "from the host")
            .env("MISSING", "not passed")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let (set, unset) = (stdout.contains("GREETING: [from the host]\n"), stdout.contains("MISSING: (unset)\n"));
        assert!(set && unset, "{name}: {stdout}");
    }
}

#[test]
fn wasi_files_and_directories_match_native() {
    let dir = scratch("wasi_files_and_directories_match_native");
    life_in(&dir, &["--dir", ".", &program("files")]).succeeds(&expected("files", "stdout"));
    life_in(&dir, &["--dir", ".", &program("dirs")]).succeeds(&expected("dirs", "stdout"));
    // HOST::GUEST: the program's "." is the host's `sub`.
    fs::create_dir(dir.join("sub")).unwrap();
    life_in(&dir, &["--dir", "sub::.", &program("files")]).succeeds(&expected("files", "stdout"));
    assert_eq!(fs::read_dir(dir.join("sub")).unwrap().count(), 0, "files.c cleans up after itself");
    // Without --dir the program sees no directory at all.
    let run = life_in(&dir, &[&program("files")]);
    assert_eq!(run.code, Some(1), "{run:#?}");
    assert!(run.stdout.starts_with("fopen for writing failed: "), "{run:#?}");
}

#[test]
fn wasi_stdin_clocks_and_random() {
    let dir = scratch("wasi_stdin_clocks_and_random");
    let input = fs::read(programs().join("stdin.txt")).unwrap();
    life_with_stdin(&dir, &[&program("stdin")], &input).succeeds(&expected("stdin", "stdout"));
    life_in(&dir, &[&program("clocks")]).succeeds(&expected("clocks", "stdout"));
    life_in(&dir, &[&program("random")]).succeeds(&expected("random", "stdout"));
}

#[test]
fn wasi_exit_codes_match_native() {
    let dir = scratch("wasi_exit_codes_match_native");
    for (case, arg) in [("exit-0", "0"), ("exit-3", "3"), ("exit-300", "300"), ("exit-return", "return")] {
        let run = life_in(&dir, &[&program("exitcode"), arg]);
        let status: i32 = expected(case, "status").trim().parse().unwrap();
        assert_eq!(run.code, Some(status), "{case}: {run:#?}");
        assert_eq!(run.stdout, expected(case, "stdout"), "{case}");
        assert_eq!(run.stderr, expected(case, "stderr"), "{case}");
    }
    // abort() is a trap: the native status (134, SIGABRT) and Life's trap report.
    let run = life_in(&dir, &[&program("exitcode"), "abort"]);
    assert_eq!(run.code, Some(134), "{run:#?}");
    assert_eq!(run.stdout, expected("exit-abort", "stdout"));
    assert!(run.stderr.starts_with("stderr before abort\nerror: trap: unreachable\n"), "{run:#?}");
}

#[cfg(unix)]
#[test]
fn wasi_sandbox_holds_through_the_cli() {
    let root = scratch("wasi_sandbox_holds_through_the_cli");
    let b = root.join("box");
    fs::create_dir_all(b.join("sub")).unwrap();
    fs::create_dir_all(root.join("ro")).unwrap();
    write(&root, "outside.txt", "outside: do not touch\n");
    write(&b, "inside.txt", "inside\n");
    write(&root.join("ro"), "readme.txt", "read me\n");
    std::os::unix::fs::symlink(root.join("outside.txt"), b.join("escape-abs")).unwrap();
    std::os::unix::fs::symlink("../outside.txt", b.join("escape-rel")).unwrap();
    std::os::unix::fs::symlink("..", b.join("escape-dir")).unwrap();
    let want = fs::read_to_string(programs().join("sandbox.expected")).unwrap();
    life_in(&b, &["--dir", ".", "--dir-ro", "../ro::ro", &program("sandbox")]).succeeds(&want);
    assert_eq!(fs::read_to_string(root.join("outside.txt")).unwrap(), "outside: do not touch\n");
    assert_eq!(fs::read_to_string(root.join("ro/readme.txt")).unwrap(), "read me\n");
    assert_eq!(fs::read_dir(&root).unwrap().count(), 3, "nothing new beside the box");
}

#[test]
fn wasi_option_errors() {
    let dir = scratch("wasi_option_errors");
    write(&dir, "hi.wat", HI_WAT);
    life(&["--dir", ".", "examples/hello.wat"])
        .fails("error: --dir applies only to WASI commands, which export _start; this run calls app_main\n");
    life(&["--env", "A=1", "--entry", "fib", "examples/hello.wat", "3"])
        .fails("error: --env applies only to WASI commands, which export _start; this run calls fib\n");
    life_in(&dir, &["--dir", "nope", "hi.wat"])
        .fails_with("error: cannot open directory nope for the program: ", "No such file or directory");
    life_in(&dir, &["--dir-ro", "hi.wat::x", "hi.wat"])
        .fails_with("error: cannot open directory hi.wat for the program: ", "Not a directory");
    life_in(&dir, &["--env", "=x", "hi.wat"]).fails("error: invalid --env \"=x\": expected KEY=VALUE or KEY\n");
    write(
        &dir,
        "needs.wat",
        r#"(module (import "env" "getenv" (func (param i32) (result i32))) (func (export "_start")))"#,
    );
    life_in(&dir, &["needs.wat"]).fails(
        "error: cannot instantiate needs.wat: unknown import: func \"env\" \"getenv\" of type (i32) -> (i32) \
         is not defined (life provides \"wasi_snapshot_preview1\" and \"env\" \"__life_log\"; \
         --wasi-unknown-imports=trap or =nosys runs the module anyway)\n",
    );
}

// ---- Limits, determinism and statistics ----

/// A loop of `n` iterations, a recursion of depth `n`, and memory growth to `n` pages.
const LIMITS: &str = r#"(module (memory 1)
  (func (export "spin") (param $n i32) (result i32)
    (loop $l (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))))) (local.get $n))
  (func $down (export "down") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get $n) (i32.const 1)))))))
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func (export "forever") (loop $l (br $l))))"#;

/// The gas a `--stats --gas-limit` run reports as used.
#[track_caller]
fn gas_used(run: &Run) -> u64 {
    run.stderr
        .lines()
        .find_map(|l| l.strip_prefix("life: gas used: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no gas line in {run:#?}"))
}

#[test]
fn gas_limit_is_exact_and_stats_report_it() {
    let dir = scratch("gas_limit");
    write(&dir, "limits.wat", LIMITS);
    let args = ["--stats", "--gas-limit", "1000000", "-e", "spin", "limits.wat", "10"];
    // Times differ from run to run, so the engines are compared on the gas alone.
    let used: Vec<u64> = ENGINES
        .iter()
        .map(|(_, engine)| {
            let run = life_on(&dir, engine, &args);
            assert_eq!((run.code, run.stdout.as_str()), (Some(0), "0\n"), "{run:#?}");
            assert!(run.stderr.contains("life: run: "), "{run:#?}");
            assert!(run.stderr.contains("life: memory: 1 pages"), "{run:#?}");
            gas_used(&run)
        })
        .collect();
    assert!(used.iter().all(|&u| u == used[0]), "the engines charge different gas: {used:?}");
    let used = used[0];
    life_in(&dir, &["--gas-limit", &used.to_string(), "-e", "spin", "limits.wat", "10"]).succeeds("0\n");
    life_in(&dir, &["--gas-limit", &(used - 1).to_string(), "-e", "spin", "limits.wat", "10"])
        .traps("", "error: trap: out of gas\n  0: spin (func 0)\n");
}

#[test]
fn stats_name_the_engine_and_polymerase_compile_time() {
    let dir = scratch("stats_engine");
    write(&dir, "limits.wat", LIMITS);
    let lines = |run: &Run| run.stderr.lines().map(str::to_string).collect::<Vec<_>>();
    let interp = life_on(&dir, &[], &["--stats", "-e", "spin", "limits.wat", "10"]);
    assert_eq!((interp.code, interp.stdout.as_str()), (Some(0), "0\n"), "{interp:#?}");
    let interp = lines(&interp);
    assert_eq!(interp[0], "life: engine: interpreter", "{interp:#?}");
    assert!(interp[1].starts_with("life: decode, validate and translate: "), "{interp:#?}");
    assert!(!interp.iter().any(|l| l.starts_with("life: compile: ")), "{interp:#?}");

    let aot = life_on(&dir, &["--polymerase", "--no-cache"], &["--stats", "-e", "spin", "limits.wat", "10"]);
    assert_eq!((aot.code, aot.stdout.as_str()), (Some(0), "0\n"), "{aot:#?}");
    let aot = lines(&aot);
    assert_eq!(aot[0], "life: engine: polymerase (compiled ahead of time)", "{aot:#?}");
    assert!(aot[1].starts_with("life: decode, validate, translate and compile: "), "{aot:#?}");
    // `life: compile: 1.234 ms, 567 bytes of native code`
    let compile = aot[2].strip_prefix("life: compile: ").unwrap_or_else(|| panic!("no compile line: {aot:#?}"));
    let (ms, size) = compile.split_once(" ms, ").unwrap_or_else(|| panic!("{aot:#?}"));
    assert!(ms.parse::<f64>().is_ok_and(|ms| ms >= 0.0), "{aot:#?}");
    let size = size.strip_suffix(" bytes of native code").and_then(|n| n.parse::<usize>().ok());
    assert!(size.is_some_and(|n| n > 0), "{aot:#?}");
    // The rest is as on the interpreter, times aside.
    let untimed = |lines: &[String]| {
        lines
            .iter()
            .map(|l| l.split_once(": ").map_or(l.as_str(), |(k, v)| if v.ends_with(" ms") { k } else { l }))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(aot[3], "life: code: compiled (cache off)", "{aot:#?}");
    assert_eq!(untimed(&aot[4..]), untimed(&interp[2..]));
}

#[test]
fn call_depth_and_memory_limits() {
    let dir = scratch("depth_and_memory");
    write(&dir, "limits.wat", LIMITS);
    life_in(&dir, &["--max-call-depth", "100", "-e", "down", "limits.wat", "99"]).succeeds("99\n");
    // Both engines trap at the same depth; their stack traces differ (see the next test).
    for (name, engine) in ENGINES {
        let run = life_on(&dir, engine, &["--max-call-depth", "100", "-e", "down", "limits.wat", "100"]);
        assert_eq!(run.code, Some(134), "{name}: {run:#?}");
        assert!(run.stderr.starts_with("error: trap: call stack exhausted\n  0: down (func 1)\n"), "{name}: {run:#?}");
    }
    life_in(&dir, &["--max-memory-pages", "4", "-e", "grow", "limits.wat", "3"]).succeeds("1\n");
    life_in(&dir, &["--max-memory-pages", "4", "-e", "grow", "limits.wat", "4"]).succeeds("-1\n");
    write(&dir, "big.wat", "(module (memory 5) (func (export \"app_main\")))");
    life_in(&dir, &["--max-memory-pages", "4", "big.wat"])
        .fails_with("error: cannot instantiate big.wat: limit exceeded", "5 pages");
}

#[test]
fn call_depth_trap_has_the_same_stack_trace() {
    let dir = scratch("depth_trace");
    write(&dir, "limits.wat", LIMITS);
    // Both engines list the 100 active frames: the callee that could not be entered is not one.
    let run = life_in(&dir, &["--max-call-depth", "100", "-e", "down", "limits.wat", "100"]);
    let trace: String = (0..100).map(|i| format!("  {i}: down (func 1)\n")).collect();
    run.traps("", &format!("error: trap: call stack exhausted\n{trace}"));
}

#[test]
fn timeout_stops_an_infinite_loop() {
    let dir = scratch("timeout");
    write(&dir, "limits.wat", LIMITS);
    let start = std::time::Instant::now();
    life_in(&dir, &["--timeout", "0.2", "-e", "forever", "limits.wat"])
        .traps("", "error: trap: interrupted\n  0: forever (func 3)\n");
    assert!(start.elapsed() < std::time::Duration::from_secs(3));
    life_in(&dir, &["--timeout=-1", "-e", "forever", "limits.wat"])
        .fails("error: --timeout -1: expected a positive number of seconds\n");
    life_in(&dir, &["--timeout", "0", "-e", "forever", "limits.wat"])
        .fails("error: --timeout 0: expected a positive number of seconds\n");
}

#[test]
fn no_fp_rejects_float_programs_by_instruction() {
    let dir = scratch("no_fp");
    write(&dir, "f.wat", r#"(module (func (export "app_main") (result f64) (f64.sqrt (f64.const 2))))"#);
    life_in(&dir, &["f.wat"]).succeeds("1.4142135623730951\n");
    life_in(&dir, &["--no-fp", "f.wat"]).fails_with("error: f.wat: unsupported feature at offset 0x", "`f64.const`");
}

#[test]
fn wasm_turns_on_extended_constant_expressions() {
    let dir = scratch("wasm_extended_const");
    write(
        &dir,
        "ext.wat",
        r#"(module (memory 1)
            (global $base i32 (i32.const 16))
            (data (i32.const 16) "\2a")
            (func (export "app_main") (result i32) (i32.load8_u (global.get $base))))"#,
    );
    life_in(&dir, &["ext.wat"]).succeeds("42\n");
    // Text, whatever the extension: content decides.
    write(
        &dir,
        "ext.wasm",
        r#"(module (memory 1)
            (data (i32.mul (i32.const 4) (i32.sub (i32.const 8) (i32.const 3))) "\2a")
            (func (export "app_main") (result i32) (i32.load8_u (i32.const 20))))"#,
    );
    life_in(&dir, &["ext.wasm"]).fails_with(
        "error: ext.wasm: invalid module at offset 0x",
        "constant expression required: non-constant operator: i32.sub (the extended-const proposal is not enabled)",
    );
    life_in(&dir, &["--wasm", "extended-const", "ext.wasm"]).succeeds("42\n");
    life_in(&dir, &["-W", "simd=n,extended-const=y", "ext.wasm"]).succeeds("42\n");
    life_in(&dir, &["--wasm", "extended-const", "--wasm", "extended-const=n", "ext.wasm"])
        .fails_with("error: ext.wasm: invalid module", "extended-const");
}

/// `--wasm relaxed-simd` runs relaxed SIMD with the same (deterministic) results on every engine
/// (`life_in` runs them all); without it the module is refused, naming the proposal.
#[test]
fn wasm_turns_on_relaxed_simd() {
    let dir = scratch("wasm_relaxed_simd");
    // FLT_MAX * 2 - FLT_MAX: infinity unfused (Life's choice), FLT_MAX fused; lane 0 as i32.
    write(
        &dir,
        "relaxed.wat",
        r#"(module (func (export "app_main") (result i32)
            (i32x4.extract_lane 0 (i32x4.relaxed_trunc_f32x4_s
                (f32x4.relaxed_madd (v128.const f32x4 0x1.fffffep+127 0 0 0) (v128.const f32x4 2 0 0 0)
                    (v128.const f32x4 -0x1.fffffep+127 0 0 0))))))"#,
    );
    life_in(&dir, &["relaxed.wat"])
        .fails_with("error: relaxed.wat: invalid module at offset 0x", "(the relaxed-simd proposal is not enabled)");
    life_in(&dir, &["--wasm", "relaxed-simd", "relaxed.wat"]).succeeds("2147483647\n");
    life_in(&dir, &["-W", "relaxed-simd=y", "relaxed.wat"]).succeeds("2147483647\n");
}

/// `--wasm tail-call` runs a module whose tail calls would otherwise be refused (`life_in` runs
/// every engine).
#[test]
fn wasm_tail_call_runs_tail_calls() {
    let dir = scratch("wasm_tail_call");
    write(
        &dir,
        "tail.wat",
        r#"(module
            (func $count (param i32 i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                    (then (local.get 1))
                    (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
            (func (export "app_main") (result i32) (call $count (i32.const 1000000) (i32.const 0))))"#,
    );
    life_in(&dir, &["tail.wat"])
        .fails_with("error: tail.wat: invalid module", "(the tail-call proposal is not enabled)");
    life_in(&dir, &["--wasm", "tail-call", "--max-call-depth", "10", "tail.wat"]).succeeds("2000000\n");
}

#[test]
fn wasm_turns_on_several_memories() {
    let dir = scratch("wasm_multi_memory");
    write(
        &dir,
        "mm.wat",
        r#"(module (memory 1) (memory $m1 1)
            (data (memory $m1) (i32.const 8) "\2a")
            (func (export "app_main") (result i32)
                (memory.copy 0 $m1 (i32.const 0) (i32.const 8) (i32.const 1))
                (i32.add (i32.load8_u (i32.const 0)) (i32.load8_u $m1 (i32.const 8)))))"#,
    );
    life_in(&dir, &["mm.wat"]).fails_with(
        "error: mm.wat: invalid module at offset 0x",
        "multiple memories (the multi-memory proposal is not enabled)",
    );
    life_in(&dir, &["--wasm", "multi-memory", "mm.wat"]).succeeds("84\n");
    life_in(&dir, &["-W", "multi-memory=y", "mm.wat"]).succeeds("84\n");
}

#[test]
fn wasm_turns_on_64_bit_memories_and_tables() {
    let dir = scratch("wasm_memory64");
    write(
        &dir,
        "m64.wat",
        r#"(module (memory i64 1) (table $t i64 2 funcref)
            (func (export "app_main") (result i64)
                (i64.store (i64.const 8) (i64.const 5))
                (i64.add (i64.load (i64.const 8)) (table.size $t))))"#,
    );
    life_in(&dir, &["m64.wat"]).fails_with("error: m64.wat: invalid module at offset 0x", "memory64");
    life_in(&dir, &["--wasm", "memory64", "m64.wat"]).succeeds("7\n");
}

#[test]
fn wasm_refuses_unknown_and_unsupported_proposals() {
    let dir = scratch("wasm_refuses");
    write(&dir, "m.wat", r#"(module (func (export "app_main")))"#);
    life_in(&dir, &["--wasm", "gc", "m.wat"]).fails("error: --wasm gc: the gc proposal is not supported yet\n");
    life_in(&dir, &["--wasm", "exceptions=y", "m.wat"])
        .fails("error: --wasm exceptions: the exceptions proposal is not supported yet\n");
    life_in(&dir, &["--wasm", "simd=perhaps", "m.wat"])
        .fails("error: --wasm simd=perhaps: expected FEATURE, FEATURE=y or FEATURE=n\n");
    let run = life_in(&dir, &["--wasm", "tail-calls", "m.wat"]);
    run.fails_with("error: --wasm tail-calls: unknown WebAssembly feature \"tail-calls\" (known: ", "tail-call, ");
    let help = life_on(&dir, &[], &["--help"]);
    assert!(help.stdout.contains("-W, --wasm <FEATURE[=y|n]>"), "{help:#?}");
    for name in ["extended-const", "tail-call", "multi-memory", "memory64", "relaxed-simd", "gc", "simd"] {
        assert!(help.stdout.contains(name), "{name} in {help:#?}");
    }
}

/// Arguments reach a WASI program as UTF-8 strings; another byte sequence is a usage error.
#[cfg(unix)]
#[test]
fn arguments_must_be_utf8() {
    use std::{ffi::OsStr, os::unix::ffi::OsStrExt};
    let out = Command::new(env!("CARGO_BIN_EXE_life"))
        .arg(program("args"))
        .arg(OsStr::from_bytes(b"caf\xe9"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("argument \"caf\\xE9\" is not valid UTF-8"), "{stderr}");
    assert!(out.stdout.is_empty());
}

/// A program of the official WASI test suite (vendored in life-wasi), as an argument.
fn wasi_suite(path: &str) -> String {
    workspace_root().join("crates/life-wasi/tests/wasi-testsuite").join(path).to_string_lossy().into_owned()
}

/// Copies directory `from` to `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Programs of the WASI test suite run the way its runner runs wasmtime
/// (`adapters/wasmtime.py`): `--env K=V`, `--dir ROOT::/`, FILE, then the arguments.
/// life-wasi's `wasi_testsuite` test runs all of them through the library.
#[test]
fn wasi_testsuite_programs_run_as_under_wasmtime() {
    let dir = scratch("wasi_testsuite_programs_run_as_under_wasmtime");
    let args = wasi_suite("assemblyscript/args_get-multiple-arguments.wasm");
    life_in(&dir, &[&args, "first", "the \"second\" arg", "3"]).succeeds("");
    let env = wasi_suite("assemblyscript/environ_get-multiple-variables.wasm");
    life_in(&dir, &["--env", "a=text", "--env", "b=escap \" ing", "--env", "c=new\nline", &env]).succeeds("");
    let run = life_in(&dir, &[&wasi_suite("assemblyscript/proc_exit-failure.wasm")]);
    assert_eq!((run.code, run.stderr.as_str()), (Some(33), ""), "{run:#?}");
    life_in(&dir, &[&wasi_suite("assemblyscript/fd_write-to-stdout.wasm")]).succeeds("hello");
    // A root directory, granted as `/`: a fresh copy for each engine's run.
    for (name, engine) in ENGINES {
        let root = dir.join(format!("root-{name}"));
        copy_dir(Path::new(&wasi_suite("c/fs-tests.dir")), &root);
        let grant = format!("{}::/", root.display());
        for program in ["c/fopen-with-access.wasm", "c/pwrite-with-append.wasm", "c/lseek.wasm"] {
            let run = life_on(&dir, engine, &["--dir", &grant, &wasi_suite(program)]);
            assert_eq!(
                (run.code, run.stdout.as_str(), run.stderr.as_str()),
                (Some(0), "", ""),
                "{name} {program}: {run:#?}"
            );
        }
    }
}
