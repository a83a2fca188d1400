//! The decode harness: `life_decode::decode` never panics, and accepts exactly what
//! `wasmparser`'s validator accepts with the same features.
//!
//! Life may refuse a valid module on purpose, as `Unsupported` (a proposal outside 2.0 that
//! the validator's feature set still lets through, such as table initializer expressions) or
//! `LimitExceeded` (an engine limit, such as the number of tables one `call_indirect` can
//! address); those count as agreement.

use crate::Finding;
use life_decode::{DecodeError, DecodeErrorKind, DecodeOptions, Features, Module, decode, decode_with, ir::FuncBody};
use wasmparser::{Validator, WasmFeatures};

/// What the harness saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Both accepted.
    Valid,
    /// Both rejected.
    Invalid,
    /// The validator accepted; Life refused it as unsupported or over a limit.
    Unsupported,
}

/// The wasmparser features that mean `features`, stated independently of life-decode (whose
/// own mapping is private) so that a change there shows up as a disagreement here.
pub fn wasmparser_features(features: Features) -> WasmFeatures {
    use wasmparser::WasmFeatures as W;
    // `GC_TYPES` is not the GC proposal: without it wasmparser cannot even represent the
    // `funcref` and `externref` types of WebAssembly 2.0.
    let mut f = W::GC_TYPES;
    f.set(W::FLOATS, features.floats);
    f.set(W::MUTABLE_GLOBAL, features.mutable_global);
    f.set(W::MULTI_VALUE, features.multi_value);
    f.set(W::SIGN_EXTENSION, features.sign_extension);
    f.set(W::SATURATING_FLOAT_TO_INT, features.saturating_float_to_int);
    f.set(W::BULK_MEMORY, features.bulk_memory);
    f.set(W::REFERENCE_TYPES, features.reference_types);
    f.set(W::SIMD, features.simd);
    f.set(W::EXTENDED_CONST, features.extended_const);
    f.set(W::TAIL_CALL, features.tail_call);
    f.set(W::MULTI_MEMORY, features.multi_memory);
    f.set(W::MEMORY64, features.memory64);
    f.set(W::RELAXED_SIMD, features.relaxed_simd);
    f.set(W::FUNCTION_REFERENCES, features.function_references);
    f.set(W::EXCEPTIONS, features.exceptions);
    f.set(W::GC, features.gc);
    f
}

/// Checks `bytes` under the harnesses' features ([`crate::engine::features`]: 2.0, tail calls
/// and multi-memory), under WebAssembly 2.0, 2.0 with multi-memory and memory64, 1.0 and
/// [`life_only_features`]; the verdict is the first one's.
///
/// # Errors
///
/// A [`Finding`] when Life and the validator disagree. A panic in Life propagates.
pub fn check(bytes: &[u8]) -> Result<Verdict, Finding> {
    let verdict = check_with(bytes, crate::engine::features())?;
    check_with(bytes, Features::wasm2())?;
    check_with(bytes, Features { multi_memory: true, memory64: true, ..Features::wasm2() })?;
    check_with(bytes, Features::wasm1())?;
    check_with(bytes, life_only_features())?;
    Ok(verdict)
}

/// The features of the harnesses that compare Life's engines without the oracle: the
/// harnesses' features and relaxed SIMD (see [`Proposals`](crate::generate::Proposals)).
pub fn life_only_features() -> Features {
    Features { relaxed_simd: true, ..crate::engine::features() }
}

/// Lazy translation must accept and reject exactly what eager translation does, once every body
/// is translated, and produce the same IR.
fn check_lazy(bytes: &[u8], features: Features, eager: &Result<Module, DecodeError>) -> Result<(), Finding> {
    let options = DecodeOptions { features, lazy: true, ..DecodeOptions::default() };
    let lazy = decode_with(bytes, &options).and_then(|m| m.translate_all().map(|()| m));
    match (eager, &lazy) {
        (Ok(eager), Ok(lazy)) => {
            for i in 0..eager.num_bodies() {
                let (a, b) = (eager.translated_body(i), lazy.translated_body(i));
                if a.map(FuncBody::disassemble) != b.map(FuncBody::disassemble) {
                    return Err(Finding::new("decode", format!("lazy translation of body {i} differs from eager")));
                }
            }
            Ok(())
        }
        (Err(_), Err(_)) => Ok(()),
        (Ok(_), Err(e)) => Err(Finding::new("decode", format!("lazy translation fails where eager succeeds: {e}"))),
        (Err(e), Ok(_)) => Err(Finding::new("decode", format!("lazy translation succeeds where eager fails: {e}"))),
    }
}

/// Checks `bytes` under `features`.
///
/// # Errors
///
/// As [`check`].
pub fn check_with(bytes: &[u8], features: Features) -> Result<Verdict, Finding> {
    let life = decode(bytes, features);
    check_lazy(bytes, features, &life)?;
    let reference = Validator::new_with_features(wasmparser_features(features)).validate_all(bytes);
    match (life, reference) {
        (Ok(_), Ok(_)) => Ok(Verdict::Valid),
        (Err(_), Err(_)) => Ok(Verdict::Invalid),
        (Err(e), Ok(_)) if matches!(e.kind(), DecodeErrorKind::Unsupported | DecodeErrorKind::LimitExceeded) => {
            Ok(Verdict::Unsupported)
        }
        (Err(e), Ok(_)) => {
            Err(Finding::new("decode", format!("Life rejects a module that wasmparser validates ({features:?}): {e}")))
        }
        (Ok(_), Err(e)) => {
            Err(Finding::new("decode", format!("Life accepts a module that wasmparser rejects ({features:?}): {e}")))
        }
    }
}
