//! `cargo xtask bench [--quick] [--programs | --micro] [--report-only] [-- <criterion args>]`:
//! runs life-bench's two suites and writes `benches/RESULTS.md` and its charts.
//!
//! The real-program suite (whole WASI programs, `benches/programs/`) is run and reported by
//! `programs.rs`. The kernels are the criterion suite: this file builds it with
//! `cargo bench --no-run`, runs the binary, and turns criterion's
//! `target/criterion/<group>/<engine>/new/estimates.json` files into a report. The JSON is read
//! with a small scan for the mean's `point_estimate`, so xtask stays free of dependencies. The suite writes a manifest (`target/life-bench/*.tsv`) that names the
//! workloads, their arguments and the engines in order, so nothing here repeats those lists.
//!
//! - `--quick`: small program sizes and two rounds; short criterion warm-up and measurement.
//! - `--programs`, `--micro`: run only that suite; the report keeps the other suite's section as
//!   it was (each section sits between `<!-- NAME: begin -->` and `<!-- NAME: end -->` lines).
//! - `--report-only`: skip running, rebuild the report from the results already on disk.
//! - Arguments after `--` go to criterion, e.g. `-- --save-baseline main` or `-- fib`. With a
//!   name filter only the groups that ran are reported.

mod programs;

use std::{
    fmt::Write as _,
    fs,
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
    time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

/// Criterion flags for `--quick`: with the suite's flat sampling each entry costs about
/// `warm-up + max(measurement, 10 calls)`. With four engines, 12 workloads and two compilers
/// that each take seconds on the startup module (11 compiles apiece at criterion's minimum of 10
/// samples), these keep the run under two minutes on 2 cores.
const QUICK: &[&str] = &["--warm-up-time", "0.25", "--measurement-time", "0.75", "--sample-size", "10"];

/// The engines each kind of engine is compared with.
const INTERPRETER_REFERENCE: &str = "wasmi";
const COMPILER_REFERENCE: &str = "wasmtime";
const NATIVE: &str = "native";
/// The engine whose ratio to wasmi the chart shows.
const SUBJECT: &str = "life-interp";

/// How the suite is built; the report quotes it.
const BUILD_COMMAND: &str = "cargo bench -p life-bench --bench suite --no-run";

const USAGE: &str = "\
usage: cargo xtask bench [--quick] [--programs | --micro] [--report-only] [-- <criterion args>]

Builds and runs life-bench's real-program suite and kernel (criterion) suite and writes
benches/RESULTS.md, benches/programs-*.svg and benches/results.svg.
  --quick         small program sizes and 2 rounds; short criterion warm-up and measurement
  --programs      only the real-program suite (the report keeps the kernels' section)
  --micro         only the kernels (the report keeps the programs' section)
  --report-only   do not run; rebuild the report from target/life-bench and target/criterion
  -- <args>       passed to criterion (e.g. `-- fib`, `-- --save-baseline main`)";

pub(crate) fn run(args: Vec<String>) -> ExitCode {
    let mut quick = false;
    let mut report_only = false;
    let (mut only_programs, mut only_micro) = (false, false);
    let mut criterion_args = Vec::new();
    let mut iter = args.into_iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--report-only" => report_only = true,
            "--programs" => only_programs = true,
            "--micro" => only_micro = true,
            "--" => criterion_args.extend(iter.by_ref()),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("xtask bench: unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if only_programs && only_micro {
        eprintln!("xtask bench: --programs and --micro exclude each other\n{USAGE}");
        return ExitCode::from(2);
    }
    let (run_programs, run_micro) = (!only_micro, !only_programs);
    let root = crate::project_root();
    let paths = Paths::new(&root);

    let mut command_line = String::from("cargo xtask bench");
    if quick {
        command_line.push_str(" --quick");
    }
    if only_programs {
        command_line.push_str(" --programs");
    }
    if only_micro {
        command_line.push_str(" --micro");
    }
    if report_only {
        command_line.push_str(" --report-only");
    }
    if !criterion_args.is_empty() {
        command_line.push_str(" -- ");
        command_line.push_str(&criterion_args.join(" "));
    }

    let existing = fs::read_to_string(&paths.results_md).unwrap_or_default();
    let programs_tsv = paths.manifest.join("programs.tsv");

    // The real programs first: they are the shorter run, and the report's first section.
    let mut programs_section = None;
    if run_programs {
        let run = if report_only {
            None
        } else {
            let args: Vec<String> = quick.then(|| "--quick".to_owned()).into_iter().collect();
            match programs::run(&root, &paths.manifest, &args) {
                Ok(run) => Some(run),
                Err(message) => {
                    eprintln!("xtask bench: {message}");
                    return ExitCode::FAILURE;
                }
            }
        };
        if programs::fresh(&programs_tsv, run.as_ref().map(|r| r.started)) {
            let results = match programs::Results::read(&programs_tsv) {
                Ok(results) => results,
                Err(message) => {
                    eprintln!("xtask bench: {message}");
                    return ExitCode::FAILURE;
                }
            };
            let [interp, polymerase] = programs::render_svgs(&results);
            let written = fs::write(&paths.programs_svgs[0], interp)
                .and_then(|()| fs::write(&paths.programs_svgs[1], polymerase));
            if let Err(err) = written {
                eprintln!("xtask bench: cannot write the programs charts: {err}");
                return ExitCode::FAILURE;
            }
            programs_section = Some(programs::render_markdown(&results, &command_line, run.as_ref()));
        } else {
            eprintln!("xtask bench: no programs results on disk; the report keeps its programs section");
        }
    }

    let mut micro_section = None;
    if run_micro {
        let mut bench_args: Vec<String> = Vec::new();
        if quick {
            bench_args.extend(QUICK.iter().map(|s| s.to_string()));
        }
        bench_args.extend(criterion_args);
        let run = if report_only {
            None
        } else {
            match run_suite(&paths, &bench_args) {
                Ok(run) => Some(run),
                Err(message) => {
                    eprintln!("xtask bench: {message}");
                    return ExitCode::FAILURE;
                }
            }
        };
        match Results::read(&paths, run.as_ref().map(|r| r.started)) {
            Ok(results) => {
                let context = Context {
                    command_line: command_line.clone(),
                    cargo_command: if bench_args.is_empty() {
                        "cargo bench -p life-bench --bench suite".to_owned()
                    } else {
                        format!("cargo bench -p life-bench --bench suite -- {}", bench_args.join(" "))
                    },
                    run,
                };
                if let Err(err) = fs::write(&paths.results_svg, render_svg(&results)) {
                    eprintln!("xtask bench: cannot write {}: {err}", paths.results_svg.display());
                    return ExitCode::FAILURE;
                }
                micro_section = Some(render_markdown(&results, &context, &root));
            }
            Err(message) if report_only => {
                eprintln!("xtask bench: {message}; the report keeps its kernels section")
            }
            Err(message) => {
                eprintln!("xtask bench: {message}");
                return ExitCode::FAILURE;
            }
        }
    }

    let report = assemble_report(&existing, programs_section, micro_section);
    if let Err(err) = fs::write(&paths.results_md, report) {
        eprintln!("xtask bench: cannot write the report: {err}");
        return ExitCode::FAILURE;
    }
    println!("wrote {}", paths.results_md.display());
    ExitCode::SUCCESS
}

/// The report's title and preamble, then each suite's section: the new one where a suite was
/// measured, else the one `existing` has between its markers.
fn assemble_report(existing: &str, programs: Option<String>, micro: Option<String>) -> String {
    let mut md = String::from(
        "# Benchmark results\n\n\
         Generated by `cargo xtask bench`; do not edit by hand.\n\
         Two suites: real programs (whole WASI programs, from decoding to exit) and kernels (criterion micro-benchmarks of one exported function).\n\
         A ratio is the first engine's time over the second's, so below 1.00 means faster.\n\
         Interpreters are compared with wasmi, compilers with wasmtime, and everything with native code where the program is C.\n\
         Absolute times drift between machines and runs; compare ratios measured in one run.\n\n",
    );
    for (name, section) in [("programs", programs), ("micro", micro)] {
        let section = section.or_else(|| section_of(existing, name).map(str::to_owned)).unwrap_or_default();
        let _ = write!(md, "<!-- {name}: begin -->\n{section}<!-- {name}: end -->\n\n");
    }
    md.truncate(md.trim_end().len());
    md.push('\n');
    md
}

/// The text between `<!-- NAME: begin -->` and `<!-- NAME: end -->` lines of `report`.
fn section_of<'a>(report: &'a str, name: &str) -> Option<&'a str> {
    let begin = format!("<!-- {name}: begin -->\n");
    let start = report.find(&begin)? + begin.len();
    let len = report[start..].find(&format!("<!-- {name}: end -->"))?;
    Some(&report[start..start + len])
}

struct Paths {
    manifest: PathBuf,
    programs_svgs: [PathBuf; 2],
    criterion: PathBuf,
    results_md: PathBuf,
    results_svg: PathBuf,
}

impl Paths {
    fn new(root: &Path) -> Self {
        // Criterion and the manifest both go under the workspace target directory (or
        // $CARGO_TARGET_DIR), set explicitly so the suite and this reader agree.
        let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
        let target = if target.is_relative() { root.join(target) } else { target };
        Paths {
            manifest: target.join("life-bench"),
            programs_svgs: [root.join("benches/programs-interp.svg"), root.join("benches/programs-polymerase.svg")],
            criterion: target.join("criterion"),
            results_md: root.join("benches/RESULTS.md"),
            results_svg: root.join("benches/results.svg"),
        }
    }
}

/// What a run of the suite took.
struct Run {
    /// When the measurements started; results older than this are stale.
    started: SystemTime,
    build: Duration,
    measure: Duration,
    /// `/proc/loadavg`'s 1-, 5- and 15-minute load averages just before and just after measuring;
    /// the suite itself adds about 1 to the "after" figures.
    load: [Option<String>; 2],
}

/// Builds the suite with cargo, then runs the built binary directly: a second `cargo bench`
/// could rebuild first if a source changed in between, and the build time would land in the
/// measuring time.
fn run_suite(paths: &Paths, bench_args: &[String]) -> Result<Run, String> {
    let root = crate::project_root();
    let (executable, build) = build_bench(&root, BUILD_COMMAND, "suite")?;

    // Only the kernels' manifest: the programs' results and native binaries stay.
    for file in ["run.tsv", "startup.tsv"] {
        let _ = fs::remove_file(paths.manifest.join(file));
    }
    eprintln!("xtask bench: running {executable} --bench {}", bench_args.join(" "));
    let load_before = load_average();
    let started = SystemTime::now();
    let start = Instant::now();
    // As `cargo bench` does: the package directory as working directory, `--bench` first.
    let status = Command::new(&executable)
        .current_dir(root.join("benches"))
        .arg("--bench")
        .args(bench_args)
        .env("CRITERION_HOME", &paths.criterion)
        .env("LIFE_BENCH_MANIFEST", &paths.manifest)
        .status()
        .map_err(|err| format!("cannot run {executable}: {err}"))?;
    if !status.success() {
        return Err("the benchmark suite failed (a wrong result or a crash; see above)".into());
    }
    let measure = start.elapsed();
    Ok(Run { started, build, measure, load: [load_before, load_average()] })
}

/// The 1-, 5- and 15-minute load averages, on Linux.
fn load_average() -> Option<String> {
    let text = fs::read_to_string("/proc/loadavg").ok()?;
    Some(text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// The `executable` of bench target `name` in cargo's JSON messages.
/// Builds one of life-bench's benches with `command` (a `cargo bench ... --no-run` line) and
/// returns the path of its executable and how long the build took.
fn build_bench(root: &std::path::Path, command: &str, name: &str) -> Result<(String, std::time::Duration), String> {
    eprintln!("xtask bench: building the {name} bench ({command})");
    let start = Instant::now();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(&cargo)
        .current_dir(root)
        .args(command.split(' ').skip(1))
        .arg("--message-format=json-render-diagnostics")
        .stderr(Stdio::inherit())
        .output()
        .map_err(|err| format!("cannot run cargo: {err}"))?;
    if !output.status.success() {
        return Err(format!("building the {name} bench failed"));
    }
    let executable = bench_executable(&String::from_utf8_lossy(&output.stdout), name)
        .ok_or_else(|| format!("cargo did not report the {name} bench's executable"))?;
    Ok((executable, start.elapsed()))
}

fn bench_executable(messages: &str, name: &str) -> Option<String> {
    let target = format!("\"name\":\"{name}\"");
    let line = messages.lines().find(|l| l.contains("\"reason\":\"compiler-artifact\"") && l.contains(&target))?;
    let key = "\"executable\":\"";
    let start = line.find(key)? + key.len();
    let len = line[start..].find('"')?;
    Some(line[start..start + len].to_owned())
}

// ---- Reading the results ----

/// One engine's measurement of one group.
struct Measurement {
    /// Mean time per call, in nanoseconds.
    mean: f64,
    /// Standard error of the mean, in nanoseconds.
    std_err: f64,
}

struct Engine {
    name: String,
    /// `interpreter`, `compiler` or `native`.
    kind: String,
}

struct Group {
    name: String,
    arg: String,
    description: String,
    /// Indexed like `Results::engines`.
    times: Vec<Option<Measurement>>,
}

struct Results {
    /// The manifest's engines, then `native`.
    engines: Vec<Engine>,
    workloads: Vec<Group>,
    startup: Option<Group>,
    native_compiler: Option<String>,
    /// Size in bytes and function count of the startup module.
    startup_module: Option<(String, String)>,
}

impl Results {
    fn read(paths: &Paths, fresh_since: Option<SystemTime>) -> Result<Results, String> {
        let run = read_manifest(&paths.manifest.join("run.tsv"))?;
        let startup = read_manifest(&paths.manifest.join("startup.tsv")).unwrap_or_default();
        let mut engines = Vec::new();
        let mut native_compiler = None;
        let mut workloads = Vec::new();
        for fields in &run {
            match fields.as_slice() {
                [kind, name, engine_kind] if kind == "engine" => {
                    engines.push(Engine { name: name.clone(), kind: engine_kind.clone() })
                }
                [kind, compiler] if kind == "native" => native_compiler = Some(compiler.clone()),
                [kind, name, arg, description] if kind == "workload" => workloads.push(Group {
                    name: name.clone(),
                    arg: arg.clone(),
                    description: description.clone(),
                    times: Vec::new(),
                }),
                _ => {}
            }
        }
        engines.push(Engine { name: NATIVE.into(), kind: NATIVE.into() });
        let startup_module = startup.iter().find_map(|fields| match fields.as_slice() {
            [kind, bytes, funcs] if kind == "module" => Some((bytes.clone(), funcs.clone())),
            _ => None,
        });
        let mut startup = Group {
            name: "startup".into(),
            arg: String::new(),
            description: "decode + validate + translate/compile a generated module".into(),
            times: Vec::new(),
        };
        for group in workloads.iter_mut().chain(std::iter::once(&mut startup)) {
            group.times = engines
                .iter()
                .map(|engine| read_estimate(&paths.criterion.join(&group.name).join(&engine.name), fresh_since))
                .collect();
        }
        workloads.retain(|group| group.times.iter().any(Option::is_some));
        let startup = startup.times.iter().any(Option::is_some).then_some(startup);
        if workloads.is_empty() && startup.is_none() {
            return Err(format!("no fresh results under {}", paths.criterion.display()));
        }
        Ok(Results { engines, workloads, startup, native_compiler, startup_module })
    }

    fn index(&self, name: &str) -> Option<usize> {
        self.engines.iter().position(|e| e.name == name)
    }

    /// The engine this engine is compared with: wasmi for interpreters, wasmtime for compilers.
    fn reference(&self, engine: &Engine) -> Option<usize> {
        match engine.kind.as_str() {
            "interpreter" => self.index(INTERPRETER_REFERENCE),
            "compiler" => self.index(COMPILER_REFERENCE),
            _ => None,
        }
    }

    /// The ratio columns of the summary: each engine against its reference, then each compiler
    /// against native.
    fn ratio_columns(&self) -> Vec<(usize, usize)> {
        let mut columns = Vec::new();
        for (i, engine) in self.engines.iter().enumerate() {
            if let Some(r) = self.reference(engine).filter(|&r| r != i) {
                columns.push((i, r));
            }
        }
        if let Some(native) = self.index(NATIVE) {
            for (i, engine) in self.engines.iter().enumerate() {
                if engine.kind == "compiler" {
                    columns.push((i, native));
                }
            }
        }
        columns
    }
}

/// A tab-separated manifest, one `Vec` of fields per line.
fn read_manifest(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = fs::read_to_string(path)
        .map_err(|err| format!("cannot read {} ({err}); run the suite through `cargo xtask bench`", path.display()))?;
    Ok(text.lines().map(|line| line.split('\t').map(str::to_owned).collect()).collect())
}

/// The mean of `<dir>/new/estimates.json`, if it exists and is not older than `fresh_since`.
fn read_estimate(dir: &Path, fresh_since: Option<SystemTime>) -> Option<Measurement> {
    let path = dir.join("new/estimates.json");
    if let Some(since) = fresh_since {
        let modified = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
        if modified < since {
            return None;
        }
    }
    let json = fs::read_to_string(&path).ok()?;
    let mean = &json[json.find("\"mean\"")?..];
    Some(Measurement { mean: json_number(mean, "point_estimate")?, std_err: json_number(mean, "standard_error")? })
}

/// The number after the first `"key":` in `json`.
fn json_number(json: &str, key: &str) -> Option<f64> {
    let at = json.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let end =
        rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))).unwrap_or(rest.len());
    rest[..end].parse().ok()
}

// ---- Rendering ----

struct Context {
    command_line: String,
    cargo_command: String,
    run: Option<Run>,
}

fn render_markdown(results: &Results, context: &Context, root: &Path) -> String {
    let mut md = String::new();
    let columns = results.ratio_columns();
    let engines = &results.engines;
    let name = |i: usize| engines[i].name.as_str();

    md.push_str("## Kernels\n\n");
    md.push_str("Criterion micro-benchmarks: one exported `run` function per module, called in a loop after instantiation, so loading is not timed (except in Startup).\n");
    md.push_str("Times are criterion's mean per call.\n\n");

    // Summary.
    md.push_str("### Summary\n\n");
    md.push_str("| workload |");
    for engine in engines {
        let _ = write!(md, " {} |", engine.name);
    }
    for &(a, b) in &columns {
        let _ = write!(md, " {} / {} |", name(a), name(b));
    }
    md.push_str("\n|---|");
    md.push_str(&"---:|".repeat(engines.len() + columns.len()));
    md.push('\n');
    for group in &results.workloads {
        let _ = write!(md, "| {} |", group.name);
        for time in &group.times {
            let _ = write!(md, " {} |", time.as_ref().map_or("".into(), |m| format_time(m.mean)));
        }
        for &(a, b) in &columns {
            let _ = write!(md, " {} |", ratio(group, a, b).map_or("".into(), format_ratio));
        }
        md.push('\n');
    }
    let _ = write!(md, "| **geometric mean** |");
    md.push_str(&" |".repeat(engines.len()));
    for &(a, b) in &columns {
        let _ = write!(md, " **{}** |", geomean(&results.workloads, a, b).map_or("".into(), format_ratio));
    }
    md.push_str("\n\n");
    if let (Some(subject), Some(reference)) = (results.index(SUBJECT), results.index(INTERPRETER_REFERENCE)) {
        if let Some(g) = geomean(&results.workloads, subject, reference) {
            let verdict = if g < 1.0 { "faster" } else { "slower" };
            let factor = if g < 1.0 { 1.0 / g } else { g };
            let _ = writeln!(
                md,
                "On the geometric mean of these workloads {SUBJECT} is {factor:.2}x {verdict} than {INTERPRETER_REFERENCE}."
            );
        }
        if let Some(startup) = &results.startup
            && let Some(r) = ratio(startup, subject, reference)
        {
            let _ = writeln!(md, "Its startup time is {}x {INTERPRETER_REFERENCE}'s.", format_ratio(r));
        }
        md.push('\n');
    }
    md.push_str("![life-interp time over wasmi time per workload](results.svg)\n\n");

    // Startup.
    if let Some(startup) = &results.startup {
        md.push_str("### Startup\n\n");
        match &results.startup_module {
            Some((bytes, funcs)) => {
                let mib = bytes.parse::<f64>().map_or(String::new(), |b| format!(" ({:.2} MiB)", b / 1_048_576.0));
                let _ = writeln!(
                    md,
                    "Decode, validate and translate (or compile) a generated module of {bytes} bytes{mib} with {funcs} functions, without instantiating it."
                );
            }
            None => md.push_str("Decode, validate and translate (or compile) a generated module of over 1 MiB.\n"),
        }
        md.push_str("wasmi translates function bodies lazily, on first call, so its time covers decoding and validation only.\n\n");
        render_group_table(&mut md, results, startup);
    }

    // Per-workload tables.
    md.push_str("### Workloads\n\n");
    for group in &results.workloads {
        let _ = writeln!(md, "#### {}\n\n{}, `run({})`.\n", group.name, group.description, group.arg);
        render_group_table(&mut md, results, group);
    }

    // Machine and commands.
    md.push_str("### How the kernels were measured\n\n");
    let _ = writeln!(md, "- Command: `{}`", context.command_line);
    if context.run.is_none() {
        md.push_str(
            "- The report was rebuilt from results already on disk: the run's own times and load are not known.\n",
        );
    }
    let _ = writeln!(
        md,
        "- Which builds the suite with `{BUILD_COMMAND}`, then runs the binary as `{}` would",
        context.cargo_command
    );
    if let Some(run) = &context.run {
        let _ = writeln!(
            md,
            "- Bench crate build: {:.0} s (near 0 when nothing changed; about 3 minutes when only the bench binary relinks, most of it fat LTO; about 7 minutes from scratch)",
            run.build.as_secs_f64()
        );
        let _ = writeln!(md, "- Measuring: {:.0} s", run.measure.as_secs_f64());
        if let [Some(before), Some(after)] = &run.load {
            let _ = writeln!(
                md,
                "- Load average (1, 5, 15 min) before measuring: {before}; after: {after} (the suite adds about 1; more than the core count means other work shared the CPU and the numbers are noisy)"
            );
        }
    }
    let _ = writeln!(md, "- Date: {}", utc_now());
    let _ = writeln!(
        md,
        "- CPU: {} ({} logical cores)",
        cpu_model(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let _ =
        writeln!(md, "- Rust: {}", command_line_output("rustc", &["--version"]).unwrap_or_else(|| "unknown".into()));
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    for package in ["wasmi", "wasmtime", "criterion"] {
        let _ = writeln!(md, "- {package} {}", locked_version(&lock, package).unwrap_or("?"));
    }
    let _ = writeln!(
        md,
        "- Native baseline: {}",
        results.native_compiler.as_deref().unwrap_or("not built (no C compiler when benches/build.rs ran)")
    );
    md
}

fn render_group_table(md: &mut String, results: &Results, group: &Group) {
    let native = results.index(NATIVE).filter(|&n| group.times[n].is_some());
    md.push_str("| engine | mean | std. error | vs wasmi | vs wasmtime |");
    if native.is_some() {
        md.push_str(" vs native |");
    }
    md.push_str("\n|---|---:|---:|---:|---:|");
    if native.is_some() {
        md.push_str("---:|");
    }
    md.push('\n');
    for (i, engine) in results.engines.iter().enumerate() {
        let Some(m) = &group.times[i] else { continue };
        let reference = results.reference(engine);
        let cell = |name: &str| {
            results
                .index(name)
                .filter(|&r| Some(r) == reference)
                .and_then(|r| ratio(group, i, r))
                .map_or("".into(), format_ratio)
        };
        let _ = write!(
            md,
            "| {} | {} | {} | {} | {} |",
            engine.name,
            format_time(m.mean),
            format_time(m.std_err),
            cell(INTERPRETER_REFERENCE),
            cell(COMPILER_REFERENCE)
        );
        if let Some(n) = native {
            let _ = write!(md, " {} |", ratio(group, i, n).map_or("".into(), format_ratio));
        }
        md.push('\n');
    }
    md.push('\n');
}

/// One bar per workload (and startup, and the geometric mean) of life-interp's time over
/// wasmi's, on a log axis with a line at 1.
fn render_svg(results: &Results) -> String {
    let (Some(subject), Some(reference)) = (results.index(SUBJECT), results.index(INTERPRETER_REFERENCE)) else {
        return String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>\n");
    };
    let mut bars: Vec<(String, f64, bool)> = results
        .workloads
        .iter()
        .filter_map(|g| ratio(g, subject, reference).map(|r| (g.name.clone(), r, false)))
        .collect();
    if let Some(g) = geomean(&results.workloads, subject, reference) {
        bars.push(("geometric mean".into(), g, true));
    }
    if let Some(r) = results.startup.as_ref().and_then(|g| ratio(g, subject, reference)) {
        bars.push(("startup".into(), r, true));
    }
    bar_chart(&format!("{SUBJECT} time / {INTERPRETER_REFERENCE} time (log scale; left of 1 is faster)"), &bars)
}

/// A horizontal bar chart of ratios, one `(label, ratio, summary)` per bar, on a log2 axis with
/// a line at 1: green bars below 1, red above, blue for summary bars.
fn bar_chart(title: &str, bars: &[(String, f64, bool)]) -> String {
    // A log2 axis from a power of two below the smallest ratio to one above the largest.
    let lo = bars.iter().map(|b| b.1).fold(1.0f64, f64::min).log2().floor().min(-1.0);
    let hi = bars.iter().map(|b| b.1).fold(1.0f64, f64::max).log2().ceil().max(1.0);
    let (left, right, top, row) = (130.0, 40.0, 50.0, 26.0);
    let width = 760.0;
    let plot = width - left - right;
    let height = top + row * bars.len() as f64 + 40.0;
    let x = |ratio: f64| left + (ratio.log2() - lo) / (hi - lo) * plot;

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">"
    );
    let _ = writeln!(svg, "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    let _ = writeln!(
        svg,
        "<text x=\"{}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{title}</text>",
        width / 2.0
    );
    // Grid lines at each power of two.
    let mut p = lo;
    while p <= hi + 1e-9 {
        let gx = x(p.exp2());
        let label = if p >= 0.0 { format!("{}", p.exp2()) } else { format!("1/{}", (-p).exp2()) };
        let _ = writeln!(
            svg,
            "<line x1=\"{gx:.1}\" y1=\"{}\" x2=\"{gx:.1}\" y2=\"{}\" stroke=\"#ddd\"/>\n<text x=\"{gx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{label}</text>",
            top - 8.0,
            top + row * bars.len() as f64,
            top + row * bars.len() as f64 + 18.0
        );
        p += 1.0;
    }
    for (i, (label, ratio, summary)) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let (x0, x1) = (x(1.0), x(*ratio));
        let (bar_left, bar_width) = if x1 >= x0 { (x0, x1 - x0) } else { (x1, x0 - x1) };
        let colour = match (*summary, *ratio <= 1.0) {
            (true, _) => "#4c72b0",
            (false, true) => "#55a868",
            (false, false) => "#c44e52",
        };
        let weight = if *summary { " font-weight=\"bold\"" } else { "" };
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\"{weight}>{label}</text>",
            left - 8.0,
            y + row / 2.0 + 4.0
        );
        let _ = writeln!(
            svg,
            "<rect x=\"{bar_left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"/>",
            y + 4.0,
            bar_width.max(1.0),
            row - 8.0
        );
        let (tx, anchor) = if x1 >= x0 { (x1 + 4.0, "start") } else { (x1 - 4.0, "end") };
        let _ = writeln!(
            svg,
            "<text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            y + row / 2.0 + 4.0,
            format_ratio(*ratio)
        );
    }
    let _ = writeln!(
        svg,
        "<line x1=\"{0:.1}\" y1=\"{1}\" x2=\"{0:.1}\" y2=\"{2}\" stroke=\"black\" stroke-width=\"1.5\"/>",
        x(1.0),
        top - 8.0,
        top + row * bars.len() as f64
    );
    svg.push_str("</svg>\n");
    svg
}

fn ratio(group: &Group, a: usize, b: usize) -> Option<f64> {
    match (&group.times[a], &group.times[b]) {
        (Some(a), Some(b)) if b.mean > 0.0 => Some(a.mean / b.mean),
        _ => None,
    }
}

/// The geometric mean of `a / b` over the groups that have both.
fn geomean(groups: &[Group], a: usize, b: usize) -> Option<f64> {
    let logs: Vec<f64> = groups.iter().filter_map(|g| ratio(g, a, b)).map(f64::ln).collect();
    (!logs.is_empty()).then(|| (logs.iter().sum::<f64>() / logs.len() as f64).exp())
}

fn format_ratio(r: f64) -> String {
    format!("{r:.2}")
}

fn format_time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

fn command_line_output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The version of `package` in `Cargo.lock` (the first, if several).
fn locked_version<'a>(lock: &'a str, package: &str) -> Option<&'a str> {
    let at = lock.find(&format!("\nname = \"{package}\"\nversion = \""))?;
    let rest = &lock[at..];
    let start = rest.find("version = \"")? + "version = \"".len();
    let len = rest[start..].find('"')?;
    Some(&rest[start..start + len])
}

/// The current UTC date and time, `YYYY-MM-DD HH:MM UTC`, without a date library.
fn utc_now() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02} UTC", rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_criterion_means() {
        let json = r#"{"mean":{"confidence_interval":{"confidence_level":0.95,"lower_bound":1.5,"upper_bound":2.5},"point_estimate":2.0e6,"standard_error":1234.5},"median":{"point_estimate":9.0}}"#;
        let mean = &json[json.find("\"mean\"").unwrap()..];
        assert_eq!(super::json_number(mean, "point_estimate"), Some(2.0e6));
        assert_eq!(super::json_number(mean, "standard_error"), Some(1234.5));
    }

    #[test]
    fn finds_the_suite_executable() {
        let messages = concat!(
            r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"life_bench"},"executable":null}"#,
            "\n",
            r#"{"reason":"compiler-artifact","target":{"kind":["bench"],"name":"suite"},"executable":"/t/suite-1f"}"#,
            "\n",
            r#"{"reason":"build-finished","success":true}"#,
        );
        assert_eq!(super::bench_executable(messages, "suite").as_deref(), Some("/t/suite-1f"));
        assert_eq!(super::bench_executable(messages, "programs"), None);
    }

    #[test]
    fn the_report_keeps_the_section_of_a_suite_that_did_not_run() {
        let old = super::assemble_report("", Some("## Real programs\nold\n".into()), Some("## Kernels\nk1\n".into()));
        assert_eq!(super::section_of(&old, "programs"), Some("## Real programs\nold\n"));
        let new = super::assemble_report(&old, Some("## Real programs\nnew\n".into()), None);
        assert_eq!(super::section_of(&new, "programs"), Some("## Real programs\nnew\n"));
        assert_eq!(super::section_of(&new, "micro"), Some("## Kernels\nk1\n"));
        assert!(new.starts_with("# Benchmark results\n") && new.ends_with("<!-- micro: end -->\n"), "{new}");
        // A report without markers has no sections to keep.
        assert_eq!(super::section_of("# Benchmark results\n## Summary\n", "micro"), None);
    }

    #[test]
    fn reads_locked_versions() {
        let lock = "[[package]]\nname = \"wasmi\"\nversion = \"2.0.0\"\n\n[[package]]\nname = \"wasmi_core\"\nversion = \"2.0.1\"\n";
        assert_eq!(super::locked_version(lock, "wasmi"), Some("2.0.0"));
        assert_eq!(super::locked_version(lock, "wasmtime"), None);
    }
}
