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
    /// As [`Vm::from_module`], or [`Error::Snapshot`] for a snapshot that does not fit.
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

    /// The store (for advanced use: tables, globals, gas).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store, writable (for advanced use: tables, globals, linking, resumable calls).
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Adds gas (for example after a call ran out); see [`Store::add_gas`].
    pub fn add_gas(&mut self, amount: u64) {
        self.store.add_gas(amount);
    }

    /// Gas left, if metering is on.
    pub fn gas_left(&self) -> Option<u64> {
        self.store.gas_left()
    }

    /// Gas used so far, if metering is on.
    pub fn gas_used(&self) -> Option<u64> {
        self.store.gas_used()
    }

    /// A handle that interrupts this VM's calls from any thread.
    pub fn interrupt_handle(&self) -> crate::InterruptHandle {
        self.store.interrupt_handle()
    }

    /// The instance.
    pub fn instance(&self) -> Instance {
        self.instance
    }

    /// The module.
    pub fn module(&self) -> &Module {
        &self.store.instances[self.instance.0 as usize].module
    }

    /// The exported function `name`.
    pub fn export_func(&self, name: &str) -> Option<Func> {
        match self.store.export(self.instance, name) {
            Ok(Extern::Func(f)) => Some(f),
            _ => None,
        }
    }

    /// The signature of exported function `name`.
    pub fn func_type(&self, name: &str) -> Option<&FuncType> {
        self.export_func(name).map(|f| self.store.func_ty(f.0))
    }

    /// Calls exported function `name`. The VM stays usable after a trap.
    ///
    /// # Errors
    ///
    /// As [`Store::invoke`]: [`Error::MissingExport`], [`Error::ExportKind`],
    /// [`Error::ArgumentCount`], [`Error::ArgumentType`] or [`Error::Trap`].
    pub fn invoke(&mut self, name: &str, args: &[Value]) -> Result<Vec<Value>, Error> {
        self.store.invoke(self.instance, name, args)
    }

    /// The instance's memory.
    pub fn memory(&self) -> Option<Memory> {
        self.store.instances[self.instance.0 as usize].memories.first().map(|&m| Memory(m, self.store.id))
    }

    /// Copies `buf.len()` bytes of linear memory at `offset` into `buf`.
    ///
    /// # Errors
    ///
    /// [`Error::NoMemory`] if there is no memory, [`Error::MemoryOutOfBounds`] if the range is
    /// out of bounds.
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
    /// [`Error::NoMemory`] if there is no memory, [`Error::MemoryOutOfBounds`] if the range is
    /// out of bounds.
    pub fn write_memory(&mut self, offset: u64, bytes: &[u8]) -> Result<(), Error> {
        let mem = self.memory().ok_or(Error::NoMemory)?;
        let data = self.store.memory_data_mut(mem)?;
        let r = range(data.len(), offset, bytes.len())?;
        data[r].copy_from_slice(bytes);
        Ok(())
    }

    /// The whole linear memory.
    ///
    /// # Errors
    ///
    /// [`Error::NoMemory`] if the module has no memory.
    pub fn memory_slice(&self) -> Result<&[u8], Error> {
        let mem = self.memory().ok_or(Error::NoMemory)?;
        self.store.memory_data(mem)
    }

    /// The value of exported global `name`.
    pub fn global(&self, name: &str) -> Option<Value> {
        match self.store.export(self.instance, name) {
            Ok(Extern::Global(g)) => self.store.global_get(g).ok(),
            _ => None,
        }
    }
}

fn range(len: usize, offset: u64, n: usize) -> Result<std::ops::Range<usize>, Error> {
    let start = usize::try_from(offset).ok();
    match start.and_then(|s| s.checked_add(n).map(|e| (s, e))) {
        Some((s, e)) if e <= len => Ok(s..e),
        _ => Err(Error::MemoryOutOfBounds { offset, len: n, size: len }),
    }
}
