//! `DecodeError`: why a module was rejected, with the byte offset.

use std::fmt;

/// What kind of problem made decoding fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The bytes are not a well-formed module, or the module is not valid (the validator's verdict).
    Invalid,
    /// The module is valid but uses something this engine does not support.
    Unsupported,
    /// The module exceeds a configured resource limit.
    LimitExceeded,
}

/// A module that could not be decoded, validated or translated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
    message: String,
}

impl DecodeError {
    #[cold]
    /// An error of `kind` at byte `offset`.
    pub fn new(kind: DecodeErrorKind, offset: impl TryInto<usize>, message: impl Into<String>) -> Self {
        let offset = offset.try_into().unwrap_or(usize::MAX);
        DecodeError { kind, offset, message: message.into() }
    }

    /// The kind of failure.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Byte offset in the module where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The reason, as the validator worded it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<wasmparser::BinaryReaderError> for DecodeError {
    #[cold]
    fn from(e: wasmparser::BinaryReaderError) -> Self {
        DecodeError::new(DecodeErrorKind::Invalid, e.offset(), e.message())
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::Invalid => "invalid module",
            DecodeErrorKind::Unsupported => "unsupported feature",
            DecodeErrorKind::LimitExceeded => "limit exceeded",
        };
        write!(f, "{what} at offset 0x{:x}: {}", self.offset, self.message)
    }
}

impl std::error::Error for DecodeError {}
