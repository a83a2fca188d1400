//! The intermediate representation every engine consumes: register-style ops over frame slots.

mod acc;
pub mod compare;
mod jumps;
mod op;
mod ops;

pub(crate) use acc::use_accumulator;
pub(crate) use jumps::thread_jumps;
pub use op::{Facts, Group, Op};

/// Index of a 64-bit slot in the current frame.
pub type Slot = u32;

/// Absolute index of an instruction in a [`FuncBody`].
pub type Pc = u32;

/// A translated function body.
#[derive(Debug, Clone, Default)]
pub struct FuncBody {
    /// The instructions; execution starts at index 0.
    pub ops: Vec<Op>,
    /// Targets of every `br_table`, each table `len + 1` entries long (default last).
    pub br_tables: Vec<Pc>,
    /// Slots taken by the parameters (they start the frame).
    pub param_slots: u32,
    /// Slots taken by parameters and declared locals together.
    pub local_slots: u32,
    /// Total frame size in slots: locals plus the deepest operand stack.
    pub frame_slots: u32,
    /// Type of each parameter and declared local, in order (from slot 0; a `v128` takes two
    /// slots). A local's slots hold only values of its type, which a compiler may rely on.
    pub local_types: Vec<crate::ValType>,
    /// Byte offset of the body in the module, for error messages.
    pub offset: usize,
}

impl FuncBody {
    /// Disassembly of the body, one op per line, as `life dump` and snapshot tests print it.
    pub fn disassemble(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        for (pc, op) in self.ops.iter().enumerate() {
            let _ = writeln!(out, "{pc:4}: {op}");
        }
        for (i, t) in self.br_tables.iter().enumerate() {
            let _ = writeln!(out, "  br_tables[{i}] = {t}");
        }
        out
    }
}
