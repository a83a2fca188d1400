//! The real-program part of `cargo xtask bench`: builds the native binaries
//! (`benches/programs/build.sh --native`) and the `programs` bench of life-bench, runs it, and
//! turns its raw times (`target/life-bench/programs.tsv`: one line per run, per round, program
//! and engine) into the report's first section and two charts.
//!
//! Every figure is a median over the rounds. A ratio is the median of the per-round ratios of
//! two engines' times on the same program: both ran within seconds of each other, so a change in
//! the machine's speed moves both.

use super::{bar_chart, format_ratio, format_time};
use std::{
    fmt::Write as _,
    fs,
    path::Path,
    process::Command,
    time::{Duration, Instant, SystemTime},
};

/// How the programs bench is built; the report quotes it.
pub(super) const BUILD_COMMAND: &str = "cargo bench -p life-bench --bench programs --no-run";

/// The pairs of engines the report compares: each Life engine with its reference.
const PAIRS: [(&str, &str); 2] = [("life-interp", "wasmi"), ("polymerase", "wasmtime")];

/// What running the programs took.
pub(super) struct ProgramsRun {
    pub(super) started: SystemTime,
    pub(super) build: Duration,
    pub(super) measure: Duration,
    pub(super) load: [Option<String>; 2],
    /// `clang --version`'s first line, when build.sh built the native binaries.
    pub(super) native_compiler: Option<String>,
}

/// Builds and runs the programs bench with `args` (`--quick`, program names), the results
/// going to `manifest/programs.tsv`.
pub(super) fn run(root: &Path, manifest: &Path, args: &[String]) -> Result<ProgramsRun, String> {
    let native_dir = manifest.join("native");
    let native_compiler =
        super::command_line_output("clang", &["--version"]).and_then(|v| v.lines().next().map(str::to_owned));
    if native_compiler.is_some() {
        eprintln!("xtask bench: building the native programs (benches/programs/build.sh --native)");
        let status = Command::new("bash")
            .arg(root.join("benches/programs/build.sh"))
            .arg("--native")
            .env("NATIVE_DIR", &native_dir)
            .status()
            .map_err(|err| format!("cannot run benches/programs/build.sh: {err}"))?;
        if !status.success() {
            return Err("benches/programs/build.sh --native failed".into());
        }
    } else {
        eprintln!("xtask bench: no clang, so no native column for the programs");
    }

    let (executable, build) = super::build_bench(root, BUILD_COMMAND, "programs")?;

    let _ = fs::remove_file(manifest.join("programs.tsv"));
    eprintln!("xtask bench: running {executable} --bench {}", args.join(" "));
    let load_before = super::load_average();
    let started = SystemTime::now();
    let start = Instant::now();
    let status = Command::new(&executable)
        .current_dir(root.join("benches"))
        .arg("--bench")
        .args(args)
        .env("LIFE_BENCH_MANIFEST", manifest)
        .env("LIFE_BENCH_NATIVE_DIR", &native_dir)
        .status()
        .map_err(|err| format!("cannot run {executable}: {err}"))?;
    if !status.success() {
        return Err("the programs bench failed (a wrong checksum or a crash; see above)".into());
    }
    let measure = start.elapsed();
    Ok(ProgramsRun { started, build, measure, load: [load_before, super::load_average()], native_compiler })
}

/// One program's line in the manifest, with its runs.
struct Program {
    name: String,
    arg: String,
    description: String,
    upstream: String,
    wasm_bytes: String,
    /// Per engine (indexed like `Results::engines`), per round: (load, total) in nanoseconds.
    runs: Vec<Vec<Option<(f64, f64)>>>,
}

/// The programs bench's results.
pub(super) struct Results {
    rounds: usize,
    mode: String,
    engines: Vec<String>,
    programs: Vec<Program>,
}

impl Results {
    /// Reads `programs.tsv`.
    pub(super) fn read(path: &Path) -> Result<Results, String> {
        let text = fs::read_to_string(path).map_err(|err| format!("cannot read {} ({err})", path.display()))?;
        let mut results = Results { rounds: 0, mode: String::new(), engines: Vec::new(), programs: Vec::new() };
        for line in text.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields.as_slice() {
                ["rounds", n, mode] => {
                    results.rounds = n.parse().map_err(|_| format!("bad line in {}: {line}", path.display()))?;
                    results.mode = (*mode).to_owned();
                }
                ["engine", name, _kind] => results.engines.push((*name).to_owned()),
                ["program", name, arg, description, upstream, bytes] => results.programs.push(Program {
                    name: (*name).to_owned(),
                    arg: (*arg).to_owned(),
                    description: (*description).to_owned(),
                    upstream: (*upstream).to_owned(),
                    wasm_bytes: (*bytes).to_owned(),
                    runs: vec![vec![None; results.rounds]; results.engines.len()],
                }),
                ["run", round, program, engine, load, total] => {
                    let round: usize = round.parse().map_err(|_| format!("bad round in {line}"))?;
                    let e =
                        results.engines.iter().position(|e| e == engine).ok_or(format!("unknown engine in {line}"))?;
                    let p = results
                        .programs
                        .iter_mut()
                        .find(|p| p.name == *program)
                        .ok_or(format!("unknown program in {line}"))?;
                    let (Ok(load), Ok(total)) = (load.parse::<f64>(), total.parse::<f64>()) else {
                        return Err(format!("bad times in {line}"));
                    };
                    if let Some(slot) = p.runs[e].get_mut(round) {
                        *slot = Some((load, total));
                    }
                }
                _ => {}
            }
        }
        if results.programs.is_empty() {
            return Err(format!("no programs in {}", path.display()));
        }
        Ok(results)
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.engines.iter().position(|e| e == name)
    }

    /// The median over rounds of `pick(load, total)` of engine `e` on `program`.
    fn median_of(&self, program: &Program, e: usize, pick: fn((f64, f64)) -> f64) -> Option<f64> {
        median(program.runs[e].iter().flatten().map(|&r| pick(r)).collect())
    }

    /// The median over rounds of `pick(a) / pick(b)`.
    fn ratio_of(&self, program: &Program, a: &str, b: &str, pick: fn((f64, f64)) -> f64) -> Option<f64> {
        let (a, b) = (self.index(a)?, self.index(b)?);
        let ratios = program.runs[a]
            .iter()
            .zip(&program.runs[b])
            .filter_map(|(x, y)| match (x, y) {
                (Some(x), Some(y)) if pick(*y) > 0.0 => Some(pick(*x) / pick(*y)),
                _ => None,
            })
            .collect();
        median(ratios)
    }

    /// The geometric mean over programs of [`ratio_of`](Results::ratio_of).
    fn geomean_of(&self, a: &str, b: &str, pick: fn((f64, f64)) -> f64) -> Option<f64> {
        let logs: Vec<f64> = self.programs.iter().filter_map(|p| self.ratio_of(p, a, b, pick)).map(f64::ln).collect();
        (logs.len() == self.programs.len() && !logs.is_empty())
            .then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
    }
}

fn total(r: (f64, f64)) -> f64 {
    r.1
}
fn load(r: (f64, f64)) -> f64 {
    r.0
}
/// The time after loading: instantiating, running and exiting.
fn after_load(r: (f64, f64)) -> f64 {
    r.1 - r.0
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / 2.0 })
}

/// The two charts: life-interp over wasmi and Polymerase over wasmtime, whole-program time per
/// program and the geometric mean (for Polymerase also the geometric mean of compile times).
pub(super) fn render_svgs(results: &Results) -> [String; 2] {
    PAIRS.map(|(a, b)| {
        let mut bars: Vec<(String, f64, bool)> = results
            .programs
            .iter()
            .filter_map(|p| results.ratio_of(p, a, b, total).map(|r| (p.name.clone(), r, false)))
            .collect();
        if let Some(g) = results.geomean_of(a, b, total) {
            bars.push(("geometric mean".into(), g, true));
        }
        if a == "polymerase"
            && let Some(g) = results.geomean_of(a, b, load)
        {
            bars.push(("compile (g. mean)".into(), g, true));
        }
        bar_chart(&format!("{a} / {b}, whole program (log scale; left of 1 is faster)"), &bars)
    })
}

/// The report's real-program section, from `## Real programs` to the end of its measuring notes.
pub(super) fn render_markdown(results: &Results, command_line: &str, run: Option<&ProgramsRun>) -> String {
    let mut md = String::new();
    let e = |name: &str| results.index(name);
    let time = |p: &Program, name: &str, pick: fn((f64, f64)) -> f64| {
        e(name).and_then(|i| results.median_of(p, i, pick)).map_or(String::new(), format_time)
    };
    let ratio = |p: &Program, a: &str, b: &str, pick: fn((f64, f64)) -> f64| {
        results.ratio_of(p, a, b, pick).map_or(String::new(), format_ratio)
    };
    let geo = |a: &str, b: &str, pick: fn((f64, f64)) -> f64| {
        results.geomean_of(a, b, pick).map_or(String::new(), |g| format!("**{}**", format_ratio(g)))
    };
    let has_native = e("native").is_some();

    md.push_str("## Real programs\n\n");
    md.push_str(
        "Whole WASI programs, run as a user runs them: decode, validate, translate or compile, instantiate with WASI preview 1, run `_start`, exit.\n",
    );
    md.push_str("Each is an upstream C library with a small driver (`benches/programs/`) that does a fixed amount of work and prints a checksum, which every run must print.\n");
    let _ = writeln!(
        md,
        "Each of {} rounds runs every program once on every engine, in an order that changes from round to round; a time is the median over the rounds, and a ratio the median of the per-round ratios, so a change in the machine's speed during the run moves both engines of a ratio.",
        results.rounds
    );
    md.push_str("Native is the same C code compiled by clang at -O2 and run as a process.\n\n");

    md.push_str("### Whole program\n\n");
    md.push_str(
        "| program | life-interp | wasmi | life-interp / wasmi | polymerase | wasmtime | polymerase / wasmtime |",
    );
    if has_native {
        md.push_str(" native | polymerase / native | wasmtime / native |");
    }
    md.push_str("\n|---|---:|---:|---:|---:|---:|---:|");
    if has_native {
        md.push_str("---:|---:|---:|");
    }
    md.push('\n');
    for p in &results.programs {
        let _ = write!(
            md,
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.name,
            time(p, "life-interp", total),
            time(p, "wasmi", total),
            ratio(p, "life-interp", "wasmi", total),
            time(p, "polymerase", total),
            time(p, "wasmtime", total),
            ratio(p, "polymerase", "wasmtime", total)
        );
        if has_native {
            let _ = write!(
                md,
                " {} | {} | {} |",
                time(p, "native", total),
                ratio(p, "polymerase", "native", total),
                ratio(p, "wasmtime", "native", total)
            );
        }
        md.push('\n');
    }
    let _ = write!(
        md,
        "| **geometric mean** | | | {} | | | {} |",
        geo("life-interp", "wasmi", total),
        geo("polymerase", "wasmtime", total)
    );
    if has_native {
        let _ = write!(md, " | {} | {} |", geo("polymerase", "native", total), geo("wasmtime", "native", total));
    }
    md.push_str("\n\n");
    for (a, b) in PAIRS {
        if let Some(g) = results.geomean_of(a, b, total) {
            let verdict = if g <= 1.0 { "faster" } else { "slower" };
            let factor = if g <= 1.0 { 1.0 / g } else { g };
            let _ = writeln!(
                md,
                "On the geometric mean of these programs {a} takes {} times {b}'s time ({factor:.2}x {verdict}).",
                format_ratio(g)
            );
        }
    }
    md.push_str("\n![life-interp time over wasmi time per program](programs-interp.svg)\n\n");
    md.push_str("![polymerase time over wasmtime time per program](programs-polymerase.svg)\n\n");

    md.push_str("### Loading and running apart\n\n");
    md.push_str("Load is creating the engine's module from the bytes: decoding and validation for the interpreters (both translate each function on its first call, which counts as running), and for the compilers compiling every function too (both on all cores).\n");
    md.push_str("Run is the rest of the whole-program time: instantiating, running `_start` and exiting.\n\n");
    md.push_str("| program | .wasm size | life-interp load | wasmi load | polymerase compile | wasmtime compile | polymerase / wasmtime, compile | life-interp / wasmi, run | polymerase / wasmtime, run |\n");
    md.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for p in &results.programs {
        let kib = p.wasm_bytes.parse::<f64>().map_or(String::new(), |b| format!("{:.0} KiB", b / 1024.0));
        let _ = writeln!(
            md,
            "| {} | {kib} | {} | {} | {} | {} | {} | {} | {} |",
            p.name,
            time(p, "life-interp", load),
            time(p, "wasmi", load),
            time(p, "polymerase", load),
            time(p, "wasmtime", load),
            ratio(p, "polymerase", "wasmtime", load),
            ratio(p, "life-interp", "wasmi", after_load),
            ratio(p, "polymerase", "wasmtime", after_load)
        );
    }
    let _ = writeln!(
        md,
        "| **geometric mean** | | | | | | {} | {} | {} |\n",
        geo("polymerase", "wasmtime", load),
        geo("life-interp", "wasmi", after_load),
        geo("polymerase", "wasmtime", after_load)
    );

    md.push_str("### The programs\n\n");
    md.push_str("| program | upstream | what the driver does | size argument |\n|---|---|---|---:|\n");
    for p in &results.programs {
        let _ = writeln!(md, "| {} | {} | {} | {} |", p.name, p.upstream, p.description, p.arg);
    }
    md.push('\n');

    md.push_str("### How the programs were measured\n\n");
    let _ = writeln!(md, "- Command: `{command_line}` ({} sizes, {} rounds)", results.mode, results.rounds);
    match run {
        Some(run) => {
            let _ = writeln!(
                md,
                "- Which builds the harness with `{BUILD_COMMAND}` ({:.0} s; fat LTO makes a relink take minutes) and runs it: {:.0} s",
                run.build.as_secs_f64(),
                run.measure.as_secs_f64()
            );
            if let [Some(before), Some(after)] = &run.load {
                let _ = writeln!(
                    md,
                    "- Load average (1, 5, 15 min) before measuring: {before}; after: {after} (more than the core count means other work shared the CPU, and absolute times are inflated; ratios of paired runs suffer less)"
                );
            }
            let _ = writeln!(
                md,
                "- Native: {}",
                run.native_compiler.as_deref().map_or("not built (no clang)".to_owned(), |c| format!("{c}, -O2"))
            );
        }
        None => md.push_str("- Rebuilt from results already on disk: the run's own times and load are not known.\n"),
    }
    let _ = writeln!(md, "- Date: {}", super::utc_now());
    md.push('\n');
    md
}

/// Whether `path` was written at or after `since`.
pub(super) fn fresh(path: &Path, since: Option<SystemTime>) -> bool {
    let Some(since) = since else { return path.exists() };
    fs::metadata(path).and_then(|m| m.modified()).is_ok_and(|m| m >= since)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "rounds\t3\tquick\n\
        engine\tlife-interp\tinterpreter\n\
        engine\twasmi\tinterpreter\n\
        program\tlua\t2\tLua\tLua 5.4.9\t1024\n\
        run\t0\tlua\tlife-interp\t10\t100\n\
        run\t0\tlua\twasmi\t20\t200\n\
        run\t1\tlua\tlife-interp\t10\t300\n\
        run\t1\tlua\twasmi\t20\t200\n\
        run\t2\tlua\tlife-interp\t10\t180\n\
        run\t2\tlua\twasmi\t20\t200\n";

    #[test]
    fn ratios_are_medians_of_paired_rounds() {
        let dir = std::env::temp_dir().join(format!("xtask-programs-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("programs.tsv");
        fs::write(&path, TSV).unwrap();
        let results = Results::read(&path).unwrap();
        fs::remove_dir_all(&dir).unwrap();
        let lua = &results.programs[0];
        // Per-round ratios 0.5, 1.5 and 0.9: the median is 0.9, not the ratio of the medians (1.0).
        assert_eq!(results.ratio_of(lua, "life-interp", "wasmi", total), Some(0.9));
        assert_eq!(results.median_of(lua, 0, total), Some(180.0));
        assert_eq!(results.ratio_of(lua, "life-interp", "wasmi", load), Some(0.5));
        // After loading: 90/180, 290/180, 170/180.
        assert_eq!(results.ratio_of(lua, "life-interp", "wasmi", after_load), Some(170.0 / 180.0));
        assert_eq!(results.geomean_of("life-interp", "wasmi", total), Some(0.9));
        assert_eq!(results.geomean_of("polymerase", "wasmtime", total), None);
        let md = render_markdown(&results, "cargo xtask bench --quick", None);
        assert!(md.contains("| lua | 180 ns | 200 ns | 0.90 |"), "{md}");
    }

    #[test]
    fn median_of_even_and_odd_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
    }
}
