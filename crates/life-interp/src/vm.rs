//! `Vm`: one module instance with its own store, the shape of the original `life`'s
//! `VirtualMachine`.

use crate::{Error, Extern, Func, ImportResolver, Instance, Memory, Module, Store, VmConfig};
use life_decode::{FuncType, Value};

/// A virtual machine: a store holding one instance of a module.
///
/// ```
/// use life_interp::{NoImports, Value, Vm, VmConfig};
/// let wasm = wat::parse_str(r#"(module (func (export "app_main") (param i64) (result i64)
///     local.get 0 i64.const 2 i64.mul))"#).unwrap();
/// let mut vm = Vm::new(&wasm, VmConfig::default(), &mut NoImports).unwrap();
/// assert_eq!(vm.invoke("app_main", &[Value::I64(21)]).unwrap(), vec![Value::I64(42)]);
/// ```
#[derive(Debug)]
pub struct Vm {
    store: Store,
    instance: Instance,
}

impl Vm {
    /// Decodes `bytes` and instantiates it (the original's `NewVirtualMachine`).
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] for a bad module, [`Error::Instantiation`] when imports do not resolve
    /// or initialization traps.
    pub fn new(bytes: &[u8], config: VmConfig, resolver: &mut dyn ImportResolver) -> Result<Self, Error> {
        let module = Module::new(bytes, &config)?;
        Vm::from_module(&module, config, resolver)
    }

    /// Instantiates an already decoded module (cheap: the module is shared).
    ///
    /// # Errors
    ///
    /// As [`Vm::new`], minus decoding.
    pub fn from_module(module: &Module, config: VmConfig, resolver: &mut dyn ImportResolver) -> Result<Self, Error> {
        let mut store = Store::new(config);
        let instance = store.instantiate(module, resolver)?;
        Ok(Vm { store, instance })
    }

    /// The VM's state (memories, globals, tables, gas) as bytes; see [`Vm::restore`].
    pub fn snapshot(&self) -> Vec<u8> {
        self.store.snapshot()
    }

    /// A VM of `module` in the state a [`Vm::snapshot`] recorded, possibly taken in another
    /// process: the module is instantiated without running its start function (the snapshot
    /// already holds its effects), then the state is restored. `resolver` must supply the same
    /// imports as when the snapshot was taken.
    ///
    /// # Errors
    ///
    /// As [`Vm::from_module`], or [`Error::Arguments`] for a snapshot that does not fit.
    pub fn restore(
        module: &Module,
        config: VmConfig,
        resolver: &mut dyn ImportResolver,
        snapshot: &[u8],
    ) -> Result<Self, Error> {
        let mut store = Store::new(config);
        let instance = store.instantiate_with(module, resolver, false)?;
        store.restore(snapshot)?;
        Ok(Vm { store, instance })
    }

    /// The store (for advanced use: tables, globals, linking).
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The instance.
    pub fn instance(&self) -> Instance {
        self.instance
    }

    /// The module.
    pub fn module(&self) -> &Module {
        self.store.instance_module(self.instance)
    }

    /// The exported function `name`.
    pub fn export_func(&self, name: &str) -> Option<Func> {
        match self.store.export(self.instance, name) {
            Some(Extern::Func(f)) => Some(f),
            _ => None,
        }
    }

    /// The signature of exported function `name`.
    pub fn func_type(&self, name: &str) -> Option<&FuncType> {
        self.export_func(name).map(|f| self.store.func_type(f))
    }

    /// Calls exported function `name`. The VM stays usable after a trap.
    ///
    /// # Errors
    ///
    /// [`Error::Export`], [`Error::Arguments`] or [`Error::Trap`].
    pub fn invoke(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>, Error> {
        self.store.invoke(self.instance, name, args)
    }

    /// The instance's memory.
    pub fn memory(&self) -> Option<Memory> {
        self.store.instance_memory(self.instance)
    }

    /// Copies `buf.len()` bytes of linear memory at `offset` into `buf`.
    ///
    /// # Errors
    ///
    /// [`Error::Memory`] if there is no memory or the range is out of bounds.
    pub fn read_memory(&self, offset: u64, buf: &mut [u8]) -> Result<(), Error> {
        let data = self.memory_slice()?;
        let src = range(data.len(), offset, buf.len()).map(|r| &data[r])?;
        buf.copy_from_slice(src);
        Ok(())
    }

    /// Writes `bytes` into linear memory at `offset`.
    ///
    /// # Errors
    ///
    /// [`Error::Memory`] if there is no memory or the range is out of bounds.
    pub fn write_memory(&mut self, offset: u64, bytes: &[u8]) -> Result<(), Error> {
        let mem = self.memory().ok_or_else(|| Error::Memory("the module has no memory".into()))?;
        let data = self.store.memory_data_mut(mem);
        let r = range(data.len(), offset, bytes.len())?;
        data[r].copy_from_slice(bytes);
        Ok(())
    }

    /// The whole linear memory.
    ///
    /// # Errors
    ///
    /// [`Error::Memory`] if the module has no memory.
    pub fn memory_slice(&self) -> Result<&[u8], Error> {
        let mem = self.memory().ok_or_else(|| Error::Memory("the module has no memory".into()))?;
        Ok(self.store.memory_data(mem))
    }

    /// The value of exported global `name`.
    pub fn global(&self, name: &str) -> Option<Value> {
        match self.store.export(self.instance, name) {
            Some(Extern::Global(g)) => Some(self.store.global_get(g)),
            _ => None,
        }
    }
}

fn range(len: usize, offset: u64, n: usize) -> Result<std::ops::Range<usize>, Error> {
    let start = usize::try_from(offset).ok();
    match start.and_then(|s| s.checked_add(n).map(|e| (s, e))) {
        Some((s, e)) if e <= len => Ok(s..e),
        _ => Err(Error::Memory(format!(
            "memory access at {offset} of {n} bytes is out of bounds (memory is {len} bytes)"
        ))),
    }
}
