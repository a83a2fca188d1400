//! `Wasmi`: wasmi 2.0 as the differential oracle, behind the [`Engine`] adapter.
//!
//! wasmi runs with fuel, so a mutated module that loops forever stops in the oracle first; the
//! harness then never runs that call on Life, which has no way yet to interrupt a call.
//!
//! wasmi 2.0.0 has bugs of its own, found by these harnesses (tests/regressions/wasmi-*.wat):
//! the adapter skips modules that would hit the known ones ([`wasmi_bug`]) and turns a panic of
//! wasmi into an inconclusive outcome, so an oracle bug neither ends a run nor counts against
//! Life. Each skip is counted in the smoke run's report.

use super::{
    Engine, EngineInstance, ExportDesc, ExportState, Hasher, Limits, Outcome, Rejection, Trap, hash_bytes, ref_word,
};
use life_decode::{ExternKind, F32, F64, FuncRef, FuncType, TrapCode, ValType, Value};
use wasmi::{
    Config, Engine as WasmiEngine, Extern, ExternRef, ExternType, Func, Global, Memory, Module, Nullable, Ref, Store,
    StoreLimits, StoreLimitsBuilder, Table, Val,
};

/// wasmi 2.0.0, the oracle.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wasmi;

impl Engine for Wasmi {
    fn name(&self) -> &'static str {
        "wasmi"
    }

    fn instantiate(&self, wasm: &[u8], limits: &Limits) -> Result<Box<dyn EngineInstance>, Rejection> {
        guarded(|| instantiate(wasm, limits))
            .unwrap_or_else(|panic| Err(Rejection::Unsupported(format!("wasmi panicked: {panic}"))))
    }
}

/// Runs `f`, turning a panic of wasmi into an error: an oracle bug (wasmi 2.0.0's translator
/// reaches `unreachable!()` on some stores) must not end the run or count against Life.
///
/// The panic hook stays quiet for panics inside `f` on this thread only: the first call wraps
/// whatever hook is installed (libFuzzer's aborts the process) in one that checks a thread-local
/// flag, so other threads, such as parallel tests, keep their panic messages.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    use std::{cell::Cell, panic, sync::Once};
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static WRAP_HOOK: Once = Once::new();
    WRAP_HOOK.call_once(|| {
        let hook = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                hook(info);
            }
        }));
    });
    QUIET.set(true);
    let result = panic::catch_unwind(panic::AssertUnwindSafe(f));
    QUIET.set(false);
    result.map_err(|panic| {
        if let Some(s) = panic.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = panic.downcast_ref::<String>() {
            s.clone()
        } else {
            "(no message)".to_string()
        }
    })
}

fn instantiate(wasm: &[u8], limits: &Limits) -> Result<Box<dyn EngineInstance>, Rejection> {
    let mut config = Config::default();
    config
        .consume_fuel(true)
        .set_max_recursion_depth(limits.max_call_depth)
        // Generous, so the call depth is the limit that binds.
        .set_max_stack_height(64 << 20)
        // WebAssembly 2.0, tail calls and multi-memory, like Life (memory64 is a cargo feature
        // of wasmi, left off).
        .wasm_tail_call(true)
        .wasm_extended_const(false)
        .wasm_multi_memory(true)
        .wasm_custom_page_sizes(false)
        .wasm_wide_arithmetic(false)
        .wasm_relaxed_simd(false)
        .wasm_simd(true);
    if let Some(why) = wasmi_bug(wasm) {
        return Err(Rejection::Unsupported(why.to_string()));
    }
    let engine = WasmiEngine::new(&config);
    let store_limits = StoreLimitsBuilder::new()
        .memory_size(limits.max_memory_pages as usize * 65536)
        .table_elements(limits.max_table_elements as usize)
        .build();
    let mut store = Store::new(&engine, store_limits);
    store.limiter(|l| l);
    let module = Module::new(&engine, wasm).map_err(|e| Rejection::Invalid(e.to_string()))?;
    // One dummy per import, passed in order: a linker would merge two imports of the same
    // name, which a module may have with different types.
    let mut externs = Vec::new();
    for import in module.imports() {
        externs.push(match import.ty() {
            ExternType::Func(ty) => {
                let results: Vec<ValType> = ty.results().iter().map(|&t| val_type(t)).collect();
                let f = Func::new(&mut store, ty.clone(), move |_, _, out| {
                    for (o, &t) in out.iter_mut().zip(&results) {
                        *o = to_wasmi(&mut None, Value::default_of(t));
                    }
                    Ok(())
                });
                Extern::Func(f)
            }
            ExternType::Global(g) => {
                let v = to_wasmi(&mut None, Value::default_of(val_type(g.content())));
                Extern::Global(Global::new(&mut store, v, g.mutability()))
            }
            ExternType::Memory(ty) => {
                Extern::Memory(Memory::new(&mut store, *ty).map_err(|e| Rejection::Unsupported(e.to_string()))?)
            }
            ExternType::Table(ty) => Extern::Table(
                Table::new(&mut store, *ty, Ref::null(ty.element()))
                    .map_err(|e| Rejection::Unsupported(e.to_string()))?,
            ),
        });
    }
    store.set_fuel(limits.fuel).expect("fuel metering is enabled");
    let instance = wasmi::Instance::new(&mut store, &module, &externs).map_err(|e| instantiation_error(&e))?;
    Ok(Box::new(WasmiInstance { store, instance, module, fuel: limits.fuel }))
}

/// Why wasmi 2.0.0 would crash or compute a wrong result on `wasm`, if it would: then the
/// module is not compared. The checks over-approximate the bugs, which are:
///
/// - `v128.store8_lane` and `v128.store16_lane` with a static offset of 65536 or more crash the
///   process (tests/regressions/wasmi-store-lane-offset.wat);
/// - `select` whose condition is `i32.eqz` (or `i32.eq`/`i32.ne` with 0) of a local set from a
///   constant, or `ref.is_null` with a computed operand, picks the wrong operand
///   (tests/regressions/wasmi-select-eqz.wat, wasmi-select-is-null.wat).
fn wasmi_bug(wasm: &[u8]) -> Option<&'static str> {
    use wasmparser::{Operator, Parser, Payload};
    let mut memories = 0u32;
    for payload in Parser::new(0).parse_all(wasm) {
        match &payload {
            Ok(Payload::ImportSection(imports)) => {
                for import in imports.clone().into_imports().flatten() {
                    memories += u32::from(matches!(import.ty, wasmparser::TypeRef::Memory(_)));
                }
            }
            Ok(Payload::MemorySection(section)) => memories += section.count(),
            _ => {}
        }
        let Ok(Payload::CodeSectionEntry(body)) = payload else { continue };
        let Ok(mut ops) = body.get_operators_reader() else { continue };
        // The last two operators other than `nop`.
        let (mut prev, mut prev2) = (None, None);
        while let Ok(op) = ops.read() {
            match &op {
                Operator::V128Store8Lane { memarg, .. } | Operator::V128Store16Lane { memarg, .. }
                    if memarg.offset >= 1 << 16 =>
                {
                    return Some("wasmi 2.0.0 crashes on v128.store8_lane and v128.store16_lane with offsets >= 65536");
                }
                Operator::Select | Operator::TypedSelect { .. } | Operator::TypedSelectMulti { .. } => {
                    let eqz = matches!(prev, Some(Operator::I32Eqz | Operator::I64Eqz | Operator::RefIsNull))
                        || (matches!(prev, Some(Operator::I32Eq | Operator::I32Ne))
                            && matches!(prev2, Some(Operator::I32Const { value: 0 })));
                    if eqz {
                        return Some(
                            "wasmi 2.0.0 miscomputes select(a, b, i32.eqz(x)) and select(a, b, ref.is_null(x))",
                        );
                    }
                }
                // Smoke seed 8944: wasmi jumps to a bad address running such a module. Only
                // modules with several memories pay for naming the operator.
                _ if memories > 1 && {
                    let name = format!("{op:?}");
                    name.starts_with("V128Load") || name.starts_with("V128Store")
                } =>
                {
                    return Some("wasmi 2.0.0 crashes on some modules with several memories and SIMD loads or stores");
                }
                Operator::Nop => continue,
                _ => {}
            }
            prev2 = prev.replace(op);
        }
    }
    None
}

/// Classifies a failed instantiation. wasmi reports a segment out of bounds as a table or
/// memory error rather than a trap code; Life traps with the spec's message.
fn instantiation_error(e: &wasmi::Error) -> Rejection {
    use wasmi::errors::{ErrorKind, InstantiationError, MemoryError, TableError};
    let text = e.to_string();
    let trap = |code| Rejection::Trap(Trap { codes: vec![code], message: text.clone() });
    match (error(e), e.kind()) {
        (
            _,
            ErrorKind::Table(TableError::InitOutOfBounds | TableError::CopyOutOfBounds | TableError::SetOutOfBounds),
        ) => trap(TrapCode::TableOutOfBounds),
        (_, ErrorKind::Memory(MemoryError::OutOfBoundsAccess)) => trap(TrapCode::MemoryOutOfBounds),
        (_, ErrorKind::Instantiation(InstantiationError::ElementSegmentDoesNotFit { .. })) => {
            trap(TrapCode::TableOutOfBounds)
        }
        (Outcome::Exhausted(m), _) => Rejection::Exhausted(m),
        (Outcome::Trap(t), ErrorKind::TrapCode(_)) => Rejection::Trap(t),
        // Everything else that is not a trap: a resource limit (table or memory too large).
        (_, ErrorKind::Memory(_) | ErrorKind::Table(_)) => Rejection::Unsupported(text),
        _ => Rejection::Link(text),
    }
}

/// Maps a wasmi error to an outcome: trap codes to the Life codes they can mean.
fn error(e: &wasmi::Error) -> Outcome {
    use wasmi::TrapCode as W;
    let Some(code) = e.as_trap_code() else {
        return Outcome::Trap(Trap { codes: Vec::new(), message: e.to_string() });
    };
    let codes = match code {
        W::UnreachableCodeReached => vec![TrapCode::Unreachable],
        W::MemoryOutOfBounds => vec![TrapCode::MemoryOutOfBounds],
        // wasmi uses one code for tables and for `call_indirect` past the end of its table.
        W::TableOutOfBounds => vec![TrapCode::TableOutOfBounds, TrapCode::UndefinedElement],
        W::IndirectCallToNull => vec![TrapCode::UninitializedElement],
        W::IntegerDivisionByZero => vec![TrapCode::IntegerDivideByZero],
        W::IntegerOverflow => vec![TrapCode::IntegerOverflow],
        W::BadConversionToInteger => vec![TrapCode::InvalidConversionToInteger],
        W::BadSignature => vec![TrapCode::IndirectCallTypeMismatch],
        W::StackOverflow | W::OutOfFuel | W::GrowthOperationLimited | W::OutOfSystemMemory => {
            return Outcome::Exhausted(e.to_string());
        }
    };
    Outcome::Trap(Trap { codes, message: e.to_string() })
}

struct WasmiInstance {
    store: Store<StoreLimits>,
    instance: wasmi::Instance,
    module: Module,
    fuel: u64,
}

impl EngineInstance for WasmiInstance {
    fn exports(&self) -> Vec<ExportDesc> {
        self.module
            .exports()
            .map(|e| {
                let (kind, func_type) = match e.ty() {
                    ExternType::Func(f) => (ExternKind::Func, Some(func_type(f))),
                    ExternType::Global(_) => (ExternKind::Global, None),
                    ExternType::Memory(_) => (ExternKind::Memory, None),
                    ExternType::Table(_) => (ExternKind::Table, None),
                };
                ExportDesc { name: e.name().to_string(), kind, func_type }
            })
            .collect()
    }

    fn call(&mut self, name: &str, args: &[Value]) -> Outcome {
        guarded(|| self.call_unguarded(name, args))
            .unwrap_or_else(|panic| Outcome::Exhausted(format!("wasmi panicked: {panic}")))
    }

    fn state(&mut self) -> Vec<ExportState> {
        // Reading state runs no guest code; a panic here would be a harness bug.
        self.state_unguarded()
    }
}

impl WasmiInstance {
    fn call_unguarded(&mut self, name: &str, args: &[Value]) -> Outcome {
        let Some(func) = self.instance.get_func(&self.store, name) else {
            return Outcome::Error(format!("no exported function {name:?}"));
        };
        let ty = func.ty(&self.store);
        let mut store = Some(&mut self.store);
        let params: Vec<Val> = args.iter().map(|&a| to_wasmi(&mut store, a)).collect();
        let mut results: Vec<Val> = ty.results().iter().map(|&t| Val::default_for_ty(t)).collect();
        self.store.set_fuel(self.fuel).expect("fuel metering is enabled");
        match func.call(&mut self.store, &params, &mut results) {
            Ok(()) => Outcome::Return(results.iter().map(|v| from_wasmi(&self.store, v)).collect()),
            Err(e) => error(&e),
        }
    }

    fn state_unguarded(&mut self) -> Vec<ExportState> {
        let store = &self.store;
        self.module
            .exports()
            .filter_map(|e| {
                let name = e.name().to_string();
                match e.ty() {
                    ExternType::Func(_) => None,
                    ExternType::Memory(_) => {
                        let data = self.instance.get_memory(store, &name)?.data(store);
                        Some(ExportState::Memory { name, len: data.len(), hash: hash_bytes(data) })
                    }
                    ExternType::Global(_) => {
                        let v = self.instance.get_global(store, &name)?.get(store);
                        Some(ExportState::Global { name, value: from_wasmi(store, &v) })
                    }
                    ExternType::Table(_) => {
                        let t = self.instance.get_table(store, &name)?;
                        let len = t.size(store);
                        let mut h = Hasher::default();
                        for i in 0..len {
                            h.word(t.get(store, i).map_or(u64::MAX, |r| ref_word(from_ref(store, &r))));
                        }
                        Some(ExportState::Table { name, len, hash: h.finish() })
                    }
                }
            })
            .collect()
    }
}

fn val_type(t: wasmi::ValType) -> ValType {
    match t {
        wasmi::ValType::I32 => ValType::I32,
        wasmi::ValType::I64 => ValType::I64,
        wasmi::ValType::F32 => ValType::F32,
        wasmi::ValType::F64 => ValType::F64,
        wasmi::ValType::V128 => ValType::V128,
        wasmi::ValType::FuncRef => ValType::FuncRef,
        wasmi::ValType::ExternRef => ValType::ExternRef,
    }
}

fn func_type(t: &wasmi::FuncType) -> FuncType {
    FuncType::new(t.params().iter().map(|&p| val_type(p)), t.results().iter().map(|&r| val_type(r)))
}

/// Converts an argument. A non-null externref needs the store to be created in; `None` is only
/// passed for default values, which are never non-null references.
fn to_wasmi(store: &mut Option<&mut Store<StoreLimits>>, v: Value) -> Val {
    match v {
        Value::I32(x) => Val::I32(x),
        Value::I64(x) => Val::I64(x),
        Value::F32(x) => Val::F32(wasmi::F32::from_bits(x.to_bits())),
        Value::F64(x) => Val::F64(wasmi::F64::from_bits(x.to_bits())),
        Value::V128(x) => Val::V128(wasmi::V128::from(x)),
        Value::FuncRef(None) => Val::FuncRef(Nullable::Null),
        // The harnesses pass only null function references: a non-null one names a store
        // address, which means nothing to another engine.
        Value::FuncRef(Some(_)) => Val::FuncRef(Nullable::Null),
        Value::ExternRef(None) => Val::ExternRef(Nullable::Null),
        Value::ExternRef(Some(n)) => match store {
            Some(store) => Val::ExternRef(Nullable::Val(ExternRef::new(&mut **store, n))),
            None => Val::ExternRef(Nullable::Null),
        },
    }
}

fn from_wasmi(store: &Store<StoreLimits>, v: &Val) -> Value {
    match v {
        Val::I32(x) => Value::I32(*x),
        Val::I64(x) => Value::I64(*x),
        Val::F32(x) => Value::F32(F32::from_bits(x.to_bits())),
        Val::F64(x) => Value::F64(F64::from_bits(x.to_bits())),
        Val::V128(x) => Value::V128(x.as_u128()),
        Val::FuncRef(f) => Value::FuncRef((!f.is_null()).then_some(FuncRef(u32::MAX))),
        Val::ExternRef(r) => Value::ExternRef(extern_ref(store, r.val())),
    }
}

fn from_ref(store: &Store<StoreLimits>, r: &Ref) -> Value {
    match r {
        Ref::Func(f) => Value::FuncRef((!f.is_null()).then_some(FuncRef(u32::MAX))),
        Ref::Extern(e) => Value::ExternRef(extern_ref(store, e.val())),
    }
}

/// The host value of an externref: the harnesses only ever make them from `u32`s.
fn extern_ref(store: &Store<StoreLimits>, r: Option<&ExternRef>) -> Option<u32> {
    r.map(|r| r.data(store).downcast_ref::<u32>().copied().unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::wasmi_bug;

    #[test]
    fn simd_accesses_with_several_memories_are_a_known_wasmi_bug() {
        let module = |memories: &str| {
            wat::parse_str(format!("(module {memories} (func (param i32) (result v128) (v128.load (local.get 0))))"))
                .unwrap()
        };
        assert_eq!(wasmi_bug(&module("(memory 1)")), None);
        assert!(wasmi_bug(&module("(memory 1) (memory 1)")).is_some_and(|why| why.contains("several memories")));
        assert!(wasmi_bug(&module(r#"(import "m" "m" (memory 1)) (memory 1)"#)).is_some());
    }
}
