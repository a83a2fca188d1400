//! The [`SpecEngine`] adapter for `life-interp`'s embedding API, with the `spectest` host module.
//! Polymerase runs through the same API (one `VmConfig` setting), so it uses this adapter too.

use crate::{ExecError, InstantiateError, SpecEngine};
use life_decode::{F32, F64, Features, FuncType, GlobalType, Limits, MemoryType, RefType, TableType, ValType, Value};
use life_interp::{Error, Extern, HostFunc, Instance, Linker, Module, Store, VmConfig};

/// Drives `life-interp`: one store per `.wast` file, linked through a [`Linker`].
pub struct InterpEngine {
    store: Store,
    linker: Linker,
    config: VmConfig,
}

impl InterpEngine {
    /// A fresh store with `spectest` registered, accepting `features`.
    pub fn new(features: Features) -> Self {
        Self::with_config(VmConfig { features, ..VmConfig::default() })
    }

    /// The interpreter's portable `match` loop, which builds with the threaded loop run only
    /// when asked (`VmConfig::portable_dispatch`).
    pub fn portable(features: Features) -> Self {
        Self::with_config(VmConfig { features, portable_dispatch: true, ..VmConfig::default() })
    }

    /// The same with gas metering on and a limit no spec script reaches: metering must not
    /// change any result.
    pub fn metered(features: Features) -> Self {
        Self::with_config(VmConfig { features, gas_limit: Some(u64::MAX / 2), ..VmConfig::default() })
    }

    /// Polymerase (`life-aot`) through the same API, metered or not.
    pub fn polymerase(features: Features, metered: bool) -> Self {
        let gas_limit = metered.then_some(u64::MAX / 2);
        Self::with_config(VmConfig { features, gas_limit, engine: life_aot::polymerase(), ..VmConfig::default() })
    }

    /// Polymerase without the platform's trap support (`Polymerase::guard_pages` off): every
    /// access bounds-checked and traps returning through every frame, as on platforms other
    /// than x86-64 Linux.
    pub fn polymerase_portable(features: Features) -> Self {
        let polymerase = life_aot::Polymerase { guard_pages: false, ..Default::default() };
        let engine = life_interp::Engine::Native(std::sync::Arc::new(polymerase));
        Self::with_config(VmConfig { features, engine, ..VmConfig::default() })
    }

    fn with_config(config: VmConfig) -> Self {
        let mut store = Store::new(config.clone());
        let mut linker = Linker::new();
        define_spectest(&mut store, &mut linker);
        InterpEngine { store, linker, config }
    }
}

/// The `spectest` module every spec script may import.
fn define_spectest(store: &mut Store, linker: &mut Linker) {
    let (i32_, i64_, f32_, f64_) = (ValType::I32, ValType::I64, ValType::F32, ValType::F64);
    let prints: [(&str, &[ValType]); 7] = [
        ("print", &[]),
        ("print_i32", &[i32_]),
        ("print_i64", &[i64_]),
        ("print_f32", &[f32_]),
        ("print_f64", &[f64_]),
        ("print_i32_f32", &[i32_, f32_]),
        ("print_f64_f64", &[f64_, f64_]),
    ];
    for (name, params) in prints {
        let f = HostFunc::new(FuncType::new(params.iter().copied(), []), |_, _, _| Ok(()));
        linker.define_func(store, "spectest", name, f);
    }
    let globals = [
        ("global_i32", Value::I32(666)),
        ("global_i64", Value::I64(666)),
        ("global_f32", Value::F32(F32::from(666.6f32))),
        ("global_f64", Value::F64(F64::from(666.6f64))),
    ];
    for (name, value) in globals {
        let g = store
            .alloc_global(GlobalType { content: value.ty(), mutable: false }, value)
            .expect("value matches its own type");
        linker.define("spectest", name, Extern::Global(g));
    }
    let table = store
        .alloc_table(TableType { element: RefType::FuncRef, limits: Limits { min: 10, max: Some(20) }, table64: false })
        .expect("spectest table fits the default limits");
    linker.define("spectest", "table", Extern::Table(table));
    // The 3.0 test suite's `spectest` also has a 64-bit table (table64.wast imports it).
    let table64 = store
        .alloc_table(TableType { element: RefType::FuncRef, limits: Limits { min: 10, max: Some(20) }, table64: true })
        .expect("spectest table fits the default limits");
    linker.define("spectest", "table64", Extern::Table(table64));
    let memory = store
        .alloc_memory(MemoryType { limits: Limits { min: 1, max: Some(2) }, memory64: false })
        .expect("spectest memory fits the default limits");
    linker.define("spectest", "memory", Extern::Memory(memory));
}

impl SpecEngine for InterpEngine {
    type Instance = Instance;

    fn instantiate(&mut self, wasm: &[u8]) -> Result<Instance, InstantiateError> {
        let module = Module::new(wasm, &self.config).map_err(|e| InstantiateError::Decode(e.to_string()))?;
        self.store.instantiate(&module, &mut self.linker).map_err(|e| match e {
            Error::Decode(e) => InstantiateError::Decode(e.to_string()),
            Error::Instantiation(life_interp::InstantiationError::Trap(t)) => InstantiateError::Trap(t.to_string()),
            other => InstantiateError::Link(other.to_string()),
        })
    }

    fn register(&mut self, name: &str, instance: &Instance) {
        self.linker
            .define_instance(&self.store, name, *instance)
            .expect("the instance was made by this engine's store");
    }

    fn invoke(&mut self, instance: &Instance, func: &str, args: &[Value]) -> Result<Vec<Value>, ExecError> {
        self.store.invoke(*instance, func, args).map_err(|e| match e {
            Error::Trap(t) => ExecError::Trap(t.to_string()),
            other => ExecError::Other(other.to_string()),
        })
    }

    fn get(&mut self, instance: &Instance, global: &str) -> Result<Value, ExecError> {
        match self.store.export(*instance, global) {
            Ok(Extern::Global(g)) => self.store.global_get(g).map_err(|e| ExecError::Other(e.to_string())),
            _ => Err(ExecError::Other(format!("no global export named {global:?}"))),
        }
    }
}
