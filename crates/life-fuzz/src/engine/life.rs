//! [`Life`]: one of Life's engines (the interpreter or Polymerase), metered or not, behind the
//! [`Engine`] adapter. Both engines share the runtime (`life-interp`'s `Store`), so one adapter
//! serves both: only [`VmConfig::engine`] differs.

use super::{
    Engine, EngineInstance, ExportDesc, ExportState, Hasher, Limits, Outcome, Rejection, Trap, normalize, ref_word,
};
use life_decode::{DecodeErrorKind, ExternKind, ExternType, Features, TrapCode, Value};
use life_interp::{Error, Extern, HostFunc, ImportResolver, InstantiationError, Store, Vm, VmConfig};

/// One of Life's engines, with metering on or off.
#[derive(Debug, Clone)]
pub struct Life {
    name: &'static str,
    engine: life_interp::Engine,
    gas_limit: Option<u64>,
    features: Features,
}

impl Life {
    /// The interpreter, unmetered (`interp`).
    pub fn interp() -> Self {
        Life { name: "interp", engine: life_interp::Engine::Interpreter, gas_limit: None, features: features() }
    }

    /// Polymerase, the Cranelift engine, unmetered (`polymerase`).
    pub fn polymerase() -> Self {
        Life { name: "polymerase", engine: life_aot::polymerase(), gas_limit: None, features: features() }
    }

    /// This engine with metering on and `gas` to spend per store (`interp-metered`,
    /// `polymerase-metered`). Calls are not resumable, so running out traps `out of gas`.
    pub fn metered(self, gas: u64) -> Self {
        let name = match self.name {
            "interp" => "interp-metered",
            "polymerase" => "polymerase-metered",
            other => other,
        };
        Life { name, gas_limit: Some(gas), ..self }
    }

    /// This engine accepting relaxed SIMD too (see [`Proposals`](crate::generate::Proposals)):
    /// for the harnesses that compare Life's engines only.
    pub fn relaxed_simd(self) -> Self {
        Life { features: Features { relaxed_simd: true, ..self.features }, ..self }
    }

    /// The configuration for `limits`: [`features`] (and relaxed SIMD if turned on), every limit
    /// as given, this engine and gas limit.
    pub fn vm_config(&self, limits: &Limits) -> VmConfig {
        VmConfig {
            engine: self.engine.clone(),
            gas_limit: self.gas_limit,
            features: self.features,
            ..vm_config(limits)
        }
    }
}

/// The features the harnesses run modules with: WebAssembly 2.0, tail calls and multi-memory,
/// what [`generate::config`](crate::generate::config) generates.
pub fn features() -> Features {
    Features { tail_call: true, multi_memory: true, ..Features::wasm2() }
}

/// The interpreter's configuration for `limits`: [`features`], every limit as given.
pub fn vm_config(limits: &Limits) -> VmConfig {
    VmConfig {
        features: features(),
        max_call_depth: limits.max_call_depth,
        max_value_stack: limits.max_value_stack,
        max_memory_pages: limits.max_memory_pages,
        max_table_elements: limits.max_table_elements,
        ..VmConfig::default()
    }
}

impl Engine for Life {
    fn name(&self) -> &'static str {
        self.name
    }

    fn instantiate(&self, wasm: &[u8], limits: &Limits) -> Result<Box<dyn EngineInstance>, Rejection> {
        let mut imports = DummyImports::default();
        match Vm::new(wasm, self.vm_config(limits), &mut imports) {
            Ok(vm) => Ok(Box::new(LifeInstance { vm })),
            Err(e) => Err(rejection(e, imports.limit_hit)),
        }
    }
}

fn rejection(e: Error, limit_hit: bool) -> Rejection {
    let text = e.to_string();
    match e {
        Error::Decode(d) => match d.kind() {
            DecodeErrorKind::Invalid => Rejection::Invalid(text),
            DecodeErrorKind::Unsupported | DecodeErrorKind::LimitExceeded => Rejection::Unsupported(text),
        },
        Error::Instantiation(InstantiationError::Limit(_)) => Rejection::Unsupported(text),
        Error::Instantiation(InstantiationError::Trap(t)) => match trap(&t) {
            Outcome::Trap(t) => Rejection::Trap(t),
            _ => Rejection::Exhausted(text),
        },
        // A dummy memory or table larger than the limits could not be made.
        Error::Instantiation(_) if limit_hit => Rejection::Unsupported(text),
        Error::Instantiation(_) => Rejection::Link(text),
        // `cannot allocate linear memory`.
        Error::MemoryAllocation(_) => Rejection::Unsupported(text),
        // A valid module that a native engine cannot compile: always a bug of that engine.
        Error::Compile(_) => Rejection::Compile(text),
        _ => Rejection::Link(text),
    }
}

fn trap(t: &life_interp::Trap) -> Outcome {
    match t.code() {
        Some(TrapCode::StackOverflow) => Outcome::Exhausted(t.to_string()),
        Some(code) => Outcome::Trap(Trap { codes: vec![code], message: t.to_string() }),
        None => Outcome::Trap(Trap { codes: Vec::new(), message: t.to_string() }),
    }
}

/// Satisfies every import with a dummy of its own type.
#[derive(Debug, Default)]
struct DummyImports {
    /// A dummy memory or table could not be allocated within the limits.
    limit_hit: bool,
}

impl ImportResolver for DummyImports {
    fn resolve(&mut self, store: &mut Store, _module: &str, _field: &str, ty: &ExternType) -> Option<Extern> {
        let made = match ty {
            ExternType::Func(t) => {
                let results: Vec<Value> = t.results().iter().map(|&r| Value::default_of(r)).collect();
                let f = HostFunc::new(t.clone(), move |_, _, out| {
                    out.copy_from_slice(&results);
                    Ok(())
                });
                return Some(Extern::Func(store.alloc_host_func(f)));
            }
            ExternType::Global(g) => store.alloc_global(*g, Value::default_of(g.content)).map(Extern::Global),
            ExternType::Memory(m) => store.alloc_memory(*m).map(Extern::Memory),
            ExternType::Table(t) => store.alloc_table(*t).map(Extern::Table),
        };
        self.limit_hit |= made.is_err();
        made.ok()
    }
}

struct LifeInstance {
    vm: Vm,
}

impl EngineInstance for LifeInstance {
    fn exports(&self) -> Vec<ExportDesc> {
        let module = self.vm.module().decoded();
        module
            .exports
            .iter()
            .map(|e| ExportDesc {
                name: e.name.clone(),
                kind: e.kind,
                func_type: (e.kind == ExternKind::Func).then(|| self.vm.func_type(&e.name).cloned()).flatten(),
            })
            .collect()
    }

    fn call(&mut self, name: &str, args: &[Value]) -> Outcome {
        match self.vm.invoke(name, args) {
            Ok(values) => Outcome::Return(values.into_iter().map(normalize).collect()),
            Err(Error::Trap(t)) => trap(&t),
            Err(e) => Outcome::Error(e.to_string()),
        }
    }

    fn state(&mut self) -> Vec<ExportState> {
        let instance = self.vm.instance();
        let names: Vec<String> = self.vm.module().decoded().exports.iter().map(|e| e.name.clone()).collect();
        let store = self.vm.store();
        names
            .into_iter()
            .filter_map(|name| match store.export(instance, &name).ok()? {
                Extern::Func(_) => None,
                Extern::Memory(m) => {
                    let data = store.memory_data(m).ok()?;
                    Some(ExportState::Memory { name, len: data.len(), hash: super::hash_bytes(data) })
                }
                Extern::Global(g) => Some(ExportState::Global { name, value: normalize(store.global_get(g).ok()?) }),
                Extern::Table(t) => {
                    let len = store.table_type(t).ok()?.limits.min;
                    let mut h = Hasher::default();
                    for i in 0..len {
                        h.word(store.table_get(t, i as u32).ok().flatten().map_or(u64::MAX, ref_word));
                    }
                    Some(ExportState::Table { name, len, hash: h.finish() })
                }
            })
            .collect()
    }

    fn gas_used(&mut self) -> Option<u64> {
        self.vm.store().gas_used()
    }
}
