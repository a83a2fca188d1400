//! The differential harness: the same module and calls on the oracle (wasmi) and on every Life
//! engine, with the same results, the same trap or no trap, and the same exported memories,
//! globals and tables after instantiation and after every call.
//!
//! Life's engines (the interpreter and Polymerase) are also compared with each other, and more
//! strictly than with the oracle: bit for bit (NaN payloads included, whatever [`Nans`] says)
//! and trap code for trap code. With metering on, they are compared by [`crate::metered`].
//!
//! Where the engines' limits differ the comparison stops rather than reports: a call that runs
//! out of stack or fuel on either side, a module over a resource limit, or one that Life refuses
//! as unsupported. Traps compare by the Life codes each engine's trap can mean ([`Trap`](crate::engine::Trap)).
//! Floats compare bit for bit; generated modules canonicalize NaNs (see
//! [`generate::config`]).

use crate::{
    Finding,
    engine::{Engine, EngineInstance, ExportDesc, ExportState, Outcome, Rejection, life_engines, limits, oracle},
    generate,
};
use arbitrary::Unstructured;
use life_decode::{ExternKind, Value};

/// What one comparison did.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Every engine instantiated the module.
    pub instantiated: bool,
    /// Calls compared (per Life engine).
    pub calls: u64,
    /// Why the comparison stopped early, if it did: an engine limit (stack, fuel, resources),
    /// something Life does not support, or a known bug of the oracle.
    pub inconclusive: Option<String>,
}

/// How float results compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nans {
    /// Bit for bit: for modules whose NaNs are canonical (wasm-smith's `canonicalize_nans`).
    Exact,
    /// Any NaN equals any NaN, also lane by lane in a `v128` (as 32-bit or as 64-bit lanes):
    /// for other modules, since the spec lets NaN payloads differ between engines.
    /// Memory still compares bit for bit.
    AnyNan,
}

/// Compares every Life engine with the oracle on `wasm`, with call arguments drawn from `u`,
/// comparing floats bit for bit (see [`Nans`]).
///
/// # Errors
///
/// A [`Finding`] describing the first disagreement.
pub fn run(wasm: &[u8], u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    run_with(wasm, u, Nans::Exact)
}

/// [`run`], with NaNs compared as `nans` says.
///
/// # Errors
///
/// As [`run`].
pub fn run_with(wasm: &[u8], u: &mut Unstructured<'_>, nans: Nans) -> Result<Stats, Finding> {
    let limits = limits();
    let oracle = oracle();
    let mut stats = Stats::default();
    let reference = oracle.instantiate(wasm, &limits);
    if let Err(r) = &reference
        && r.is_inconclusive()
    {
        stats.inconclusive = Some(format!("{}: {r:?}", oracle.name()));
        return Ok(stats);
    }
    let mut subjects: Vec<Subject> = Vec::new();
    for engine in life_engines() {
        match (&reference, engine.instantiate(wasm, &limits)) {
            (_, Err(r)) if r.is_inconclusive() => {
                stats.inconclusive = Some(format!("{}: {r:?}", engine.name()));
                return Ok(stats);
            }
            (Ok(_), Ok(instance)) => subjects.push((engine, instance)),
            (Err(want), Err(got)) if same_rejection(want, &got) => {}
            (want, got) => {
                fn show<T>(r: &Result<T, Rejection>) -> String {
                    match r {
                        Ok(_) => "instantiated".to_string(),
                        Err(e) => format!("{e:?}"),
                    }
                }
                return Err(Finding::new(
                    "differential",
                    format!("instantiation: {} {}, but {} {}", oracle.name(), show(want), engine.name(), show(&got)),
                ));
            }
        }
    }
    let Ok(mut reference) = reference else { return Ok(stats) };
    stats.instantiated = true;

    let exports = sorted_exports(reference.as_ref());
    for (engine, instance) in &mut subjects {
        let got = sorted_exports(instance.as_ref());
        if got != exports {
            return Err(Finding::new(
                "differential",
                format!("exports: {} has {exports:?}, but {} has {got:?}", oracle.name(), engine.name()),
            ));
        }
    }
    compare_state(&*oracle, reference.as_mut(), &mut subjects, nans, "after instantiation")?;

    for export in exports.iter().filter(|e| e.kind == ExternKind::Func) {
        let ty = export.func_type.as_ref().expect("function exports have a type");
        let args = generate::args(u, ty);
        let want = reference.call(&export.name, &args);
        if let Outcome::Exhausted(why) = &want {
            stats.inconclusive = Some(format!("{}: {why}", oracle.name()));
            return Ok(stats);
        }
        let mut first: Option<(&'static str, Outcome)> = None;
        for (engine, instance) in &mut subjects {
            let got = instance.call(&export.name, &args);
            if let Outcome::Exhausted(why) = &got {
                stats.inconclusive = Some(format!("{}: {why}", engine.name()));
                return Ok(stats);
            }
            if let Some((name, first)) = &first
                && !identical_outcome(first, &got)
            {
                return Err(Finding::new(
                    "differential",
                    format!(
                        "call {:?}{args:?}: {name} gave {first:?}, but {} gave {got:?}",
                        export.name,
                        engine.name()
                    ),
                ));
            }
            if !same_outcome(&want, &got, nans) {
                return Err(Finding::new(
                    "differential",
                    format!(
                        "call {:?}{args:?}: {} gave {want:?}, but {} gave {got:?}",
                        export.name,
                        oracle.name(),
                        engine.name()
                    ),
                ));
            }
            stats.calls += 1;
            first.get_or_insert((engine.name(), got));
        }
        let when = format!("after call {:?}{args:?}", export.name);
        compare_state(&*oracle, reference.as_mut(), &mut subjects, nans, &when)?;
    }
    Ok(stats)
}

/// A Life engine and its instance of the module under test.
type Subject = (Box<dyn Engine>, Box<dyn EngineInstance>);

fn compare_state(
    oracle: &dyn Engine,
    reference: &mut dyn EngineInstance,
    subjects: &mut [Subject],
    nans: Nans,
    when: &str,
) -> Result<(), Finding> {
    let want = sorted_state(reference);
    let mut first: Option<(&'static str, Vec<ExportState>)> = None;
    for (engine, instance) in subjects {
        let got = sorted_state(instance.as_mut());
        if let Some((name, first)) = &first
            && *first != got
        {
            let diff: Vec<_> = first.iter().zip(&got).filter(|(a, b)| a != b).collect();
            return Err(Finding::new(
                "differential",
                format!("state {when}: {name} vs {} differ in {diff:?}", engine.name()),
            ));
        }
        let same = got.len() == want.len()
            && got.iter().zip(&want).all(|(g, w)| match (g, w) {
                (ExportState::Global { name: a, value: x }, ExportState::Global { name: b, value: y }) => {
                    a == b && same_value(*x, *y, nans)
                }
                (g, w) => g == w,
            });
        if !same {
            let diff: Vec<_> = want.iter().zip(&got).filter(|(a, b)| a != b).collect();
            return Err(Finding::new(
                "differential",
                format!("state {when}: {} vs {} differ in {diff:?}", oracle.name(), engine.name()),
            ));
        }
        first.get_or_insert((engine.name(), got));
    }
    Ok(())
}

pub(crate) fn sorted_exports(instance: &dyn EngineInstance) -> Vec<ExportDesc> {
    let mut exports = instance.exports();
    exports.sort_by(|a, b| a.name.cmp(&b.name));
    exports
}

pub(crate) fn sorted_state(instance: &mut dyn EngineInstance) -> Vec<ExportState> {
    let mut state = instance.state();
    state.sort_by(|a, b| state_name(a).cmp(state_name(b)));
    state
}

fn state_name(s: &ExportState) -> &str {
    match s {
        ExportState::Memory { name, .. } | ExportState::Global { name, .. } | ExportState::Table { name, .. } => name,
    }
}

fn same_rejection(a: &Rejection, b: &Rejection) -> bool {
    match (a, b) {
        (Rejection::Invalid(_), Rejection::Invalid(_)) | (Rejection::Link(_), Rejection::Link(_)) => true,
        (Rejection::Trap(a), Rejection::Trap(b)) => a.agrees_with(b),
        _ => false,
    }
}

fn same_outcome(a: &Outcome, b: &Outcome, nans: Nans) -> bool {
    match (a, b) {
        (Outcome::Return(a), Outcome::Return(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_value(*x, *y, nans))
        }
        (Outcome::Trap(a), Outcome::Trap(b)) => a.agrees_with(b),
        _ => false,
    }
}

/// Whether two of Life's engines did exactly the same: the same values bit for bit, the same
/// trap code, or both out of stack.
pub(crate) fn identical_outcome(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Return(a), Outcome::Return(b)) => a == b,
        (Outcome::Trap(a), Outcome::Trap(b)) => a.codes == b.codes,
        (Outcome::Exhausted(_), Outcome::Exhausted(_)) => true,
        _ => false,
    }
}

fn same_value(a: Value, b: Value, nans: Nans) -> bool {
    if a == b {
        return true;
    }
    if nans == Nans::Exact {
        return false;
    }
    let nan32 = |bits: u32| f32::from_bits(bits).is_nan();
    let nan64 = |bits: u64| f64::from_bits(bits).is_nan();
    match (a, b) {
        (Value::F32(x), Value::F32(y)) => nan32(x.to_bits()) && nan32(y.to_bits()),
        (Value::F64(x), Value::F64(y)) => nan64(x.to_bits()) && nan64(y.to_bits()),
        (Value::V128(x), Value::V128(y)) => {
            let lanes32 = (0..4).all(|i| {
                let (p, q) = ((x >> (32 * i)) as u32, (y >> (32 * i)) as u32);
                p == q || (nan32(p) && nan32(q))
            });
            let lanes64 = (0..2).all(|i| {
                let (p, q) = ((x >> (64 * i)) as u64, (y >> (64 * i)) as u64);
                p == q || (nan64(p) && nan64(q))
            });
            lanes32 || lanes64
        }
        _ => false,
    }
}
