//! End-to-end tests of kept compiled code: `life compile`, running an artifact, and the cache
//! of `life --polymerase` (hits, refused files, sharing, a cache that cannot be written).

use std::{
    fs,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

const PROGRAM: &str = r#"(module
  (func $fib (export "fib") (param i32) (result i64)
    (if (result i64) (i32.lt_u (local.get 0) (i32.const 2))
      (then (i64.extend_i32_u (local.get 0)))
      (else (i64.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "boom") (unreachable)))"#;

/// A fresh, empty directory for one test, holding `m.wat`.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("life-cli-cache").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("m.wat"), PROGRAM).unwrap();
    dir
}

/// Runs `life args` in `dir` with the cache in `cache` (`None`: the variables unset).
fn life(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_life"));
    cmd.args(args).current_dir(dir).env_remove("LIFE_CACHE_DIR").env_remove("XDG_CACHE_HOME");
    if let Some(cache) = cache {
        cmd.env("LIFE_CACHE_DIR", cache);
    }
    let out = cmd.output().expect("the life binary runs");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{out:#?}");
    out
}

fn stdout(out: &Output) -> &str {
    std::str::from_utf8(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> &str {
    std::str::from_utf8(&out.stderr).unwrap()
}

/// The `life: code: ...` line of a `--stats` run.
fn origin(out: &Output) -> String {
    stderr(out).lines().find(|l| l.starts_with("life: code: ")).unwrap_or_else(|| panic!("{out:#?}")).to_string()
}

/// The files of the cache directory.
fn files(cache: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(cache).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn compile_writes_an_artifact_that_runs_and_is_checked() {
    let dir = scratch("compile");
    let out = life(&dir, None, &["compile", "m.wat", "-o", "m.lifec"]);
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(), "{out:#?}");
    let bytes = fs::read(dir.join("m.lifec")).unwrap();
    assert!(bytes.starts_with(b"\0lifeaot"));
    let run = life(&dir, None, &["--stats", "-e", "fib", "m.lifec", "20"]);
    assert_eq!(stdout(&run), "6765\n", "{run:#?}");
    assert!(stderr(&run).contains("life: engine: polymerase"), "{run:#?}");
    assert_eq!(origin(&run), "life: code: loaded from the artifact");
    // Traps and exit codes as from the module itself.
    let trap = life(&dir, None, &["-e", "boom", "m.lifec"]);
    assert_eq!(trap.status.code(), Some(134), "{trap:#?}");
    assert!(stderr(&trap).starts_with("error: trap: unreachable"), "{trap:#?}");
    // The default output name.
    assert!(life(&dir, None, &["compile", "m.wat"]).status.success());
    assert_eq!(fs::read(dir.join("m.lifec")).unwrap(), bytes, "a compile is deterministic");

    // Another setting than the artifact's: refused, nothing runs.
    let metered = life(&dir, None, &["--gas-limit", "1000", "-e", "fib", "m.lifec", "20"]);
    assert_eq!(metered.status.code(), Some(1), "{metered:#?}");
    assert!(stderr(&metered).contains("artifact refused: compiled with other settings"), "{metered:#?}");
    assert!(stdout(&metered).is_empty());
    // ...which `life compile --gas-limit` provides; the limit itself is the run's.
    assert!(life(&dir, None, &["compile", "--gas-limit", "1", "m.wat", "-o", "g.lifec"]).status.success());
    let gas = life(&dir, None, &["--gas-limit", "100", "-e", "fib", "g.lifec", "20"]);
    assert!(stderr(&gas).contains("out of gas"), "{gas:#?}");
    // Features are a setting too: an artifact compiled with `--wasm simd=n` runs only so.
    assert!(life(&dir, None, &["compile", "--wasm", "simd=n", "m.wat", "-o", "nosimd.lifec"]).status.success());
    let other = life(&dir, None, &["-e", "fib", "nosimd.lifec", "20"]);
    assert!(stderr(&other).contains("artifact refused: compiled with other settings"), "{other:#?}");
    let same = life(&dir, None, &["--wasm", "simd=n", "-e", "fib", "nosimd.lifec", "20"]);
    assert!(same.status.success(), "{same:#?}");
    assert_eq!(stdout(&same), stdout(&life(&dir, None, &["-e", "fib", "m.lifec", "20"])));
    let bad = life(&dir, None, &["compile", "--wasm", "nonsense", "m.wat"]);
    assert_eq!(bad.status.code(), Some(1), "{bad:#?}");
    assert!(stderr(&bad).contains("unknown WebAssembly feature \"nonsense\""), "{bad:#?}");

    // Damaged: truncated, one byte changed.
    fs::write(dir.join("t.lifec"), &bytes[..bytes.len() / 2]).unwrap();
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 3] ^= 1;
    fs::write(dir.join("f.lifec"), &flipped).unwrap();
    for name in ["t.lifec", "f.lifec"] {
        let out = life(&dir, None, &["-e", "fib", name, "20"]);
        assert_eq!(out.status.code(), Some(1), "{out:#?}");
        assert_eq!(
            stderr(&out),
            format!("error: {name}: artifact refused: checksum mismatch: the file is truncated or damaged\n")
        );
    }
}

#[test]
fn the_cache_is_used_refreshed_and_optional() {
    let dir = scratch("cache");
    let cache = dir.join("cache");
    let args = ["--polymerase", "--stats", "-e", "fib", "m.wat", "20"];
    let first = life(&dir, Some(&cache), &args);
    assert_eq!(stdout(&first), "6765\n", "{first:#?}");
    assert!(origin(&first).starts_with("life: code: compiled, stored in the cache ("), "{first:#?}");
    let [file] = &files(&cache)[..] else { panic!("{:?}", files(&cache)) };
    let second = life(&dir, Some(&cache), &args);
    assert_eq!(stdout(&second), "6765\n");
    assert_eq!(origin(&second), format!("life: code: loaded from the cache ({})", file.display()));
    assert!(stderr(&second).contains("life: decode and load native code: "), "{second:#?}");

    // Other settings get their own file.
    let metered = life(&dir, Some(&cache), &["--polymerase", "--gas-limit", "100000", "-e", "fib", "m.wat", "5"]);
    assert_eq!(stdout(&metered), "5\n", "{metered:#?}");
    assert_eq!(files(&cache).len(), 2);

    // A damaged file is refused, replaced, and the run goes on.
    let mut bytes = fs::read(file).unwrap();
    let n = bytes.len();
    bytes[n - 40] ^= 0xff;
    fs::write(file, &bytes).unwrap();
    let third = life(&dir, Some(&cache), &args);
    assert_eq!(stdout(&third), "6765\n");
    assert!(origin(&third).contains("the cached file was refused (artifact refused: checksum mismatch"), "{third:#?}");
    assert_eq!(origin(&life(&dir, Some(&cache), &args)), origin(&second));

    // --no-cache and the interpreter leave the cache alone.
    fs::remove_dir_all(&cache).unwrap();
    let off = life(&dir, Some(&cache), &["--no-cache", "--polymerase", "--stats", "-e", "fib", "m.wat", "20"]);
    assert_eq!(origin(&off), "life: code: compiled (cache off)");
    assert_eq!(stdout(&life(&dir, Some(&cache), &["-e", "fib", "m.wat", "20"])), "6765\n");
    assert!(!cache.exists());

    // Without LIFE_CACHE_DIR: $XDG_CACHE_HOME/life.
    let xdg = dir.join("xdg");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_life"));
    cmd.args(args).current_dir(&dir).env_remove("LIFE_CACHE_DIR").env("XDG_CACHE_HOME", &xdg);
    assert!(cmd.output().unwrap().status.success());
    assert_eq!(files(&xdg.join("life")).len(), 1);
}

#[test]
fn a_cache_that_cannot_be_written_leaves_the_run_working() {
    let dir = scratch("unwritable");
    // A file where the directory should be: nothing can be created under it, even by root.
    fs::write(dir.join("file"), "").unwrap();
    let blocked = dir.join("file").join("cache");
    let out = life(&dir, Some(&blocked), &["--polymerase", "--stats", "-e", "fib", "m.wat", "20"]);
    assert_eq!(stdout(&out), "6765\n", "{out:#?}");
    assert!(origin(&out).starts_with("life: code: compiled; warning: cannot write the cache"), "{out:#?}");
    // Without --stats nothing is said.
    let quiet = life(&dir, Some(&blocked), &["--polymerase", "-e", "fib", "m.wat", "20"]);
    assert_eq!((stdout(&quiet), stderr(&quiet)), ("6765\n", ""));
    // A directory where the file should go: the rename fails, the run does not.
    let cache = dir.join("cache");
    let first = life(&dir, Some(&cache), &["--polymerase", "-e", "fib", "m.wat", "20"]);
    assert!(first.status.success());
    let [file] = &files(&cache)[..] else { panic!() };
    fs::remove_file(file).unwrap();
    fs::create_dir_all(file.join("x")).unwrap();
    let out = life(&dir, Some(&cache), &["--polymerase", "--stats", "-e", "fib", "m.wat", "20"]);
    assert_eq!(stdout(&out), "6765\n", "{out:#?}");
    assert!(origin(&out).contains("warning: cannot write the cache"), "{out:#?}");
    assert_eq!(files(&cache), vec![file.clone()], "no temporary file is left behind");
}

#[test]
fn processes_sharing_the_cache_do_not_corrupt_it() {
    let dir = scratch("concurrent");
    let cache = dir.join("cache");
    for round in 0..3 {
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_life"))
                    .args(["--polymerase", "-e", "fib", "m.wat", "22"])
                    .current_dir(&dir)
                    .env("LIFE_CACHE_DIR", &cache)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
            })
            .collect();
        for child in children {
            let out = child.unwrap().wait_with_output().unwrap();
            assert_eq!((stdout(&out), stderr(&out)), ("17711\n", ""), "round {round}: {out:#?}");
        }
    }
    assert_eq!(files(&cache).len(), 1, "{:?}", files(&cache));
    // Spawned at once, they race to compile and store; one whole file remains, and it loads.
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (dir, cache) = (dir.clone(), dir.join("shared"));
            std::thread::spawn(move || life(&dir, Some(&cache), &["--polymerase", "-e", "fib", "m.wat", "22"]))
        })
        .collect();
    for h in handles {
        let out = h.join().unwrap();
        assert_eq!((stdout(&out), stderr(&out)), ("17711\n", ""), "{out:#?}");
    }
    let shared = dir.join("shared");
    assert_eq!(files(&shared).len(), 1, "{:?}", files(&shared));
    let hit = life(&dir, Some(&shared), &["--polymerase", "--stats", "-e", "fib", "m.wat", "22"]);
    assert!(origin(&hit).starts_with("life: code: loaded from the cache"), "{hit:#?}");
}
