//! The differential harness: the same module and calls on the oracle (wasmi) and on every Life
//! engine, with the same results, the same trap or no trap, and the same exported memories,
//! globals and tables after instantiation and after every call.
//!
//! Where the engines' limits differ the comparison stops rather than reports: a call that runs
//! out of stack or fuel on either side, a module over a resource limit, or one that Life refuses
//! as unsupported. Traps compare by the Life codes each engine's trap can mean ([`Trap`]).
//! Floats compare bit for bit; generated modules canonicalize NaNs (see
//! [`generate::config`](crate::generate::config)).

use crate::{
    Finding,
    engine::{Engine, EngineInstance, ExportDesc, ExportState, Outcome, Rejection, life_engines, limits, oracle},
    generate,
};
use arbitrary::Unstructured;
use life_decode::ExternKind;

/// What one comparison did.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Every engine instantiated the module.
    pub instantiated: bool,
    /// Calls compared (per Life engine).
    pub calls: u64,
    /// The comparison stopped early at an engine limit.
    pub inconclusive: bool,
}

/// Compares every Life engine with the oracle on `wasm`, with call arguments drawn from `u`.
///
/// # Errors
///
/// A [`Finding`] describing the first disagreement.
pub fn run(wasm: &[u8], u: &mut Unstructured<'_>) -> Result<Stats, Finding> {
    let limits = limits();
    let oracle = oracle();
    let mut stats = Stats::default();
    let reference = oracle.instantiate(wasm, &limits);
    if reference.as_ref().is_err_and(Rejection::is_inconclusive) {
        stats.inconclusive = true;
        return Ok(stats);
    }
    let mut subjects: Vec<(Box<dyn Engine>, Box<dyn EngineInstance>)> = Vec::new();
    for engine in life_engines() {
        match (&reference, engine.instantiate(wasm, &limits)) {
            (_, Err(r)) if r.is_inconclusive() => {
                stats.inconclusive = true;
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
    compare_state(&*oracle, reference.as_mut(), &mut subjects, "after instantiation")?;

    for export in exports.iter().filter(|e| e.kind == ExternKind::Func) {
        let ty = export.func_type.as_ref().expect("function exports have a type");
        let args = generate::args(u, ty);
        let want = reference.call(&export.name, &args);
        if matches!(want, Outcome::Exhausted(_)) {
            stats.inconclusive = true;
            return Ok(stats);
        }
        for (engine, instance) in &mut subjects {
            let got = instance.call(&export.name, &args);
            if matches!(got, Outcome::Exhausted(_)) {
                stats.inconclusive = true;
                return Ok(stats);
            }
            if !same_outcome(&want, &got) {
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
        }
        compare_state(&*oracle, reference.as_mut(), &mut subjects, &format!("after call {:?}{args:?}", export.name))?;
    }
    Ok(stats)
}

fn compare_state(
    oracle: &dyn Engine,
    reference: &mut dyn EngineInstance,
    subjects: &mut [(Box<dyn Engine>, Box<dyn EngineInstance>)],
    when: &str,
) -> Result<(), Finding> {
    let want = sorted_state(reference);
    for (engine, instance) in subjects {
        let got = sorted_state(instance.as_mut());
        if got != want {
            let diff: Vec<_> = want.iter().zip(&got).filter(|(a, b)| a != b).collect();
            return Err(Finding::new(
                "differential",
                format!("state {when}: {} vs {} differ in {diff:?}", oracle.name(), engine.name()),
            ));
        }
    }
    Ok(())
}

fn sorted_exports(instance: &dyn EngineInstance) -> Vec<ExportDesc> {
    let mut exports = instance.exports();
    exports.sort_by(|a, b| a.name.cmp(&b.name));
    exports
}

fn sorted_state(instance: &mut dyn EngineInstance) -> Vec<ExportState> {
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

fn same_outcome(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Return(a), Outcome::Return(b)) => a == b,
        (Outcome::Trap(a), Outcome::Trap(b)) => a.agrees_with(b),
        _ => false,
    }
}
