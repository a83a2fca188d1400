//! The `life-spec` binary: runs whole suites and prints a table, for `cargo xtask spec`.
//!
//! The last line of output is always `N passed, N failed` (directives, over all files), and the
//! exit status is 1 when any file fails unexpectedly or an expected failure starts passing.
//! `--summary PATH` writes one `engine/suite/file passed failed` line per file so that the
//! results of two branches can be compared with `diff`.

#![forbid(unsafe_code)]

use std::{
    fmt::Write as _,
    process::ExitCode,
    sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use life_spec::{SpecFile, Summary, Verdict};

const USAGE: &str = "\
usage: life-spec [--suite wasm-v1|wasm-v2|simd|extended-const|relaxed-simd|tail-call|multi-memory|memory64|memory64-current|all]
                 [--engine NAME|all] [--filter SUBSTRING] [--summary PATH] [--verbose]

  --suite    which official suite to run (default wasm-v1); the suite of proposals Life
             does not implement yet (wasm-v3) is known but refused
  --engine   which engine to run (default interp; `all` runs every engine)
  --filter   only run files whose name contains SUBSTRING
  --summary  write `engine/suite/file passed failed` lines to PATH
  --verbose  print every failure message";

/// Parsed command line.
#[derive(Debug)]
struct Args {
    suites: Vec<&'static str>,
    engines: Vec<&'static str>,
    filter: Option<String>,
    summary: Option<String>,
    verbose: bool,
}

/// One file to run, and afterwards its result.
struct Job {
    engine: &'static str,
    file: SpecFile,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(ArgError::Usage(message)) => {
            eprintln!("life-spec: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
        Err(ArgError::Unsupported(message)) => {
            eprintln!("life-spec: {message}");
            return ExitCode::from(2);
        }
    };

    let mut jobs = Vec::new();
    for &engine in &args.engines {
        for &suite in &args.suites {
            let files = life_spec::suite_files(suite).expect("suite names were checked");
            jobs.extend(
                files
                    .into_iter()
                    .filter(|file| args.filter.as_ref().is_none_or(|f| file.name.contains(f)))
                    .map(|file| Job { engine, file }),
            );
        }
    }
    if jobs.is_empty() {
        eprintln!("life-spec: no file matches");
        return ExitCode::from(2);
    }

    let results = run_all(&jobs);

    let width =
        jobs.iter().map(|job| job.engine.len() + 1 + job.file.path().len()).max().unwrap_or(0).max("total".len());
    let mut summary_file = String::new();
    let mut problems = Vec::new();
    let (mut passed, mut failed) = (0, 0);
    println!("{:width$}  {:>7}  {:>7}", "file", "passed", "failed");
    for (job, summary) in jobs.iter().zip(&results) {
        let key = format!("{}/{}", job.engine, job.file.path());
        let verdict = life_spec::verdict(job.engine, &job.file.path(), !summary.is_ok());
        let note = match verdict {
            Verdict::Passed => String::new(),
            Verdict::ExpectedFailure(reason) => format!("  (expected failure: {reason})"),
            Verdict::Failed => "  FAILED".to_string(),
            Verdict::UnexpectedPass => "  UNEXPECTED PASS".to_string(),
        };
        println!("{key:width$}  {:>7}  {:>7}{note}", summary.passed, summary.failed);
        if args.verbose {
            for failure in &summary.failures {
                println!("    {failure}");
            }
        }
        if let Some(problem) = verdict.problem() {
            problems.push(format!("{key}: {problem}"));
        }
        writeln!(summary_file, "{key} {} {}", summary.passed, summary.failed).expect("writing to a String cannot fail");
        passed += summary.passed;
        failed += summary.failed;
    }
    println!("{:width$}  {passed:>7}  {failed:>7}", "total");

    let mut status = ExitCode::SUCCESS;
    if let Some(path) = &args.summary
        && let Err(err) = std::fs::write(path, summary_file)
    {
        eprintln!("life-spec: cannot write {path}: {err}");
        status = ExitCode::FAILURE;
    }
    if !problems.is_empty() {
        println!();
        for problem in &problems {
            println!("{problem}");
        }
        status = ExitCode::FAILURE;
    }
    println!("{passed} passed, {failed} failed");
    status
}

/// Why the command line cannot run.
#[derive(Debug)]
enum ArgError {
    /// Malformed: the message is followed by the usage.
    Usage(String),
    /// A suite Life knows but cannot run yet.
    Unsupported(String),
}

impl From<String> for ArgError {
    fn from(message: String) -> Self {
        ArgError::Usage(message)
    }
}

/// The parsed arguments, or `None` when help was requested.
fn parse_args(mut argv: impl Iterator<Item = String>) -> Result<Option<Args>, ArgError> {
    let mut args =
        Args { suites: vec!["wasm-v1"], engines: vec!["interp"], filter: None, summary: None, verbose: false };
    while let Some(arg) = argv.next() {
        let mut value = || argv.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--suite" => {
                let suite = value()?;
                args.suites = match suite.as_str() {
                    "all" => life_spec::suite_names().to_vec(),
                    name => match life_spec::unsupported_suite(name) {
                        Some(reason) => return Err(ArgError::Unsupported(format!("suite {name}: {reason}"))),
                        None => vec![known(life_spec::suite_names(), name, "suite")?],
                    },
                };
            }
            "--engine" => {
                let engine = value()?;
                args.engines = match engine.as_str() {
                    "all" => life_spec::engine_names().to_vec(),
                    name => vec![known(life_spec::engine_names(), name, "engine")?],
                };
            }
            "--filter" => args.filter = Some(value()?),
            "--summary" => args.summary = Some(value()?),
            "--verbose" | "-v" => args.verbose = true,
            "--help" | "-h" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    Ok(Some(args))
}

/// The `&'static` spelling of `name` if it is in `names`.
fn known(names: &[&'static str], name: &str, what: &str) -> Result<&'static str, String> {
    names
        .iter()
        .copied()
        .find(|n| *n == name)
        .ok_or_else(|| format!("unknown {what} {name:?} (known: {})", names.join(", ")))
}

/// Runs every job, several at a time, and returns the summaries in job order.
fn run_all(jobs: &[Job]) -> Vec<Summary> {
    let next = AtomicUsize::new(0);
    let results = Mutex::new(vec![Summary::default(); jobs.len()]);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(jobs.len()) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let features = life_spec::file_features(&job.file).expect("suite names were checked");
                    let summary = life_spec::run_file(job.engine, features, &job.file.path(), job.file.source);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = summary;
                }
            });
        }
    });
    results.into_inner().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::{ArgError, parse_args};

    fn parse(args: &[&str]) -> Result<Option<super::Args>, ArgError> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn extended_const_is_a_suite() {
        let args = parse(&["--suite", "extended-const", "--engine", "all"]).unwrap().unwrap();
        assert_eq!(args.suites, ["extended-const"]);
        let all = parse(&["--suite", "all"]).unwrap().unwrap();
        assert!(all.suites.contains(&"extended-const"));
        let args = parse(&["--suite", "relaxed-simd"]).unwrap().unwrap();
        assert_eq!(args.suites, ["relaxed-simd"]);
        assert!(all.suites.contains(&"relaxed-simd"));
        let tail = parse(&["--suite", "tail-call"]).unwrap().unwrap();
        assert_eq!(tail.suites, ["tail-call"]);
    }

    #[test]
    fn proposals_not_implemented_are_refused_by_name() {
        match parse(&["--suite", "wasm-v3"]) {
            Err(ArgError::Unsupported(message)) => {
                assert!(message.starts_with("suite wasm-v3: "), "{message}");
                assert!(message.contains("not supported yet"), "{message}");
            }
            other => panic!("wasm-v3: {other:?}"),
        }
        assert!(matches!(parse(&["--suite", "nope"]), Err(ArgError::Usage(m)) if m.contains("extended-const")));
    }
}
