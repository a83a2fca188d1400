//! Validation of one function body, at decode time: wasmparser's `FuncValidator` plus Life's
//! limit on locals; in the deterministic mode without floats, wasmparser's `floats` feature
//! refuses float instructions and the error names the first one.

use crate::{DecodeError, DecodeErrorKind};
use wasmparser::{FuncValidator, FunctionBody, ValidatorResources};

type Res<T = ()> = Result<T, DecodeError>;

/// Validates one function body: `wasmparser`'s checks plus Life's limit on locals and, in
/// deterministic mode without floats, the absence of float instructions.
pub(crate) fn validate(
    validator: &mut FuncValidator<ValidatorResources>,
    body: &FunctionBody<'_>,
    floats: bool,
    max_locals: u32,
    params: usize,
) -> Res {
    let mut locals_reader = body.get_locals_reader()?;
    let mut locals = params as u64;
    for _ in 0..locals_reader.get_count() {
        let offset = locals_reader.original_position();
        let (count, t) = locals_reader.read()?;
        locals += u64::from(count);
        if locals > u64::from(max_locals) {
            return Err(DecodeError::new(
                DecodeErrorKind::LimitExceeded,
                offset,
                format!("more than {max_locals} locals in one function"),
            ));
        }
        validator.define_locals(offset, count, t)?;
    }
    // wasmparser's visitor path, without building an `Operator` per instruction. With floats
    // off, wasmparser's own `floats` feature rejects the float instructions (`Features::floats`).
    let mut reader = body.get_operators_reader()?;
    while !reader.eof() {
        let offset = reader.original_position();
        // Kept only to name a refused instruction; a reader is a slice and a position.
        let before = (!floats).then(|| reader.clone());
        let mut visitor = validator.visitor(offset);
        if let Err(e) = reader.visit_operator(&mut visitor)? {
            return Err(match before {
                Some(mut before) => float_rejected(e, &mut before, offset as usize),
                None => e.into(),
            });
        }
    }
    reader.finish()?;
    Ok(())
}

/// A validation error in the deterministic mode without floats, naming the instruction when
/// wasmparser refused it for being a float instruction.
#[cold]
fn float_rejected(
    e: wasmparser::BinaryReaderError,
    reader: &mut wasmparser::OperatorsReader<'_>,
    offset: usize,
) -> DecodeError {
    let Ok(op) = reader.read() else { return e.into() };
    if !e.message().starts_with("floating-point") {
        return e.into();
    }
    DecodeError::new(
        DecodeErrorKind::Unsupported,
        offset,
        format!(
            "float instruction `{}` is not allowed: floats are disabled (deterministic mode)",
            crate::gas::operator_name(&op).replacen('_', ".", 1)
        ),
    )
}
