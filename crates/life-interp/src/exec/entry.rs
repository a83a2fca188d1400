//! The entry points from the host: starting a call (`call`, `call_nested` from a host function
//! inside a call), resuming a paused one, and the hand-over to a module's native code.

use super::*;

/// Calls `func` with `args` (already type-checked). Pauses are errors unless `resumable`.
pub(crate) fn call(store: &mut Store, func: u32, args: &[Value], resumable: bool) -> Result<Resumable, Trap> {
    call_inner(store, func, args, resumable)
}

/// Calls `func` from native code (through a host call or an import): like [`call`], but an
/// interrupt already raised stays raised.
pub(crate) fn call_nested(store: &mut Store, func: u32, args: &[Value]) -> Result<Resumable, Trap> {
    call_inner(store, func, args, false)
}

pub(super) fn call_inner(store: &mut Store, func: u32, args: &[Value], resumable: bool) -> Result<Resumable, Trap> {
    let ty = store.types[store.funcs[func as usize].type_id() as usize].clone();
    match &store.funcs[func as usize] {
        FuncEntity::Host { func: host, .. } => {
            let host = host.clone();
            let mut results: Vec<Value> = ty.results().iter().map(|&t| Value::default_of(t)).collect();
            host.call(&mut Caller { store, instance: None }, args, &mut results)?;
            return Ok(Resumable::Finished(results));
        }
        &FuncEntity::Wasm { instance, index, .. } => {
            if let Some(native) = store.instances[instance as usize].module.native.clone() {
                return call_native(store, &*native, instance, index, &ty, args);
            }
        }
    }
    let mut ex = store.executor.take().unwrap_or_default();
    ex.stack.clear();
    ex.frames.clear();
    ex.pending_host = None;
    let need = (ty.param_slots().max(ty.result_slots())) as usize;
    ex.stack.resize(need.max(16), 0);
    let mut at = 0;
    for &a in args {
        write_value(a, &mut ex.stack[at..]);
        at += a.ty().slots() as usize;
    }
    let pos = Position { func, pc: 0, base: 0, fresh: true };
    continue_call(store, ex, pos, ty, resumable)
}

/// Calls `func` with its arguments in slot form at the start of `slots`, which receives the
/// results in slot form: the typed API's path, which allocates nothing on any engine. `slots`
/// must hold the larger of the parameters' and the results' slots. Pauses are errors.
pub(crate) fn call_slots(store: &mut Store, func: u32, slots: &mut [u64]) -> Result<(), Trap> {
    let type_id = store.funcs[func as usize].type_id() as usize;
    match &store.funcs[func as usize] {
        FuncEntity::Host { func: host, .. } => {
            let host = host.clone();
            return crate::host::call_host_in_slots(store, &host, type_id, None, slots);
        }
        &FuncEntity::Wasm { instance, index, .. } => {
            if let Some(native) = store.instances[instance as usize].module.native.clone() {
                return native.call(store, instance, index, slots);
            }
        }
    }
    let ty = store.types[type_id].clone();
    let mut ex = store.executor.take().unwrap_or_default();
    ex.stack.clear();
    ex.frames.clear();
    ex.pending_host = None;
    let (params, results) = (ty.param_slots() as usize, ty.result_slots() as usize);
    ex.stack.resize(params.max(results).max(16), 0);
    ex.stack[..params].copy_from_slice(&slots[..params]);
    let pos = Position { func, pc: 0, base: 0, fresh: true };
    match run(store, ex, pos, ty, false)? {
        Ok(ex) => {
            slots[..results].copy_from_slice(&ex.stack[..results]);
            store.executor = Some(ex);
            Ok(())
        }
        Err(_) => unreachable!("a call that is not resumable never pauses"),
    }
}

/// Runs a function of a natively compiled module: arguments and results pass in slot form.
pub(super) fn call_native(
    store: &mut Store,
    native: &dyn crate::CompiledModule,
    instance: u32,
    index: u32,
    ty: &life_decode::FuncType,
    args: &[Value],
) -> Result<Resumable, Trap> {
    let mut slots = vec![0u64; ty.param_slots().max(ty.result_slots()) as usize];
    crate::store::write_values(args, &mut slots);
    native.call(store, instance, index, &mut slots)?;
    Ok(Resumable::Finished(crate::store::read_values(ty.results(), &slots)))
}

/// Continues a paused call; `host_results` answer a host function's suspension.
pub(crate) fn resume(store: &mut Store, paused: PausedCall, host_results: &[Value]) -> Result<Resumable, crate::Error> {
    let PausedCall { mut ex, pos, ty, .. } = paused;
    if let Some((at, host_ty)) = ex.pending_host.take() {
        crate::host::check_values(host_ty.results(), host_results)?;
        store.check_refs(host_results)?;
        let need = at + host_ty.result_slots() as usize;
        if need > ex.stack.len() {
            ex.stack.resize(need, 0);
        }
        let mut slot = at;
        for &v in host_results {
            write_value(v, &mut ex.stack[slot..]);
            slot += v.ty().slots() as usize;
        }
    } else if !host_results.is_empty() {
        return Err(crate::Error::NotPausedInHost);
    }
    Ok(continue_call(store, ex, pos, ty, true)?)
}

pub(super) fn continue_call(
    store: &mut Store,
    ex: Executor,
    pos: Position,
    ty: std::sync::Arc<life_decode::FuncType>,
    resumable: bool,
) -> Result<Resumable, Trap> {
    match run(store, ex, pos, ty.clone(), resumable)? {
        Ok(ex) => {
            let mut at = 0;
            let results = ty
                .results()
                .iter()
                .map(|&t| {
                    let v = decode(t, ex.stack[at], ex.stack.get(at + 1).copied().unwrap_or(0));
                    at += t.slots() as usize;
                    v
                })
                .collect();
            store.executor = Some(ex);
            Ok(Resumable::Finished(results))
        }
        Err(paused) => Ok(Resumable::Paused(paused)),
    }
}

/// Runs the interpreter from `pos` until the call returns (`Ok(Ok(executor))`, the results in
/// slot form at the bottom of its stack, to be handed back to the store), pauses (`Ok(Err)`,
/// only when `resumable`) or traps (the executor is back in the store).
fn run(
    store: &mut Store,
    mut ex: Executor,
    mut pos: Position,
    ty: std::sync::Arc<life_decode::FuncType>,
    resumable: bool,
) -> Result<Result<Executor, PausedCall>, Trap> {
    let outcome = ex.execute(store, &mut pos);
    let outcome = match outcome {
        Ok(Exit::Paused(reason)) if !resumable => Err(match reason {
            PauseReason::OutOfGas => Trap::from(TrapCode::OutOfGas),
            PauseReason::Host => Trap::host("a host function asked to suspend, but the call is not resumable"),
        }),
        other => other,
    };
    match outcome {
        Ok(Exit::Returned) => {
            ex.frames.clear();
            Ok(Ok(ex))
        }
        Ok(Exit::Paused(reason)) => Ok(Err(PausedCall { ex, pos, ty, reason })),
        Err(trap) => {
            let trace = ex.trace(store, pos.func);
            ex.frames.clear();
            ex.pending_host = None;
            store.executor = Some(ex);
            Err(trap.with_trace(trace))
        }
    }
}
