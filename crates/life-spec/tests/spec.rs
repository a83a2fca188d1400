//! The official `.wast` suites as `cargo test` trials: one per engine, suite and file.
//!
//! Trials are named `engine/suite/file` (`interp/wasm-v1/i32.wast`), so
//! `cargo test -p life-spec -- interp/wasm-v1/` filters by engine and suite.
//! Which pairs run is [`life_spec::SUITES`]; known failures are in `src/expected_failures.rs`.

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let mut trials = vec![Trial::test("expected_failures/entries_exist", check_expected_failures)];
    for &(engine, suite) in life_spec::SUITES {
        let files = life_spec::suite_files(suite).unwrap_or_else(|| panic!("SUITES names unknown suite {suite:?}"));
        for file in files {
            let features = life_spec::file_features(&file).expect("a suite with files has features");
            trials.push(Trial::test(format!("{engine}/{}", file.path()), move || {
                let summary = life_spec::run_file(engine, features, &file.path(), file.source);
                let verdict = life_spec::verdict(engine, &file.path(), !summary.is_ok());
                match verdict.problem() {
                    None => Ok(()),
                    Some(problem) => {
                        let mut message = format!("{problem}: {} passed, {} failed", summary.passed, summary.failed);
                        for failure in &summary.failures {
                            message.push_str("\n  ");
                            message.push_str(failure);
                        }
                        Err(message.into())
                    }
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// Every expected failure must name a known engine and an existing file, or it would silently
/// never be checked.
fn check_expected_failures() -> Result<(), Failed> {
    let mut problems = Vec::new();
    for &(engine, path, _reason) in life_spec::EXPECTED_FAILURES {
        if !life_spec::engine_names().contains(&engine) {
            problems.push(format!("unknown engine {engine:?} (file {path:?})"));
        }
        let exists = path.split_once('/').is_some_and(|(suite, name)| {
            life_spec::suite_files(suite).is_some_and(|files| files.iter().any(|f| f.name == name))
        });
        if !exists {
            problems.push(format!("no such file {path:?} (engine {engine:?})"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n").into()) }
}
