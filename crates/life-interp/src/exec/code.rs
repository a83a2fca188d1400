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
///
/// Branch targets, in the ops and in `tables`, are byte offsets from the first op rather than
/// op indices, so a taken branch adds the target to the body's start instead of scaling it.
pub(crate) struct Code {
    pub instrs: Box<[Instr]>,
    /// The body's `br_tables`, as byte offsets.
    tables: Box<[Pc]>,
    pub param_slots: u32,
    pub local_slots: u32,
    pub frame_slots: u32,
}

impl Code {
    /// The code of `body`; `None` when a branch target, as a byte offset, does not fit in
    /// 32 bits (a body of more than 178 million ops).
    pub fn new(body: &FuncBody) -> Option<Code> {
        let offset = |pc: Pc| pc.checked_mul(std::mem::size_of::<Instr>() as u32);
        let mut instrs = Vec::with_capacity(body.ops.len());
        for &op in &body.ops {
            let mut op = op;
            if let Some(target) = op.target_mut() {
                *target = offset(*target)?;
            }
            instrs.push(Instr { handler: tail_loop::handler_of(&op), op });
        }
        let tables: Box<[Pc]> = body.br_tables.iter().map(|&pc| offset(pc)).collect::<Option<_>>()?;
        Some(Code {
            instrs: instrs.into(),
            tables,
            param_slots: body.param_slots,
            local_slots: body.local_slots,
            frame_slots: body.frame_slots,
        })
    }

    /// The first op.
    pub fn start(&self) -> *const Instr {
        self.instrs.as_ptr()
    }

    /// The first entry of the body's `br_tables`.
    pub fn br_tables(&self) -> *const Pc {
        self.tables.as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(ops: Vec<Op>, br_tables: Vec<Pc>) -> FuncBody {
        FuncBody { ops, br_tables, ..FuncBody::default() }
    }

    /// Targets become byte offsets in the ops and the tables; every op gets its own handler.
    #[test]
    fn targets_become_byte_offsets() {
        let ops = vec![
            Op::BrIfNez { cond: 1, target: 2 },
            Op::BrTable { index: 1, table: 0, len: 1 },
            Op::Br { target: 0 },
            Op::Return {},
        ];
        let code = Code::new(&body(ops, vec![3, 2])).unwrap();
        let size = std::mem::size_of::<Instr>() as u32;
        assert_eq!(code.instrs[0].op, Op::BrIfNez { cond: 1, target: 2 * size });
        assert_eq!(code.instrs[2].op, Op::Br { target: 0 });
        assert_eq!(code.instrs[3].op, Op::Return {});
        // SAFETY: two entries.
        assert_eq!(unsafe { [*code.br_tables(), *code.br_tables().add(1)] }, [3 * size, 2 * size]);
        for instr in &code.instrs {
            assert!(std::ptr::fn_addr_eq(instr.handler, tail_loop::handler_of(&instr.op)));
        }
    }

    /// A target whose byte offset would not fit in 32 bits is refused, not wrapped.
    #[test]
    fn offsets_beyond_32_bits_are_refused() {
        let far = u32::MAX / std::mem::size_of::<Instr>() as u32 + 1;
        assert!(Code::new(&body(vec![Op::Br { target: far }], vec![])).is_none());
        assert!(Code::new(&body(vec![Op::Return {}], vec![far])).is_none());
        assert!(Code::new(&body(vec![Op::Br { target: far - 1 }], vec![])).is_some());
    }
}
