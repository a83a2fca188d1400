//! `life-fuzz`: the stable driver of the fuzz harnesses (run through `cargo xtask fuzz`).

#![forbid(unsafe_code)]

use life_fuzz::smoke::{self, Options};
use std::{path::PathBuf, process::ExitCode, time::Duration};

const USAGE: &str = "\
usage:
  life-fuzz smoke [--seeds N] [--first-seed N] [--budget-secs S] [--save DIR]
      the harnesses over seeds FIRST..FIRST+N (default 0..1000000), stopping after S seconds
      (default 100); findings are saved to DIR (default target/fuzz-smoke)
  life-fuzz replay FILE...
      every harness on each .wasm or .wat file, calling exports with zero arguments
  life-fuzz seed SEED DIR
      writes the generated and the mutated module of SEED to DIR (to reproduce a crash)
  life-fuzz corpus DIR
      writes the spec suite's modules to DIR, as a seed corpus for `cargo fuzz run decode`";

/// The smoke run's stack: wasm-smith and the text parser recurse; Life's engines do not.
const STACK_SIZE: usize = 64 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let run = move || match args.first().map(String::as_str) {
        Some("smoke") => smoke_command(&args[1..]),
        Some("replay") => replay_command(&args[1..]),
        Some("corpus") if args.len() == 2 => corpus_command(&args[1]),
        Some("seed") if args.len() == 3 => match (args[1].parse::<u64>(), smoke::write_seed) {
            (Ok(seed), write) => match write(seed, std::path::Path::new(&args[2])) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("life-fuzz: {e}");
                    ExitCode::FAILURE
                }
            },
            (Err(_), _) => usage_error("SEED must be a number"),
        },
        _ => usage_error("expected a command"),
    };
    match std::thread::Builder::new().stack_size(STACK_SIZE).spawn(run).map(|t| t.join()) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("life-fuzz: cannot start a thread: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("life-fuzz: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn smoke_command(args: &[String]) -> ExitCode {
    let mut options = Options { save: Some(PathBuf::from("target/fuzz-smoke")), ..Options::default() };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let Some(value) = it.next() else { return usage_error(&format!("{flag} needs a value")) };
        let number = value.parse::<u64>();
        match (flag.as_str(), number) {
            ("--seeds", Ok(n)) => options.seeds = n,
            ("--first-seed", Ok(n)) => options.first_seed = n,
            ("--budget-secs", Ok(n)) => options.budget = Duration::from_secs(n),
            ("--save", _) => options.save = Some(PathBuf::from(value)),
            _ => return usage_error(&format!("bad argument {flag} {value}")),
        }
    }
    println!(
        "fuzz smoke: seeds {}..{}, budget {} s",
        options.first_seed,
        options.first_seed.saturating_add(options.seeds),
        options.budget.as_secs()
    );
    let report = smoke::run(&options);
    println!("{report}");
    if report.passed() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn replay_command(files: &[String]) -> ExitCode {
    let mut failed = false;
    for file in files {
        let wasm = match std::fs::read(file) {
            Ok(bytes) if file.ends_with(".wat") => match wat::parse_bytes(&bytes) {
                Ok(wasm) => wasm.into_owned(),
                Err(e) => {
                    eprintln!("{file}: {e}");
                    failed = true;
                    continue;
                }
            },
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        match life_fuzz::replay(&wasm) {
            Ok(None) => println!("{file}: ok"),
            Ok(Some(why)) => println!("{file}: ok (differential stopped early: {why})"),
            Err(finding) => {
                println!("{file}: {finding}");
                failed = true;
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn corpus_command(dir: &str) -> ExitCode {
    let modules = life_fuzz::mutate::spec_modules();
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("life-fuzz: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for (i, m) in modules.iter().enumerate() {
        let path = dir.join(format!("spec-{i:05}.wasm"));
        if let Err(e) = std::fs::write(&path, &m.bytes) {
            eprintln!("life-fuzz: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    println!("wrote {} modules to {}", modules.len(), dir.display());
    ExitCode::SUCCESS
}
