//! A paired comparison, steadier than criterion's separate means on a noisy machine: for each
//! workload it loads two engines, then alternates one call on each, `ROUNDS` times (default
//! 15), and prints both engines' fastest call and the median of the per-round ratios.
//!
//! ```text
//! cargo run -p life-bench --profile bench --example paired -- polymerase wasmtime [workload...]
//! ```
//!
//! Engines: `life-interp`, `polymerase`, `wasmi`, `wasmtime`. Without workloads, all of them.

use life_bench::{engines::engines, workloads::WORKLOADS};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: paired ENGINE_A ENGINE_B [WORKLOAD...]");
        std::process::exit(2);
    }
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    let all = engines();
    let find = |name: &str| {
        all.iter().find(|e| e.name() == name).unwrap_or_else(|| {
            eprintln!("no engine named {name}");
            std::process::exit(2)
        })
    };
    let (a, b) = (find(&args[0]), find(&args[1]));
    let wanted = &args[2..];
    let mut logs = Vec::new();
    println!("{:14} {:>10} {:>10} {:>8} {:>8}", "workload", a.name(), b.name(), "min a/b", "median");
    for w in WORKLOADS.iter().filter(|w| wanted.is_empty() || wanted.iter().any(|n| n == w.name)) {
        let wasm = w.wasm();
        let mut ia = a.load(&wasm).unwrap_or_else(|e| panic!("{}: {e}", w.name));
        let mut ib = b.load(&wasm).unwrap_or_else(|e| panic!("{}: {e}", w.name));
        w.check(a.name(), ia.run(w.arg)).unwrap();
        w.check(b.name(), ib.run(w.arg)).unwrap();
        let (mut ta, mut tb, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            let t = Instant::now();
            std::hint::black_box(ia.run(w.arg).unwrap());
            let x = t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(ib.run(w.arg).unwrap());
            let y = t.elapsed().as_secs_f64();
            ta.push(x);
            tb.push(y);
            ratios.push(x / y);
        }
        let min = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
        ratios.sort_by(f64::total_cmp);
        let median = ratios[ratios.len() / 2];
        logs.push(median.ln());
        println!(
            "{:14} {:>8.2}ms {:>8.2}ms {:>8.3} {:>8.3}",
            w.name,
            min(&ta) * 1e3,
            min(&tb) * 1e3,
            min(&ta) / min(&tb),
            median
        );
    }
    let geomean = (logs.iter().sum::<f64>() / logs.len() as f64).exp();
    println!("geometric mean of the medians: {geomean:.3}");
}
