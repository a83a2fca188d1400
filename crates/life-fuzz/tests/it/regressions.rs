//! Replays every reproducer in `tests/regressions/` through every harness (decode, `run_interp`,
//! differential, metered) on every Life engine (the interpreter and Polymerase, unmetered and
//! metered with each gas limit of `life_fuzz::metered::REPLAY_GAS`), calling each export with
//! zero arguments.
//!
//! A reproducer of a bug not yet fixed is listed in [`KNOWN_FAILURES`]; the list is exact, so a
//! listed file that passes fails the test, and the fix must delete its entry.

use std::path::{Path, PathBuf};

/// Reproducers that still fail, by file name.
const KNOWN_FAILURES: &[&str] = &[];

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/regressions")
}

#[test]
fn regressions_replay() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(regressions_dir())
        .expect("tests/regressions exists")
        .map(|e| e.expect("readable directory").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wat" | "wasm")))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no reproducers found in {}", regressions_dir().display());

    let mut problems = Vec::new();
    for path in &files {
        let name = path.file_name().and_then(|n| n.to_str()).expect("UTF-8 file name");
        let bytes = std::fs::read(path).expect("readable reproducer");
        let wasm = if name.ends_with(".wat") {
            wat::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}")).into_owned()
        } else {
            bytes
        };
        let outcome = life_fuzz::replay(&wasm);
        match (outcome, KNOWN_FAILURES.contains(&name)) {
            (Ok(_), false) | (Err(_), true) => {}
            (Err(finding), false) => problems.push(format!("{name}: {finding}")),
            (Ok(_), true) => problems.push(format!("{name}: passes now; remove it from KNOWN_FAILURES")),
        }
    }
    for known in KNOWN_FAILURES {
        if !files.iter().any(|f| f.file_name().and_then(|n| n.to_str()) == Some(known)) {
            problems.push(format!("{known}: listed in KNOWN_FAILURES but not in tests/regressions"));
        }
    }
    assert!(problems.is_empty(), "{} of {} reproducers fail:\n{}", problems.len(), files.len(), problems.join("\n"));
}

/// A module that needs relaxed SIMD is replayed on Life's engines (run_interp, metered), not
/// skipped as invalid, and not compared with wasmi.
#[test]
fn relaxed_simd_modules_replay_on_life_engines_only() {
    let wasm = wat::parse_str(
        r#"(module (func (export "f") (result v128)
            (f32x4.relaxed_madd (v128.const f32x4 1 2 3 4) (v128.const f32x4 1 1 1 1) (v128.const f32x4 0 0 0 0))))"#,
    )
    .unwrap();
    assert_eq!(
        life_fuzz::replay(&wasm).unwrap().as_deref(),
        Some("uses relaxed SIMD: compared on Life's engines only")
    );
}
