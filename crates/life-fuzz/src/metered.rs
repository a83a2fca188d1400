//! The metered harness: Life's engines against each other with gas metering on.
//!
//! Every engine of [`metered_life_engines`] instantiates the module with the same gas limit,
//! small enough that some calls run out, and the same exports are called with the same
//! arguments. After instantiation and after every call the engines must agree exactly: the same
//! results bit for bit or the same trap code (`out of gas` included), the same gas used by the
//! store so far, and the same exported memories, globals and tables. So when both engines run out
//! of gas they have stopped at the same point.
//!
//! Calls are not resumable, so running out traps; the store keeps what gas is left, and later
//! calls go on with it, which is compared too. No oracle is involved: metering bounds every call,
//! so this harness also runs modules that loop forever.

use crate::{
    Finding,
    differential::{identical_outcome, sorted_exports, sorted_state},
    engine::{Engine, EngineInstance, Outcome, Rejection, limits, metered_life_engines},
    generate,
};
use arbitrary::Unstructured;
use life_decode::{ExternKind, TrapCode};

/// Gas limits the regression replay runs every reproducer with: out of gas early, midway through
/// a typical generated module, and rarely.
pub const REPLAY_GAS: [u64; 3] = [100, 10_000, 1_000_000];

/// What one comparison did.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// The gas limit of every store.
    pub gas_limit: u64,
    /// Every engine instantiated the module.
    pub instantiated: bool,
    /// Instantiation (the start function) ran out of gas on every engine.
    pub start_out_of_gas: bool,
    /// Calls compared.
    pub calls: u64,
    /// Calls that ran out of gas on every engine, at the same point.
    pub out_of_gas: u64,
    /// Why the comparison stopped early: the module is over a resource limit or unsupported.
    pub inconclusive: Option<String>,
}

/// A gas limit drawn from `u`: a quarter of the time under 1,000 (most calls run out, often in the
/// start function), half the time under 50,000 (some do), else up to 2,000,000 (few do).
/// An exhausted `u` gives 0.
pub fn gas_limit(u: &mut Unstructured<'_>) -> u64 {
    let pick: u8 = u.arbitrary().unwrap_or(0);
    let max = match pick % 4 {
        0 => 1_000,
        1 | 2 => 50_000,
        _ => 2_000_000,
    };
    u.int_in_range(0..=max).unwrap_or(0)
}

/// Compares Life's metered engines on `wasm` with a gas limit, then call arguments, drawn from `u`.
///
/// # Errors
///
/// A [`Finding`] describing the first disagreement.
pub fn run(wasm: &[u8], u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    let gas = gas_limit(u);
    run_with_gas(wasm, gas, u)
}

/// [`run`] with the gas limit `gas`.
///
/// # Errors
///
/// As [`run`].
pub fn run_with_gas(wasm: &[u8], gas: u64, u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    let limits = limits();
    let mut stats = Stats { gas_limit: gas, ..Stats::default() };
    let finding = |message: String| Finding::new("metered", format!("gas limit {gas}: {message}"));
    let engines = metered_life_engines(gas);
    let mut subjects: Vec<(&dyn Engine, Box<dyn EngineInstance>)> = Vec::new();
    let mut first: Option<(&'static str, Result<(), Rejection>)> = None;
    for engine in &engines {
        let got = engine.instantiate(wasm, &limits);
        let summary = got.as_ref().map(|_| ()).map_err(Clone::clone);
        if let Err(Rejection::Compile(e)) = &summary {
            return Err(finding(format!("{}: {e}", engine.name())));
        }
        if let Some((name, want)) = &first
            && !same_instantiation(want, &summary)
        {
            return Err(finding(format!(
                "instantiation: {name} gave {want:?}, but {} gave {summary:?}",
                engine.name()
            )));
        }
        first.get_or_insert((engine.name(), summary));
        if let Ok(instance) = got {
            subjects.push((engine.as_ref(), instance));
        }
    }
    match first.map(|(_, r)| r) {
        Some(Err(r)) if r.is_inconclusive() => {
            stats.inconclusive = Some(format!("{r:?}"));
            return Ok(stats);
        }
        Some(Err(Rejection::Trap(t))) => {
            stats.start_out_of_gas = t.codes == [TrapCode::OutOfGas];
            return Ok(stats);
        }
        Some(Err(_)) | None => return Ok(stats),
        Some(Ok(())) => {}
    }
    stats.instantiated = true;

    let exports = sorted_exports(subjects[0].1.as_ref());
    for (engine, instance) in &subjects[1..] {
        let got = sorted_exports(instance.as_ref());
        if got != exports {
            return Err(finding(format!(
                "exports: {} has {exports:?}, but {} has {got:?}",
                subjects[0].0.name(),
                engine.name()
            )));
        }
    }
    compare(&mut subjects, None, "after instantiation").map_err(finding)?;

    for export in exports.iter().filter(|e| e.kind == ExternKind::Func) {
        let ty = export.func_type.as_ref().expect("function exports have a type");
        let args = generate::args(u, ty);
        let outcomes: Vec<Outcome> = subjects.iter_mut().map(|(_, i)| i.call(&export.name, &args)).collect();
        let when = format!("call {:?}{args:?}", export.name);
        compare(&mut subjects, Some(&outcomes), &when).map_err(finding)?;
        if let Outcome::Error(e) = &outcomes[0] {
            return Err(finding(format!("{when}: {}: {e}", subjects[0].0.name())));
        }
        stats.calls += 1;
        if matches!(&outcomes[0], Outcome::Trap(t) if t.codes == [TrapCode::OutOfGas]) {
            stats.out_of_gas += 1;
        }
    }
    Ok(stats)
}

/// Compares the outcome of one call (if any), then the gas used and the state, of every subject
/// with the first's.
fn compare(
    subjects: &mut [(&dyn Engine, Box<dyn EngineInstance>)],
    outcomes: Option<&[Outcome]>,
    when: &str,
) -> Result<(), String> {
    let (name, reference) = (subjects[0].0.name(), &mut subjects[0].1);
    let want_gas = reference.gas_used();
    let want_state = sorted_state(reference.as_mut());
    for (i, (engine, instance)) in subjects.iter_mut().enumerate().skip(1) {
        let gas = instance.gas_used();
        if let Some(outcomes) = outcomes
            && !identical_outcome(&outcomes[0], &outcomes[i])
        {
            return Err(format!(
                "{when}: {name} gave {:?} (gas used {want_gas:?}), but {} gave {:?} (gas used {gas:?})",
                outcomes[0],
                engine.name(),
                outcomes[i]
            ));
        }
        if gas != want_gas {
            let outcome = outcomes.map(|o| format!(", both {:?}", o[0])).unwrap_or_default();
            return Err(format!("{when}{outcome}: gas used {want_gas:?} by {name}, but {gas:?} by {}", engine.name()));
        }
        let state = sorted_state(instance.as_mut());
        if state != want_state {
            let diff: Vec<_> = want_state.iter().zip(&state).filter(|(a, b)| a != b).collect();
            let outcome = outcomes.map(|o| format!(", both {:?}", o[0])).unwrap_or_default();
            return Err(format!("state after {when}{outcome}: {name} vs {} differ in {diff:?}", engine.name()));
        }
    }
    Ok(())
}

/// Two instantiations agree when both succeeded, or both failed the same way (the same trap code,
/// `out of gas` included).
fn same_instantiation(a: &Result<(), Rejection>, b: &Result<(), Rejection>) -> bool {
    match (a, b) {
        (Ok(()), Ok(())) => true,
        (Err(Rejection::Trap(a)), Err(Rejection::Trap(b))) => a.codes == b.codes,
        (Err(a), Err(b)) => std::mem::discriminant(a) == std::mem::discriminant(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A loop that counts in a global and in memory until gas runs out.
    const SPIN: &str = r#"(module
        (memory (export "m") 1)
        (global (export "g") (mut i32) (i32.const 0))
        (func (export "spin")
          (loop
            (global.set 0 (i32.add (global.get 0) (i32.const 1)))
            (i32.store (i32.const 0) (global.get 0))
            (br 0))))"#;

    #[test]
    fn both_engines_run_out_of_gas_at_the_same_point() {
        let wasm = wat::parse_str(SPIN).unwrap();
        for gas in [0, 1, 7, 1_000, 123_457] {
            let stats = run_with_gas(&wasm, gas, &mut Unstructured::new(&[])).unwrap();
            assert!(stats.instantiated, "gas {gas}");
            assert_eq!((stats.calls, stats.out_of_gas), (1, 1), "gas {gas}");
        }
    }

    #[test]
    fn every_engine_meters() {
        let wasm = wat::parse_str(SPIN).unwrap();
        for engine in metered_life_engines(1_000) {
            let mut instance = engine.instantiate(&wasm, &limits()).unwrap_or_else(|e| panic!("{e:?}"));
            let outcome = instance.call("spin", &[]);
            assert!(matches!(&outcome, Outcome::Trap(t) if t.codes == [TrapCode::OutOfGas]), "{outcome:?}");
            let used = instance.gas_used().expect("metered");
            assert!(used > 900 && used <= 1_000, "{}: {used}", engine.name());
        }
    }
}
