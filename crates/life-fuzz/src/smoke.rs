//! The smoke run: the fuzz harnesses over a fixed range of seeds, on stable Rust, within a time
//! budget (`cargo xtask fuzz --smoke`).
//!
//! Seed `n` makes two cases. The first feeds bytes from [`SplitMix64`] seeded with `n` to
//! wasm-smith and runs the decode and differential harnesses on the WebAssembly 2.0 module, then
//! the decode, `run_interp` (every Life engine) and metered harnesses on the module the same
//! bytes make with relaxed SIMD allowed (which wasmi computes differently: see
//! [`generate::Proposals`]). The second takes spec module `n mod count`, mutates it as [`mutate`]
//! says for `n`, runs the decode harness, and runs the differential and metered harnesses when
//! the result is valid. Seeds run in order, and
//! the run stops at the end of the range or when the budget is spent, so two runs with the
//! same range agree on every seed both reached.
//!
//! A case that disagrees or panics is counted, printed, and saved under `--save` as
//! `<harness>-<seed>-<kind>.wasm`; rerun it with `--first-seed <seed> --seeds 1`. A case that
//! runs longer than [`HANG_SECS`] ends the process with a report of the case (the interpreter
//! cannot be interrupted).

use crate::{
    Finding, decode, differential,
    generate::{self, SplitMix64},
    metered,
    mutate::{self, SpecModule},
    robust,
};
use arbitrary::Unstructured;
use std::{
    fmt,
    panic::AssertUnwindSafe,
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

/// A single case taking longer than this is a hang.
pub const HANG_SECS: u64 = 20;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// First seed.
    pub first_seed: u64,
    /// Number of seeds.
    pub seeds: u64,
    /// Stop starting new seeds after this long.
    pub budget: Duration,
    /// Where to save modules that disagree or panic.
    pub save: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options { first_seed: 0, seeds: 1_000_000, budget: Duration::from_secs(100), save: None }
    }
}

/// Counts of what one run did.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Seeds completed.
    pub seeds_run: u64,
    /// Whether the budget ended the run before the seed range did.
    pub budget_hit: bool,
    /// Spec modules in the corpus.
    pub spec_modules: usize,
    /// wasm-smith modules made (each twice: 2.0, and with relaxed SIMD too).
    pub generated: u64,
    /// Generated modules that use a relaxed SIMD operator.
    pub relaxed_modules: u64,
    /// Spec mutations tried.
    pub mutated: u64,
    /// Decode checks, by verdict: valid, invalid, unsupported.
    pub decode: [u64; 3],
    /// Modules every engine instantiated, in the differential harness.
    pub instantiated: u64,
    /// Calls compared with the oracle.
    pub calls_compared: u64,
    /// Calls made by the robustness harness.
    pub robust_calls: u64,
    /// Metered comparisons run, modules instantiated in them, and those whose start function ran
    /// out of gas.
    pub metered: [u64; 3],
    /// Calls compared by the metered harness, and those that ran out of gas.
    pub metered_calls: [u64; 2],
    /// Differential runs that stopped early, by reason ([`inconclusive_reason`]).
    pub inconclusive: std::collections::BTreeMap<&'static str, u64>,
    /// The slowest case: how long it took and what it was.
    pub slowest: (Duration, String),
    /// Disagreements and panics, one line each.
    pub findings: Vec<String>,
    /// Time taken.
    pub elapsed: Duration,
}

impl Report {
    /// Whether the run found nothing.
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [valid, invalid, unsupported] = self.decode;
        writeln!(
            f,
            "fuzz smoke: {} seeds in {:.1} s{}",
            self.seeds_run,
            self.elapsed.as_secs_f64(),
            if self.budget_hit { " (time budget reached)" } else { "" }
        )?;
        writeln!(
            f,
            "  modules tried: {} generated (and again with relaxed SIMD, {} of them using it) + {} spec mutations \
             (of {} spec modules)",
            self.generated, self.relaxed_modules, self.mutated, self.spec_modules
        )?;
        writeln!(f, "  decode checks: {valid} valid, {invalid} invalid, {unsupported} unsupported by Life")?;
        writeln!(
            f,
            "  differential: {} instantiated, {} calls compared, {} stopped early",
            self.instantiated,
            self.calls_compared,
            self.inconclusive.values().sum::<u64>()
        )?;
        if !self.inconclusive.is_empty() {
            let reasons: Vec<String> = self.inconclusive.iter().map(|(why, n)| format!("{n} {why}")).collect();
            writeln!(f, "    ({})", reasons.join(", "))?;
        }
        writeln!(f, "  run_interp (every Life engine): {} calls", self.robust_calls)?;
        let ([runs, instantiated, start_out], [calls, out]) = (self.metered, self.metered_calls);
        writeln!(
            f,
            "  metered (interp vs polymerase): {runs} runs, {instantiated} instantiated ({start_out} more ran out of \
             gas starting), {calls} calls compared, {out} of them out of gas"
        )?;
        writeln!(f, "  slowest case: {} in {:.2} s", self.slowest.1, self.slowest.0.as_secs_f64())?;
        write!(f, "  disagreements and panics: {}", self.findings.len())?;
        for finding in &self.findings {
            write!(f, "\n    {finding}")?;
        }
        Ok(())
    }
}

/// The case running now, for the hang watchdog.
#[derive(Default)]
struct Current {
    started_ms: AtomicU64,
    case: Mutex<(String, Vec<u8>)>,
}

/// Runs the smoke test.
pub fn run(options: &Options) -> Report {
    let start = Instant::now();
    let spec = mutate::spec_modules();
    let mut report = Report { spec_modules: spec.len(), ..Report::default() };
    let current = Arc::new(Current::default());
    let done = Arc::new(AtomicBool::new(false));
    let watchdog = spawn_watchdog(start, Arc::clone(&current), Arc::clone(&done), options.save.clone());

    for seed in options.first_seed..options.first_seed.saturating_add(options.seeds) {
        if start.elapsed() >= options.budget {
            report.budget_hit = true;
            break;
        }
        let mut runner = Runner { report: &mut report, options, current: &current, start, seed };
        runner.generated();
        if !spec.is_empty() {
            runner.mutated(&spec[(seed % spec.len() as u64) as usize]);
        }
        report.seeds_run += 1;
    }
    done.store(true, Ordering::Relaxed);
    let _ = watchdog.join();
    report.elapsed = start.elapsed();
    report
}

struct Runner<'a> {
    report: &'a mut Report,
    options: &'a Options,
    current: &'a Current,
    start: Instant,
    seed: u64,
}

impl Runner<'_> {
    /// The wasm-smith cases of this seed: a WebAssembly 2.0 module for the comparison with
    /// wasmi, and one from the same bytes with relaxed SIMD too for the harnesses without it
    /// (see [`generate::Proposals`]).
    fn generated(&mut self) {
        let Some((wasm, rest)) = generated_module(self.seed) else { return };
        let rest = &rest[..];
        self.report.generated += 1;
        self.case("decode", "generated", &wasm, |r| {
            let verdict = decode::check(&wasm)?;
            r.count_decode(verdict);
            Ok(())
        });
        self.case("differential", "generated", &wasm, |r| {
            let stats = differential::run(&wasm, &mut Unstructured::new(rest))?;
            r.count_differential(stats);
            Ok(())
        });
        let Some((relaxed, rest)) = generated_module_with(self.seed, generate::Proposals::LIFE_ONLY) else { return };
        let (what, rest) = ("generated relaxed-simd", &rest[..]);
        self.case("decode", what, &relaxed, |r| {
            // Invalid as 2.0 (checked valid with relaxed SIMD): it uses a relaxed operator.
            if decode::check(&relaxed)? == decode::Verdict::Invalid {
                r.relaxed_modules += 1;
            }
            Ok(())
        });
        self.case("run_interp", what, &relaxed, |r| {
            r.robust_calls += robust::run(&relaxed, &mut Unstructured::new(rest))?.calls;
            Ok(())
        });
        let metered_bytes = SplitMix64::new(self.seed ^ 0x6761_7321).bytes(512);
        self.case("metered", what, &relaxed, |r| {
            r.count_metered(&metered::run(&relaxed, &mut Unstructured::new(&metered_bytes))?);
            Ok(())
        });
    }

    /// The spec mutation case of this seed.
    fn mutated(&mut self, module: &SpecModule) {
        let (what, wasm) = mutated_module(module, self.seed);
        self.report.mutated += 1;
        let mut valid = false;
        self.case("decode", &what, &wasm, |r| {
            let verdict = decode::check(&wasm)?;
            r.count_decode(verdict);
            valid = verdict == decode::Verdict::Valid;
            Ok(())
        });
        if valid {
            let args = SplitMix64::new(self.seed ^ 0xa465).bytes(512);
            self.case("differential", &what, &wasm, |r| {
                let stats = differential::run_with(&wasm, &mut Unstructured::new(&args), differential::Nans::AnyNan)?;
                r.count_differential(stats);
                Ok(())
            });
            let metered_bytes = SplitMix64::new(self.seed ^ 0x6761_7321).bytes(512);
            self.case("metered", &what, &wasm, |r| {
                r.count_metered(&metered::run(&wasm, &mut Unstructured::new(&metered_bytes))?);
                Ok(())
            });
        }
    }

    /// Runs one harness, catching findings and panics.
    fn case(&mut self, harness: &str, what: &str, wasm: &[u8], f: impl FnOnce(&mut Report) -> Result<(), Finding>) {
        *self.current.case.lock().unwrap_or_else(|e| e.into_inner()) =
            (format!("{harness} seed {} ({what})", self.seed), wasm.to_vec());
        self.current.started_ms.store(self.start.elapsed().as_millis() as u64 + 1, Ordering::Relaxed);
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| f(self.report)));
        self.current.started_ms.store(0, Ordering::Relaxed);
        let took = started.elapsed();
        if took > self.report.slowest.0 {
            self.report.slowest = (took, format!("{harness} seed {} ({what})", self.seed));
        }
        let problem = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(finding)) => finding.to_string(),
            Err(panic) => format!("{harness}: panic: {}", panic_message(&*panic)),
        };
        let line = format!("seed {} ({what}): {problem}", self.seed);
        eprintln!("FINDING {line}");
        if let Some(dir) = &self.options.save {
            let kind = what.rsplit(' ').next().unwrap_or(what);
            save(dir, &format!("{harness}-{}-{kind}.wasm", self.seed), wasm);
        }
        self.report.findings.push(line);
    }
}

/// The wasm-smith module of `seed` and the bytes left for call arguments, or `None` when
/// wasm-smith gives up on the seed's bytes.
pub fn generated_module(seed: u64) -> Option<(Vec<u8>, Vec<u8>)> {
    generated_module_with(seed, generate::Proposals::default())
}

/// [`generated_module`] with `proposals` allowed too.
pub fn generated_module_with(seed: u64, proposals: generate::Proposals) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut rng = SplitMix64::new(seed);
    let len = 256 + rng.below(16 * 1024) as usize;
    let bytes = rng.bytes(len);
    let mut u = Unstructured::new(&bytes);
    let wasm = generate::module_with(&mut u, proposals).ok()?;
    Some((wasm, u.take_rest().to_vec()))
}

/// The spec mutation of `seed`, given the spec module `seed mod count`: a description and the bytes.
pub fn mutated_module(module: &SpecModule, seed: u64) -> (String, Vec<u8>) {
    let mut wasm = module.bytes.clone();
    let kind = mutate::mutate(&mut wasm, seed);
    (format!("{} {kind:?}", module.name), wasm)
}

/// Writes the two modules of `seed` to `dir` (`generated-<seed>.wasm`, `mutated-<seed>.wasm`),
/// for reproducing a crash that ended the smoke run.
///
/// # Errors
///
/// When a file cannot be written.
pub fn write_seed(seed: u64, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    if let Some((wasm, _)) = generated_module(seed) {
        std::fs::write(dir.join(format!("generated-{seed}.wasm")), wasm)?;
    }
    if let Some((wasm, _)) = generated_module_with(seed, generate::Proposals::LIFE_ONLY) {
        std::fs::write(dir.join(format!("generated-relaxed-simd-{seed}.wasm")), wasm)?;
    }
    let spec = mutate::spec_modules();
    if !spec.is_empty() {
        let (what, wasm) = mutated_module(&spec[(seed % spec.len() as u64) as usize], seed);
        println!("mutated-{seed}.wasm: {what}");
        std::fs::write(dir.join(format!("mutated-{seed}.wasm")), wasm)?;
    }
    Ok(())
}

impl Report {
    fn count_decode(&mut self, verdict: decode::Verdict) {
        self.decode[verdict as usize] += 1;
    }

    fn count_metered(&mut self, stats: &metered::Stats) {
        self.metered[0] += 1;
        self.metered[1] += u64::from(stats.instantiated);
        self.metered[2] += u64::from(stats.start_out_of_gas);
        self.metered_calls[0] += stats.calls;
        self.metered_calls[1] += stats.out_of_gas;
    }

    fn count_differential(&mut self, stats: differential::Stats) {
        self.instantiated += u64::from(stats.instantiated);
        self.calls_compared += stats.calls;
        if let Some(why) = &stats.inconclusive {
            *self.inconclusive.entry(inconclusive_reason(why)).or_default() += 1;
        }
    }
}

/// A short name for why a differential run stopped early.
pub fn inconclusive_reason(why: &str) -> &'static str {
    if why.contains("wasmi panicked") {
        "wasmi panics"
    } else if why.contains("wasmi 2.0.0") {
        "skipped for a known wasmi bug"
    } else if why.contains("fuel") {
        "out of fuel"
    } else if why.contains("stack") {
        "call stack exhausted"
    } else if why.contains("Unsupported") {
        "over a resource limit or unsupported"
    } else {
        "other"
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string payload)".to_string()
    }
}

fn save(dir: &std::path::Path, name: &str, wasm: &[u8]) {
    let path = dir.join(name);
    match std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&path, wasm)) {
        Ok(()) => eprintln!("  saved {}", path.display()),
        Err(e) => eprintln!("  cannot save {}: {e}", path.display()),
    }
}

fn spawn_watchdog(
    start: Instant,
    current: Arc<Current>,
    done: Arc<AtomicBool>,
    save_dir: Option<PathBuf>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            let started = current.started_ms.load(Ordering::Relaxed);
            if started != 0 && start.elapsed().as_millis() as u64 > started + HANG_SECS * 1000 {
                let (case, wasm) = current.case.lock().unwrap_or_else(|e| e.into_inner()).clone();
                eprintln!("FINDING hang: {case} ran for more than {HANG_SECS} s");
                if let Some(dir) = &save_dir {
                    save(dir, "hang.wasm", &wasm);
                }
                std::process::exit(2);
            }
        }
    })
}
