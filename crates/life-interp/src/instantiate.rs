//! Instantiation: resolving imports, allocating entities, running segment initializers and
//! the start function, in the order the spec gives.

use crate::{
    Error, Extern, Func, ImportResolver, Instance, InstantiationError, Module, Store, Trap,
    exec::{self, PausedCall, Resumable},
    store::{FuncEntity, InstanceEntity, encode, encode128},
};
use life_decode::{ConstExpr, ConstOp, DataMode, ElemMode, ExternKind, ExternType, ImportDesc, TrapCode, Value};
use std::collections::HashMap;

impl Store {
    /// Instantiates `module`, asking `resolver` for every import.
    ///
    /// Active element and data segments are applied in order; if one is out of bounds,
    /// instantiation fails with a trap and the writes before it remain (WebAssembly 2.0 semantics).
    ///
    /// # Errors
    ///
    /// [`Error::Instantiation`] for an unknown or incompatible import, an exceeded limit, or a
    /// trap during initialization.
    pub fn instantiate(&mut self, module: &Module, resolver: &mut dyn ImportResolver) -> Result<Instance, Error> {
        self.instantiate_with(module, resolver, true)
    }

    pub(crate) fn instantiate_with(
        &mut self,
        module: &Module,
        resolver: &mut dyn ImportResolver,
        run_start: bool,
    ) -> Result<Instance, Error> {
        let m = module.decoded.clone();
        self.check_agreement(&m)?;
        let mut funcs = Vec::with_capacity(m.funcs.len());
        let mut tables = Vec::with_capacity(m.tables.len());
        let mut memories = Vec::with_capacity(m.memories.len());
        let mut globals = Vec::with_capacity(m.global_types.len());

        for import in &m.imports {
            let ty = match &import.desc {
                ImportDesc::Func(t) => ExternType::Func(m.types[*t as usize].clone()),
                ImportDesc::Table(t) => ExternType::Table(*t),
                ImportDesc::Memory(t) => ExternType::Memory(*t),
                ImportDesc::Global(t) => ExternType::Global(*t),
            };
            let unknown = || InstantiationError::UnknownImport {
                module: import.module.clone(),
                name: import.name.clone(),
                kind: ty.kind(),
                ty: ty.clone(),
            };
            let ext = resolver.resolve(self, &import.module, &import.name, &ty).ok_or_else(unknown)?;
            if ext.store_id() != self.id {
                return Err(Error::Instantiation(InstantiationError::WrongStore {
                    module: import.module.clone(),
                    name: import.name.clone(),
                }));
            }
            let incompatible = |reason: String| {
                Error::Instantiation(InstantiationError::IncompatibleImport {
                    module: import.module.clone(),
                    name: import.name.clone(),
                    reason,
                })
            };
            match (&ty, ext) {
                (ExternType::Func(want), Extern::Func(f)) => {
                    let have = self.func_ty(f.0);
                    if have != want {
                        return Err(incompatible(format!("expected func {want}, found func {have}")));
                    }
                    funcs.push(f.0);
                }
                (ExternType::Table(want), Extern::Table(t)) => {
                    let have = self.tables[t.0 as usize].ty;
                    if have.element != want.element
                        || have.table64 != want.table64
                        || !have.limits.matches(&want.limits)
                    {
                        return Err(incompatible(format!("expected {want:?}, found {have:?}")));
                    }
                    tables.push(t.0);
                }
                (ExternType::Memory(want), Extern::Memory(mem)) => {
                    let have = self.memories[mem.0 as usize].ty;
                    if have.memory64 != want.memory64 || !have.limits.matches(&want.limits) {
                        return Err(incompatible(format!("expected {want:?}, found {have:?}")));
                    }
                    memories.push(mem.0);
                }
                (ExternType::Global(want), Extern::Global(g)) => {
                    let have = self.globals[g.0 as usize].ty;
                    if have != *want {
                        return Err(incompatible(format!("expected {want:?}, found {have:?}")));
                    }
                    globals.push(g.0);
                }
                (want, got) => {
                    return Err(incompatible(format!("expected a {}, found {got:?}", want.kind())));
                }
            }
        }

        let id = self.instances.len() as u32;
        let type_ids: Vec<u32> = m.types.iter().map(|t| self.intern_type(t)).collect();
        for (i, &t) in m.funcs[m.num_imported_funcs as usize..].iter().enumerate() {
            let type_id = type_ids[t as usize];
            self.funcs.push(FuncEntity::Wasm { instance: id, index: i as u32, type_id });
            self.call_targets.push(crate::exec::CallTarget::slow(type_id));
            funcs.push(self.funcs.len() as u32 - 1);
        }
        for t in &m.tables[m.num_imported_tables as usize..] {
            tables.push(self.alloc_table(*t)?.0);
        }
        // The module's own memories are made as its native code needs them, whatever engine
        // the store was created with (a module compiled elsewhere may be instantiated here).
        let creator = match module.native() {
            Some(native) => native.memory_creator(),
            None => None,
        };
        for mem in &m.memories[m.num_imported_memories as usize..] {
            let memory = match &creator {
                Some(creator) => self.alloc_memory_with(*mem, Some(creator.clone()))?,
                None => self.alloc_memory(*mem)?,
            };
            memories.push(memory.0);
        }
        for g in &m.globals {
            let v = self.eval_const(&funcs, &globals, &g.init);
            self.globals.push(crate::store::GlobalEntity { value: v, ty: g.ty });
            globals.push(self.globals.len() as u32 - 1);
        }
        let exports: HashMap<String, Extern> = m
            .exports
            .iter()
            .map(|e| {
                let i = e.index as usize;
                let ext = match e.kind {
                    ExternKind::Func => Extern::Func(Func(funcs[i], self.id)),
                    ExternKind::Table => Extern::Table(crate::Table(tables[i], self.id)),
                    ExternKind::Memory => Extern::Memory(crate::Memory(memories[i], self.id)),
                    ExternKind::Global => Extern::Global(crate::Global(globals[i], self.id)),
                };
                (e.name.clone(), ext)
            })
            .collect();
        self.instances.push(InstanceEntity {
            module: module.clone(),
            funcs,
            tables,
            memories,
            globals,
            type_ids,
            exports,
            elems: Vec::new(),
            dropped_datas: vec![false; m.datas.len()],
        });
        let instance = Instance(id, self.id);
        self.initialize(instance, run_start).map_err(|t| Error::Instantiation(InstantiationError::Trap(t)))?;
        Ok(instance)
    }

    /// Evaluates a constant expression in slot form.
    fn eval_const(&self, funcs: &[u32], globals: &[u32], e: &ConstExpr) -> u128 {
        match e {
            ConstExpr::Value(v) => encode128(*v),
            ConstExpr::GlobalGet(g) => self.global_slot(globals, *g),
            ConstExpr::RefFunc(f) => func_ref_slot(funcs, *f),
            ConstExpr::Extended(ops) => self.eval_extended(funcs, globals, ops),
        }
    }

    /// Evaluates an extended constant expression on a small stack. The validator has checked
    /// its types; should a hand-built module break them, a missing operand reads as 0 rather
    /// than panicking, and arithmetic wraps as in Wasm.
    fn eval_extended(&self, funcs: &[u32], globals: &[u32], ops: &[ConstOp]) -> u128 {
        let mut stack: Vec<u128> = Vec::with_capacity(ops.len());
        for op in ops {
            let value = match *op {
                ConstOp::Value(v) => encode128(v),
                ConstOp::GlobalGet(g) => self.global_slot(globals, g),
                ConstOp::RefFunc(f) => func_ref_slot(funcs, f),
                ConstOp::I32Add | ConstOp::I32Sub | ConstOp::I32Mul => {
                    let b = stack.pop().unwrap_or(0) as u32;
                    let a = stack.pop().unwrap_or(0) as u32;
                    let r = match op {
                        ConstOp::I32Add => a.wrapping_add(b),
                        ConstOp::I32Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    };
                    u128::from(r)
                }
                ConstOp::I64Add | ConstOp::I64Sub | ConstOp::I64Mul => {
                    let b = stack.pop().unwrap_or(0) as u64;
                    let a = stack.pop().unwrap_or(0) as u64;
                    let r = match op {
                        ConstOp::I64Add => a.wrapping_add(b),
                        ConstOp::I64Sub => a.wrapping_sub(b),
                        _ => a.wrapping_mul(b),
                    };
                    u128::from(r)
                }
            };
            stack.push(value);
        }
        stack.pop().unwrap_or(0)
    }

    /// The slot of global `g` of the instance being made (imports first).
    fn global_slot(&self, globals: &[u32], g: u32) -> u128 {
        self.globals[globals[g as usize] as usize].value
    }

    /// Applies active segments, then runs the start function.
    fn initialize(&mut self, instance: Instance, run_start: bool) -> Result<(), Trap> {
        let inst = &self.instances[instance.0 as usize];
        let m = inst.module.decoded.clone();
        let (funcs, globals) = (inst.funcs.clone(), inst.globals.clone());
        let elems: Vec<Vec<u64>> = m
            .elems
            .iter()
            .map(|seg| seg.items.iter().map(|e| self.eval_const(&funcs, &globals, e) as u64).collect())
            .collect();
        self.instances[instance.0 as usize].elems = elems;
        for (i, seg) in m.elems.iter().enumerate() {
            match &seg.mode {
                ElemMode::Active { table, offset } => {
                    let offset = self.eval_const(&funcs, &globals, offset);
                    let offset = match m.tables[*table as usize].table64 {
                        true => usize::try_from(offset).unwrap_or(usize::MAX),
                        false => offset as u32 as usize,
                    };
                    let inst = &mut self.instances[instance.0 as usize];
                    let items = std::mem::take(&mut inst.elems[i]);
                    let t = inst.tables[*table as usize];
                    let elements = &mut self.tables[t as usize].elements;
                    let dst = elements
                        .get_mut(offset..offset.saturating_add(items.len()))
                        .ok_or(TrapCode::TableOutOfBounds)?;
                    dst.copy_from_slice(&items);
                }
                ElemMode::Declared => self.instances[instance.0 as usize].elems[i].clear(),
                ElemMode::Passive => {}
            }
        }
        for (i, seg) in m.datas.iter().enumerate() {
            if let DataMode::Active { memory, offset } = &seg.mode {
                let offset = self.eval_const(&funcs, &globals, offset);
                let offset = match m.memories[*memory as usize].memory64 {
                    true => usize::try_from(offset).unwrap_or(usize::MAX),
                    false => offset as u32 as usize,
                };
                let mem = self.instances[instance.0 as usize].memories[*memory as usize];
                let data = &mut self.memories[mem as usize].data;
                let dst =
                    data.get_mut(offset..offset.saturating_add(seg.bytes.len())).ok_or(TrapCode::MemoryOutOfBounds)?;
                dst.copy_from_slice(&seg.bytes);
                self.instances[instance.0 as usize].dropped_datas[i] = true;
            }
        }
        if let Some(start) = m.start.filter(|_| run_start) {
            let f = self.instances[instance.0 as usize].funcs[start as usize];
            self.call_top(f, &[], false)?;
        }
        Ok(())
    }

    /// Calls the function exported as `name` by `instance`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingExport`] (listing the exports) or [`Error::ExportKind`] if there is no such
    /// function, [`Error::ArgumentCount`] or [`Error::ArgumentType`] if the arguments do not
    /// match its signature, [`Error::Trap`] if it traps, [`Error::WrongStore`] if `instance`
    /// belongs to another store.
    pub fn invoke(&mut self, instance: Instance, name: &str, args: &[Value]) -> Result<Vec<Value>, Error> {
        let func = self.export_func(instance, name)?;
        self.call(func, args)
    }

    /// The function exported as `name`.
    pub(crate) fn export_func(&self, instance: Instance, name: &str) -> Result<Func, Error> {
        match self.export(instance, name)? {
            Extern::Func(f) => Ok(f),
            other => Err(Error::ExportKind { name: name.to_string(), expected: "func", found: other.kind() }),
        }
    }

    /// Calls a function.
    ///
    /// # Errors
    ///
    /// As [`Store::invoke`]; [`Error::WrongStore`] if `func` belongs to another store.
    pub fn call(&mut self, func: Func, args: &[Value]) -> Result<Vec<Value>, Error> {
        let addr = self.check(func)?;
        crate::host::check_args(self.func_ty(addr), args)?;
        self.check_refs(args)?;
        match self.call_top(addr, args, false)? {
            Resumable::Finished(results) => Ok(results),
            Resumable::Paused(_) => unreachable!("a call that is not resumable never pauses"),
        }
    }

    /// Calls exported function `name`, pausing instead of trapping when gas runs out or a host
    /// function suspends: the original `life`'s "return on gas limit exceeded".
    ///
    /// ```
    /// use life_interp::{Module, NoImports, Resumable, Store, Value, VmConfig};
    /// let config = VmConfig { gas_limit: Some(50), ..VmConfig::default() };
    /// let module = Module::from_wat(r#"(module (func (export "spin") (param i32) (result i32)
    ///     (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (local.get 0)))"#,
    ///     &config).unwrap();
    /// let mut store = Store::new(config);
    /// let instance = store.instantiate(&module, &mut NoImports).unwrap();
    /// let mut outcome = store.invoke_resumable(instance, "spin", &[Value::I32(100)]).unwrap();
    /// let mut pauses = 0;
    /// while let Resumable::Paused(call) = outcome {
    ///     pauses += 1;
    ///     store.add_gas(50);
    ///     outcome = store.resume(call, &[]).unwrap();
    /// }
    /// assert!(pauses > 0);
    /// assert!(matches!(outcome, Resumable::Finished(v) if v == vec![Value::I32(0)]));
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Store::invoke`].
    pub fn invoke_resumable(&mut self, instance: Instance, name: &str, args: &[Value]) -> Result<Resumable, Error> {
        let func = self.export_func(instance, name)?;
        crate::host::check_args(self.func_ty(func.0), args)?;
        self.check_refs(args)?;
        Ok(self.call_top(func.0, args, true)?)
    }

    /// Rebuilds a paused call from [`PausedCall::snapshot`] bytes. Restore the store's state
    /// first ([`Store::restore`]), from a snapshot taken at the same moment.
    ///
    /// # Errors
    ///
    /// [`Error::Snapshot`] if the bytes are corrupt or do not match this store.
    pub fn restore_paused(&self, bytes: &[u8]) -> Result<PausedCall, Error> {
        PausedCall::restore(self, bytes)
    }

    /// Continues a paused call. `host_results` are the results of the host function that
    /// suspended (empty when the call paused for gas).
    ///
    /// # Errors
    ///
    /// [`Error::ArgumentCount`], [`Error::ArgumentType`] or [`Error::NotPausedInHost`] if `host_results`
    /// do not match, [`Error::Trap`] if the call traps.
    pub fn resume(&mut self, call: PausedCall, host_results: &[Value]) -> Result<Resumable, Error> {
        let _call = TopCall::start(self)?;
        exec::resume(self, call, host_results)
    }

    /// Runs a call from the host (not nested in another call of this store): a pending
    /// interrupt stops it before it starts, the timeout's deadline is armed for its duration,
    /// and when it ends, however it ends, the interrupt flag is cleared.
    pub(crate) fn call_top(&mut self, func: u32, args: &[Value], resumable: bool) -> Result<Resumable, Trap> {
        let _call = TopCall::start(self).map_err(|e| e.trap().cloned().expect("TopCall fails with a trap"))?;
        exec::call(self, func, args, resumable)
    }

    /// [`Store::call_top`] with arguments and results in slot form (see `exec::call_slots`).
    pub(crate) fn call_top_slots(&mut self, func: u32, slots: &mut [u64]) -> Result<(), Trap> {
        let _call = TopCall::start(self).map_err(|e| e.trap().cloned().expect("TopCall fails with a trap"))?;
        exec::call_slots(self, func, slots)
    }

    /// Refuses a module decoded for other settings than this store's.
    fn check_agreement(&self, m: &life_decode::Module) -> Result<(), Error> {
        let config = &self.config;
        let mismatch = |setting: &'static str, module: String, store: String| {
            Err(Error::Instantiation(InstantiationError::ConfigMismatch { setting, module, store }))
        };
        let on = |b: bool| if b { "on" } else { "off" }.to_string();
        if config.metered() != m.metered {
            return mismatch("gas metering", on(m.metered), on(config.metered()));
        }
        if config.metered() {
            let want = config.decode_options().gas.map(|p| format!("{p:?}")).unwrap_or_default();
            let have = m.gas_policy().map(|p| format!("{p:?}")).unwrap_or_default();
            if want != have {
                return mismatch("gas policy", have, want);
            }
        }
        let needs_checks = config.interruptible || config.timeout.is_some();
        if needs_checks && !m.interruptible {
            return mismatch("interrupt checks", on(false), "interrupts or a timeout, which need them".into());
        }
        if m.features != config.features {
            return mismatch("features", format!("{:?}", m.features), format!("{:?}", config.features));
        }
        if m.canonicalize_nans() != config.canonicalize_nans {
            return mismatch("NaN canonicalization", on(m.canonicalize_nans()), on(config.canonicalize_nans));
        }
        Ok(())
    }
}

/// A call from the host in progress (see [`Store::call_top`]).
struct TopCall {
    interrupt: crate::InterruptHandle,
}

impl TopCall {
    fn start(store: &Store) -> Result<TopCall, Error> {
        let call = TopCall { interrupt: store.interrupt.clone() };
        if call.interrupt.begin_call() {
            if call.interrupt.is_raised() {
                return Err(Error::Trap(TrapCode::Interrupted.into()));
            }
            if let Some(timeout) = store.config.timeout {
                call.interrupt.arm(timeout);
            }
        }
        Ok(call)
    }
}

impl Drop for TopCall {
    fn drop(&mut self) {
        self.interrupt.end_call();
    }
}

/// The slot of a reference to function `f` of the instance being made (imports first).
fn func_ref_slot(funcs: &[u32], f: u32) -> u128 {
    encode(Value::FuncRef(Some(life_decode::FuncRef(funcs[f as usize])))) as u128
}
