//! Threaded code: a translated body as the interpreter runs it, each op beside the address of
//! its handler.
//!
//! The threaded loop (`tail_loop`) ends every handler with a jump to the next op's handler.
//! Looking that up by the op's tag costs a load of the tag, the table's address and a load
//! from the table; with the handler's address stored beside the op it is one load, and the
//! jump's target is known one load earlier when a branch was mispredicted. Each op takes 24
//! bytes instead of 16. The `match` loop reads only the ops.
//!
//! A body's code is built on the first call of the function, from life-decode's IR, and kept
//! by the module beside it (`Module::code`), so every instance of a module shares it.

use super::tail_loop;
use life_decode::ir::{FuncBody, Op, Pc};

/// One op and the address of its handler in the threaded loop.
#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Instr {
    pub(super) handler: tail_loop::Handler,
    pub(super) op: Op,
}

/// A translated body ready to run: its ops with their handlers, and what calls need to know of
/// its frame, in one place.
pub(crate) struct Code {
    pub instrs: Box<[Instr]>,
    /// The body's `br_tables` (targets index `instrs`, like every branch).
    pub br_tables: *const Pc,
    pub param_slots: u32,
    pub local_slots: u32,
    pub frame_slots: u32,
}

// SAFETY: `br_tables` points into the `FuncBody` this code was built from, which the same
// module keeps (in a `OnceLock`, never replaced) for as long as the code; it is only read.
unsafe impl Send for Code {}
// SAFETY: as above.
unsafe impl Sync for Code {}

impl Code {
    /// The code of `body`, which must outlive it (both are kept by the module).
    pub fn new(body: &FuncBody) -> Code {
        Code {
            instrs: body.ops.iter().map(|&op| Instr { handler: tail_loop::handler_of(&op), op }).collect(),
            br_tables: body.br_tables.as_ptr(),
            param_slots: body.param_slots,
            local_slots: body.local_slots,
            frame_slots: body.frame_slots,
        }
    }

    /// The first op.
    pub fn start(&self) -> *const Instr {
        self.instrs.as_ptr()
    }
}
