//! The real-program suite's harness (`cargo bench -p life-bench --bench programs`, or through
//! `cargo xtask bench`): runs every program of [`life_bench::programs::PROGRAMS`] on every engine,
//! paired: each round runs each program once on each engine, alternating the engine order from
//! round to round, so drift in the machine's speed reaches every engine alike. Every run's output
//! is checked against the expected checksum line; a mismatch fails the run.
//!
//! Arguments (after cargo's `--bench`): `--quick` (small sizes, 2 rounds), `--rounds N`, and
//! program names to run only those. The raw times go to `$LIFE_BENCH_MANIFEST/programs.tsv`
//! for `cargo xtask bench`, which computes the medians and ratios of the report.

use life_bench::programs::{PROGRAMS, Program, ProgramEngine, native_dir};
use std::{path::PathBuf, process::ExitCode, time::Duration};

fn main() -> ExitCode {
    let mut quick = false;
    let mut rounds = None;
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--quick" => quick = true,
            "--rounds" => match args.next().and_then(|n| n.parse::<usize>().ok()).filter(|&n| n > 0) {
                Some(n) => rounds = Some(n),
                None => return usage("--rounds needs a positive number"),
            },
            flag if flag.starts_with('-') => return usage(&format!("unknown option {flag}")),
            name => filters.push(name.to_owned()),
        }
    }
    let rounds = rounds.unwrap_or(if quick { 2 } else { 5 });
    let programs: Vec<&Program> =
        PROGRAMS.iter().filter(|p| filters.is_empty() || filters.iter().any(|f| p.name.contains(f.as_str()))).collect();
    if programs.is_empty() {
        return usage("no program matches");
    }

    let native = native_dir();
    let mut engines: Vec<ProgramEngine> = ProgramEngine::ALL.to_vec();
    if !programs.iter().all(|p| native.join(p.name).is_file()) {
        eprintln!(
            "programs: no native binaries in {} (benches/programs/build.sh --native builds them); no native column",
            native.display()
        );
        engines.retain(|&e| e != ProgramEngine::Native);
    }

    let mut manifest = Vec::new();
    manifest.push(format!("rounds\t{rounds}\t{}", if quick { "quick" } else { "full" }));
    for engine in &engines {
        manifest.push(format!("engine\t{}\t{}", engine.name(), engine.kind()));
    }
    let mut binaries = Vec::new();
    for program in &programs {
        let path = program.wasm_path();
        let wasm = match std::fs::read(&path) {
            Ok(wasm) => wasm,
            Err(err) => {
                eprintln!("programs: cannot read {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let (arg, _) = program.size(quick);
        manifest.push(format!(
            "program\t{}\t{arg}\t{}\t{}\t{}",
            program.name,
            program.description,
            program.upstream,
            wasm.len()
        ));
        binaries.push(wasm);
    }

    // One untimed run per program and engine first: it checks the output before anything is
    // measured and brings code and files into the caches.
    eprintln!(
        "programs: {} programs, {} engines, {rounds} rounds{}",
        programs.len(),
        engines.len(),
        if quick { " (quick)" } else { "" }
    );
    for (program, wasm) in programs.iter().zip(&binaries) {
        for &engine in &engines {
            if let Err(message) = run_checked(engine, program, wasm, &native, quick) {
                eprintln!("programs: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    for round in 0..rounds {
        for (program, wasm) in programs.iter().zip(&binaries) {
            let mut order = engines.clone();
            // Rotate and reverse by round, so no engine always runs first or after the same one.
            let engines_count = order.len();
            order.rotate_left(round % engines_count);
            if round % 2 == 1 {
                order.reverse();
            }
            for engine in order {
                match run_checked(engine, program, wasm, &native, quick) {
                    Ok((load, total)) => {
                        eprintln!(
                            "round {} {:<11} {:<12} load {:>9.2} ms  total {:>9.2} ms",
                            round + 1,
                            program.name,
                            engine.name(),
                            ms(load),
                            ms(total)
                        );
                        manifest.push(format!(
                            "run\t{round}\t{}\t{}\t{}\t{}",
                            program.name,
                            engine.name(),
                            load.as_nanos(),
                            total.as_nanos()
                        ));
                    }
                    Err(message) => {
                        eprintln!("programs: {message}");
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
    }
    life_bench::write_manifest("programs", &manifest);
    ExitCode::SUCCESS
}

/// Runs `program` once on `engine` and checks its exit status and output; returns the load and
/// total times.
fn run_checked(
    engine: ProgramEngine,
    program: &Program,
    wasm: &[u8],
    native: &std::path::Path,
    quick: bool,
) -> Result<(Duration, Duration), String> {
    let (arg, expected) = program.size(quick);
    let binary: PathBuf = native.join(program.name);
    let outcome = engine
        .run(program, wasm, Some(&binary), arg)
        .map_err(|e| format!("{} on {}: {e}", program.name, engine.name()))?;
    if outcome.status != 0 || outcome.stdout != expected.as_bytes() {
        return Err(format!(
            "{} on {} exited with {} and printed {:?}, expected status 0 and {expected:?}",
            program.name,
            engine.name(),
            outcome.status,
            String::from_utf8_lossy(&outcome.stdout)
        ));
    }
    Ok((outcome.load, outcome.total))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn usage(message: &str) -> ExitCode {
    eprintln!("programs: {message}\nusage: programs [--quick] [--rounds N] [PROGRAM...]");
    ExitCode::from(2)
}
