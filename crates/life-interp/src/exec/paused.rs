//! Paused calls: what a call that stopped before finishing keeps (its executor and where to
//! continue), and its serialization for snapshots (`PausedCall::snapshot`, restored with
//! `Store::restore_paused`).

use super::*;

/// Why a call stopped before finishing, with everything needed to continue it.
#[derive(Debug)]
pub struct PausedCall {
    pub(super) ex: Executor,
    pub(super) pos: Position,
    pub(super) ty: std::sync::Arc<life_decode::FuncType>,
    pub(super) reason: PauseReason,
}

/// Why execution paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseReason {
    /// Gas ran out at the start of a basic block; add gas and resume to continue there.
    OutOfGas,
    /// A host function asked to suspend (`Trap::suspend`); resume with its results.
    Host,
}

impl PausedCall {
    /// Why the call paused.
    pub fn reason(&self) -> PauseReason {
        self.reason
    }

    /// The result types a resumed host call must supply (empty unless paused by a host).
    pub fn pending_results(&self) -> &[life_decode::ValType] {
        self.ex.pending_host.as_ref().map_or(&[], |(_, ty)| ty.results())
    }
}

impl PausedCall {
    /// The paused call as bytes: the value stack, the frames and where to continue. Restore it
    /// with [`Store::restore_paused`](crate::Store::restore_paused) into a store restored from a
    /// [`Store::snapshot`](crate::Store::snapshot) taken at the same moment.
    pub fn snapshot(&self) -> Vec<u8> {
        use crate::snapshot::{PAUSED_CALL, Writer, header};
        let mut w = Writer::default();
        header(&mut w, PAUSED_CALL);
        w.u8(match self.reason {
            PauseReason::OutOfGas => 0,
            PauseReason::Host => 1,
        });
        w.func_type(&self.ty);
        w.u32(self.pos.func);
        w.u64(self.pos.pc as u64);
        w.u64(self.pos.base as u64);
        w.u8(self.pos.fresh as u8);
        w.u64(self.ex.frames.len() as u64);
        for f in &self.ex.frames {
            w.u32(f.func);
            w.u64(f.pc() as u64);
            w.u64(f.base as u64);
        }
        w.u64s(&self.ex.stack);
        match &self.ex.pending_host {
            None => w.u8(0),
            Some((at, ty)) => {
                w.u8(1);
                w.u64(*at as u64);
                w.func_type(ty);
            }
        }
        w.0
    }

    /// Rebuilds a paused call from [`PausedCall::snapshot`] bytes, checking every function,
    /// position and frame against `store` so that a corrupt snapshot cannot reach outside the
    /// value stack or the code.
    pub(crate) fn restore(store: &Store, bytes: &[u8]) -> Result<PausedCall, crate::Error> {
        use crate::snapshot::{PAUSED_CALL, Reader, bad, check_header};
        let mut r = Reader::new(bytes);
        check_header(&mut r, PAUSED_CALL)?;
        let reason = match r.u8()? {
            0 => PauseReason::OutOfGas,
            1 => PauseReason::Host,
            _ => return Err(bad("unknown pause reason")),
        };
        let ty = std::sync::Arc::new(r.func_type()?);
        let (func, pc, base, fresh) = (r.u32()?, r.u64()? as usize, r.u64()? as usize, r.u8()? != 0);
        let nframes = r.len(store.config.max_call_depth)?;
        let mut raw = Vec::with_capacity(nframes);
        for _ in 0..nframes {
            raw.push((r.u32()?, r.u64()? as usize, r.u64()? as usize));
        }
        let stack = r.u64s()?;
        if stack.len() > store.config.max_value_stack.max(16) {
            return Err(bad("value stack larger than the store allows"));
        }
        let pending_host = match r.u8()? {
            0 => None,
            1 => Some((r.u64()? as usize, std::sync::Arc::new(r.func_type()?))),
            _ => return Err(bad("bad pending host call")),
        };
        r.finish()?;
        // A position is valid when it names a wasm function, its pc is inside the body (or at its
        // start for a fresh entry), and its whole frame lies inside the value stack.
        let body_of = |func: u32| -> Result<(u32, &Code), crate::Error> {
            match store.funcs.get(func as usize) {
                Some(FuncEntity::Wasm { instance, index, .. }) => {
                    let module = &store.instances[*instance as usize].module;
                    let body = module.code(*index as usize).map_err(|e| crate::Error::Trap(translation_trap(e)))?;
                    Ok((*instance, body))
                }
                _ => Err(bad("a frame names a function that is not WebAssembly")),
            }
        };
        let check = |func: u32, pc: usize, base: usize| -> Result<(u32, &Code), crate::Error> {
            let (instance, body) = body_of(func)?;
            let end = base.checked_add(body.frame_slots as usize).ok_or_else(|| bad("frame base overflows"))?;
            if pc >= body.instrs.len() || end > stack.len() {
                return Err(bad("a frame lies outside its code or the value stack"));
            }
            Ok((instance, body))
        };
        if fresh {
            if pc != 0 || base != 0 || !raw.is_empty() {
                return Err(bad("a fresh call has frames"));
            }
            let (_, body) = body_of(func)?;
            if (body.frame_slots as usize) > store.config.max_value_stack {
                return Err(bad("frame larger than the store allows"));
            }
        } else {
            check(func, pc, base)?;
        }
        let mut frames = Vec::with_capacity(raw.len());
        for (f, pc, base) in raw {
            let (instance, body) = check(f, pc, base)?;
            // SAFETY: `check` found `pc` inside the body.
            let ip = unsafe { body.start().add(pc) };
            frames.push(Frame { ip, code: body, base, func: f, instance });
        }
        if let Some((at, host_ty)) = &pending_host
            && at.checked_add(host_ty.result_slots() as usize).is_none_or(|end| end > stack.len())
        {
            return Err(bad("pending host results lie outside the value stack"));
        }
        if reason == PauseReason::Host && pending_host.is_none() {
            return Err(bad("a host pause without a pending host call"));
        }
        let ex = Executor { stack, frames, pending_host };
        Ok(PausedCall { ex, pos: Position { func, pc, base, fresh }, ty, reason })
    }
}

/// The outcome of a resumable call.
#[derive(Debug)]
pub enum Resumable {
    /// The call returned these results.
    Finished(Vec<Value>),
    /// The call paused; pass it to `Store::resume`.
    Paused(PausedCall),
}
