//! `TrapCode`: the single list of the ways WebAssembly execution can trap, with the spec's messages.

use std::fmt;

macro_rules! trap_codes {
    ($($(#[$doc:meta])* $name:ident = $msg:literal;)*) => {
        /// Why execution trapped. Each variant's message is the one the spec test suite expects.
        ///
        /// Discriminants start at 1 so that `Result<(), TrapCode>` stays one byte (as in wasmi).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum TrapCode {
            $($(#[$doc])* $name,)*
        }

        impl TrapCode {
            /// The spec's message for this trap.
            pub const fn message(self) -> &'static str {
                match self { $(TrapCode::$name => $msg,)* }
            }

            /// Every trap code, in declaration order.
            pub const ALL: &'static [TrapCode] = &[$(TrapCode::$name,)*];
        }
    };
}

trap_codes! {
    /// `unreachable` was executed.
    Unreachable = "unreachable";
    /// A memory access was outside linear memory.
    MemoryOutOfBounds = "out of bounds memory access";
    /// A table access was outside the table.
    TableOutOfBounds = "out of bounds table access";
    /// `call_indirect` hit an index outside the table.
    UndefinedElement = "undefined element";
    /// `call_indirect` hit a null table entry.
    UninitializedElement = "uninitialized element";
    /// `call_indirect` found a function of another signature.
    IndirectCallTypeMismatch = "indirect call type mismatch";
    /// Integer division or remainder by zero.
    IntegerDivideByZero = "integer divide by zero";
    /// Signed division overflow, or a float-to-int truncation out of range.
    IntegerOverflow = "integer overflow";
    /// Float-to-int truncation of NaN.
    InvalidConversionToInteger = "invalid conversion to integer";
    /// The call stack (frames or value slots) ran out.
    StackOverflow = "call stack exhausted";
    /// A null reference was dereferenced.
    NullReference = "null reference";
    /// Gas ran out.
    OutOfGas = "out of gas";
    /// The host interrupted execution (timeout or interrupt handle).
    Interrupted = "interrupted";
}

impl fmt::Display for TrapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for TrapCode {}
