//! The `life` binary under bad input: truncated, bit-flipped and otherwise corrupted versions of
//! the examples, a directory, an empty file, a text file and a missing path.
//!
//! Every run must end, within a timeout, either normally (exit 0, or 134 for a trap) or with
//! exit 1 and exactly one `error: ...` line on stderr; never a panic (exit 101), a signal or a
//! hang. Corruptions are deterministic (a fixed-seed generator), so a failure names its input.
//! Every input runs on both engines, the interpreter and Polymerase (`--polymerase`), which
//! must end the same way: the same exit status, stdout and stderr.

use std::{
    fs,
    io::Read,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

/// A run that takes longer than this has hung.
const TIMEOUT: Duration = Duration::from_secs(20);

/// What one run of `life` produced.
#[derive(Debug)]
struct Run {
    input: String,
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
}

/// The engines `life` can run on, as the options that select them.
const ENGINES: [(&str, &[&str]); 2] = [("interpreter", &[]), ("polymerase", &["--polymerase"])];

/// Runs `life <path> <args>` on every engine, checks that they end the same way, and returns
/// that outcome.
#[track_caller]
fn life(path: &Path, args: &[&str]) -> Run {
    let mut runs = ENGINES.iter().map(|(name, engine)| (name, life_on(engine, path, args)));
    let (first, run) = runs.next().expect("at least one engine");
    for (engine, other) in runs {
        assert!(
            (other.code, other.signal, &other.stdout, &other.stderr)
                == (run.code, run.signal, &run.stdout, &run.stderr),
            "the engines disagree on {} {args:?}:\n{first}: {run:#?}\n{engine}: {other:#?}",
            path.display()
        );
    }
    run
}

/// Runs `life <engine> <path> <args>` with no stdin, killing it after [`TIMEOUT`].
fn life_on(engine: &[&str], path: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_life"))
        .args(engine)
        .arg(path)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the life binary starts");
    // Read both pipes on threads, so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("piped stdout");
    let mut err = child.stderr.take().expect("piped stderr");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for life") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("life {} {} hung for more than {TIMEOUT:?}", engine.join(" "), path.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    use std::os::unix::process::ExitStatusExt;
    Run {
        input: path.display().to_string(),
        code: status.code(),
        signal: status.signal(),
        stdout: String::from_utf8_lossy(&out.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned(),
    }
}

impl Run {
    /// Ended normally, or with exit 1 and one `error:` line (which a missing export follows
    /// with the indented list of exported functions); never a panic, signal or hang.
    #[track_caller]
    fn is_orderly(&self) {
        let input = &self.input;
        assert!(self.signal.is_none(), "{input}: killed by a signal: {self:#?}");
        assert!(!self.stderr.contains("panicked"), "{input}: panicked: {self:#?}");
        match self.code {
            Some(0 | 134) => {}
            Some(1) => {
                let mut lines = self.stderr.lines();
                let first = lines.next().unwrap_or_default();
                assert!(first.starts_with("error: "), "{input}: not an error line: {self:#?}");
                assert!(lines.all(|l| l.starts_with("  ")), "{input}: not one reason on stderr: {self:#?}");
            }
            _ => panic!("{input}: unexpected exit status: {self:#?}"),
        }
    }

    /// Exit 1 with one `error:` line and nothing on stdout.
    #[track_caller]
    fn fails(&self) {
        self.is_orderly();
        assert_eq!(self.code, Some(1), "{}: expected exit 1: {self:#?}", self.input);
        assert_eq!(self.stdout, "", "{}: expected no output: {self:#?}", self.input);
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad_input").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Every example, compiled to binary: `(name, bytes)`.
fn examples() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(workspace_root().join("examples"))
        .expect("examples/ exists")
        .map(|e| e.expect("readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).expect("readable example");
        let buf = wast::parser::ParseBuffer::new(&text).expect("lexable example");
        let mut wat: wast::Wat<'_> = wast::parser::parse(&buf).expect("parsable example");
        let bytes = wat.encode().expect("encodable example");
        out.push((path.file_stem().unwrap().to_string_lossy().into_owned(), bytes));
    }
    assert!(!out.is_empty(), "no examples found");
    out
}

/// A fixed-seed generator (SplitMix64), so every corruption is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Writes each variant of each example to the scratch directory and runs it.
fn run_variants(test: &str, variants: impl Fn(&[u8], &mut Rng) -> Vec<(String, Vec<u8>)>) {
    let dir = scratch(test);
    let mut rng = Rng(0x6c69_6665);
    let mut runs = 0;
    for (name, wasm) in examples() {
        for (what, bytes) in variants(&wasm, &mut rng) {
            let path = dir.join(format!("{name}-{what}.wasm"));
            fs::write(&path, &bytes).expect("write variant");
            life(&path, &[]).is_orderly();
            runs += 1;
        }
    }
    assert!(runs > 0, "{test}: no variants ran");
}

#[test]
fn truncated_modules() {
    run_variants("truncated", |wasm, _| {
        let mut cuts: Vec<usize> = (0..=9.min(wasm.len())).collect();
        cuts.extend((1..16).map(|i| wasm.len() * i / 16));
        cuts.push(wasm.len() - 1);
        cuts.dedup();
        cuts.into_iter().map(|n| (format!("cut{n}"), wasm[..n].to_vec())).collect()
    });
}

#[test]
fn bit_flipped_modules() {
    run_variants("bitflip", |wasm, rng| {
        (0..48)
            .map(|i| {
                let mut bytes = wasm.to_vec();
                // Mostly past the header, where flips reach section contents.
                let pos = if i < 8 { i } else { 8 + rng.below(bytes.len() - 8) };
                let bit = rng.below(8);
                bytes[pos] ^= 1 << bit;
                (format!("flip{pos}.{bit}"), bytes)
            })
            .collect()
    });
}

#[test]
fn inserted_and_deleted_bytes() {
    run_variants("insdel", |wasm, rng| {
        let mut out = Vec::new();
        for i in 0..24 {
            let mut bytes = wasm.to_vec();
            let pos = 8 + rng.below(bytes.len() - 8);
            if i % 2 == 0 {
                let byte = [0x00, 0x7f, 0x80, 0xff, 0x0b, 0x41][rng.below(6)];
                bytes.insert(pos, byte);
                out.push((format!("ins{pos}.{byte:02x}"), bytes));
            } else {
                bytes.remove(pos);
                out.push((format!("del{pos}"), bytes));
            }
        }
        out
    });
}

#[test]
fn overlong_and_huge_lengths() {
    // Every byte that may be a section length or count is replaced by a 5-byte LEB of 2^32-1.
    run_variants("huge", |wasm, rng| {
        (0..16)
            .map(|_| {
                let pos = 8 + rng.below(wasm.len() - 8);
                let mut bytes = wasm[..pos].to_vec();
                bytes.extend([0xff, 0xff, 0xff, 0xff, 0x0f]);
                bytes.extend(&wasm[pos + 1..]);
                (format!("huge{pos}"), bytes)
            })
            .collect()
    });
}

#[test]
fn random_garbage_after_a_valid_header() {
    run_variants("garbage", |_, rng| {
        (0..8)
            .map(|i| {
                let len = 1 << (i + 3);
                let mut bytes = b"\0asm\x01\0\0\0".to_vec();
                bytes.extend((0..len).map(|_| rng.next() as u8));
                (format!("garbage{len}"), bytes)
            })
            .collect()
    });
}

#[test]
fn a_directory() {
    let dir = scratch("directory");
    life(&dir, &[]).fails();
}

#[test]
fn an_empty_file() {
    let path = scratch("empty").join("empty.wasm");
    fs::write(&path, b"").unwrap();
    life(&path, &[]).fails();
}

#[test]
fn a_text_file() {
    let dir = scratch("text");
    for (name, text) in [
        ("notes.txt", "this is not WebAssembly\n"),
        ("notes.wasm", "this is not WebAssembly either\n"),
        ("broken.wat", "(module (func (export \"app_main\") (result i32) i32.const"),
        ("binary.wat", "\0asm\x01\0\0\0"),
    ] {
        let path = dir.join(name);
        fs::write(&path, text).unwrap();
        life(&path, &[]).fails();
    }
}

#[test]
fn a_missing_path() {
    let path = scratch("missing").join("no-such-file.wasm");
    life(&path, &[]).fails();
}

#[test]
fn truncated_text() {
    let dir = scratch("truncated_text");
    for (name, wasm) in examples() {
        let text = fs::read_to_string(workspace_root().join("examples").join(format!("{name}.wat"))).unwrap();
        for i in 1..8 {
            let cut = text.char_indices().nth(text.chars().count() * i / 8).map_or(text.len(), |(p, _)| p);
            let path = dir.join(format!("{name}-cut{cut}.wat"));
            fs::write(&path, &text[..cut]).unwrap();
            life(&path, &[]).is_orderly();
        }
        // And the binary, as a sanity check that the examples themselves run.
        let path = dir.join(format!("{name}.wasm"));
        fs::write(&path, &wasm).unwrap();
        life(&path, &[]).is_orderly();
    }
}

#[test]
fn bad_arguments() {
    // A valid module with wrong arguments: too many, unparsable.
    let dir = scratch("arguments");
    let (_, wasm) = examples().into_iter().find(|(n, _)| n == "hello").expect("examples/hello.wat");
    let path = dir.join("hello.wasm");
    fs::write(&path, &wasm).unwrap();
    life(&path, &["1", "2", "3"]).fails();
    let run = life(&path, &["--entry", "fib", "not-a-number"]);
    run.fails();
    life(&path, &["--entry", "no_such_export"]).fails();
}
