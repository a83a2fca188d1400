//! The `.wast` files an engine is known to fail, and the rule that keeps the list exact.
//!
//! A listed file that fails is fine; a listed file that passes is an error, so the list can only
//! shrink by someone deleting the entry (wasmtime's `should_fail`, rust-analyzer's "no ignored
//! tests"). Listing is per file: one failing directive is enough to keep a file here.

/// `(engine, "suite/file", reason)`, e.g. `("interp", "wasm-v2/simd_lane.wast", "no SIMD yet")`.
pub const EXPECTED_FAILURES: &[(&str, &str, &str)] = &[
    ("interp", "memory64-current/table_init64.wast", GC_ARRAYS),
    ("interp-portable", "memory64-current/table_init64.wast", GC_ARRAYS),
    ("interp-metered", "memory64-current/table_init64.wast", GC_ARRAYS),
    ("aot", "memory64-current/table_init64.wast", GC_ARRAYS),
    ("aot-metered", "memory64-current/table_init64.wast", GC_ARRAYS),
    ("aot-checked", "memory64-current/table_init64.wast", GC_ARRAYS),
];

/// Why `table_init64.wast` fails: every other directive of it passes.
const GC_ARRAYS: &str =
    "one module (line 2457) uses GC array types: the gc proposal, which Life does not implement yet";

/// What a file's result means once the expected failures are taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Not listed, and every directive passed.
    Passed,
    /// Listed, and it still fails; the payload is the listed reason.
    ExpectedFailure(&'static str),
    /// Not listed, and some directive failed.
    Failed,
    /// Listed, but every directive passed.
    UnexpectedPass,
}

impl Verdict {
    /// Whether this verdict should make the run succeed.
    pub fn is_ok(self) -> bool {
        matches!(self, Verdict::Passed | Verdict::ExpectedFailure(_))
    }

    /// A one-line explanation for the verdicts that are not ok.
    pub fn problem(self) -> Option<&'static str> {
        match self {
            Verdict::Passed | Verdict::ExpectedFailure(_) => None,
            Verdict::Failed => Some("unexpected failure"),
            Verdict::UnexpectedPass => Some("expected failure now passes: remove it from expected_failures.rs"),
        }
    }
}

/// Decides whether `engine` running `file` (`"suite/file"`, e.g. `"wasm-v1/i32.wast"`) with the
/// given outcome is acceptable.
pub fn verdict(engine: &str, file: &str, failed: bool) -> Verdict {
    let listed = EXPECTED_FAILURES.iter().find(|(e, f, _)| *e == engine && *f == file).map(|(_, _, reason)| *reason);
    match (listed, failed) {
        (None, false) => Verdict::Passed,
        (None, true) => Verdict::Failed,
        (Some(reason), true) => Verdict::ExpectedFailure(reason),
        (Some(_), false) => Verdict::UnexpectedPass,
    }
}
