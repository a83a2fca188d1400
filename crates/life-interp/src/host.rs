//! Host functions, the `Caller` view they get, and import resolution (`ImportResolver`, `Linker`).

use crate::{Error, Extern, Instance, Memory, Store, Trap};
use life_decode::{ExternType, FuncType, GlobalType, Value};
use std::{collections::HashMap, fmt, sync::Arc};

type HostFn = dyn Fn(&mut Caller<'_>, &[Value], &mut [Value]) -> Result<(), Trap> + Send + Sync;

/// A function implemented by the host. Cloning is cheap (shared).
///
/// The closure receives a [`Caller`] (the calling instance's memory, the store), the arguments,
/// and a slice to fill with the results, one per result type, pre-filled with zero values.
///
/// ```
/// use life_interp::{HostFunc, FuncType, ValType, Value};
/// let add = HostFunc::new(
///     FuncType::new([ValType::I32, ValType::I32], [ValType::I32]),
///     |_caller, args, results| {
///         results[0] = Value::I32(args[0].i32().unwrap() + args[1].i32().unwrap());
///         Ok(())
///     },
/// );
/// assert_eq!(add.ty().params().len(), 2);
/// ```
#[derive(Clone)]
pub struct HostFunc(Arc<Shared>);

/// A typed host function's body ([`HostFunc::wrap`]): arguments in slot form in, results in
/// slot form out, in the same slots. Engines call it with no conversion through [`Value`]s.
type SlotFn = dyn Fn(&mut Caller<'_>, &mut [u64]) -> Result<(), Trap> + Send + Sync;

/// A host function's signature and body behind one reference count, so that the store's calls
/// clone one pointer and allocate nothing.
struct Shared {
    ty: FuncType,
    body: Body,
}

enum Body {
    /// Made by [`HostFunc::new`]: values in, values out.
    Values(Box<HostFn>),
    /// Made by [`HostFunc::wrap`]: slots in, slots out.
    Slots(Box<SlotFn>),
}

impl HostFunc {
    /// A host function of signature `ty`.
    pub fn new(
        ty: FuncType,
        f: impl Fn(&mut Caller<'_>, &[Value], &mut [Value]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Self {
        HostFunc(Arc::new(Shared { ty, body: Body::Values(Box::new(f)) }))
    }

    /// A host function of signature `ty` whose body works on slot form (see [`SlotFn`]); the
    /// typed API makes these, and guarantees that the body reads and writes exactly `ty`.
    pub(crate) fn from_slots(
        ty: FuncType,
        f: impl Fn(&mut Caller<'_>, &mut [u64]) -> Result<(), Trap> + Send + Sync + 'static,
    ) -> Self {
        HostFunc(Arc::new(Shared { ty, body: Body::Slots(Box::new(f)) }))
    }

    /// The signature.
    pub fn ty(&self) -> &FuncType {
        &self.0.ty
    }

    /// Runs the function on values. A panic in it becomes a trap whose message names the
    /// panic, on every engine (so it never unwinds through guest frames); the store may then
    /// hold whatever the function had changed before it panicked.
    pub(crate) fn call(&self, caller: &mut Caller<'_>, args: &[Value], results: &mut [Value]) -> Result<(), Trap> {
        catch_panic(|| match &self.0.body {
            Body::Values(f) => f(caller, args, results),
            Body::Slots(f) => {
                // Typed signatures have at most eight values of two slots on each side.
                let mut slots = [0u64; 16];
                crate::store::write_values(args, &mut slots);
                f(caller, &mut slots)?;
                let mut at = 0;
                for (r, &t) in results.iter_mut().zip(self.0.ty.results()) {
                    *r = crate::store::decode(t, slots[at], slots.get(at + 1).copied().unwrap_or(0));
                    at += t.slots() as usize;
                }
                Ok(())
            }
        })
    }
}

/// Runs `f`, turning a panic into a trap that names it (see [`HostFunc::call`]).
pub(crate) fn catch_panic<R>(f: impl FnOnce() -> Result<R, Trap>) -> Result<R, Trap> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        Err(Trap::host(format!("a host function panicked: {msg}")))
    })
}

impl fmt::Debug for HostFunc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HostFunc{}", self.0.ty)
    }
}

/// What a host function sees of its caller: the store and the calling instance's memory.
pub struct Caller<'a> {
    pub(crate) store: &'a mut Store,
    pub(crate) instance: Option<Instance>,
}

impl Caller<'_> {
    /// The store.
    pub fn store(&mut self) -> &mut Store {
        self.store
    }

    /// Charges `amount` extra gas, failing with an `out of gas` trap (return it) if too little
    /// is left. Without metering nothing is charged.
    ///
    /// # Errors
    ///
    /// The `out of gas` trap.
    pub fn consume_gas(&mut self, amount: u64) -> Result<(), Trap> {
        self.store.consume_gas(amount)
    }

    /// Gas left, if metering is on.
    pub fn gas_left(&self) -> Option<u64> {
        self.store.gas_left()
    }

    /// The store's data (see [`Store::set_data`]), if it is a `T`.
    pub fn data<T: std::any::Any>(&self) -> Option<&T> {
        self.store.data()
    }

    /// The store's data, writable, if it is a `T`.
    pub fn data_mut<T: std::any::Any>(&mut self) -> Option<&mut T> {
        self.store.data_mut()
    }

    /// The calling instance, if the call came from WebAssembly.
    pub fn instance(&self) -> Option<Instance> {
        self.instance
    }

    /// The calling instance's first memory.
    pub fn memory(&self) -> Option<Memory> {
        self.instance.and_then(|i| self.store.instance_memory(i).ok().flatten())
    }

    /// Reads `len` bytes of the caller's memory at `ptr`.
    ///
    /// # Errors
    ///
    /// A `out of bounds memory access` trap when the range is outside memory, or a host
    /// error when the caller has no memory.
    pub fn read(&self, ptr: u32, len: u32) -> Result<&[u8], Trap> {
        let mem = self.memory().ok_or_else(|| Trap::host("the caller has no memory"))?;
        let data = &self.store.memories[mem.0 as usize].data;
        let end = ptr as usize + len as usize;
        data.get(ptr as usize..end).ok_or_else(|| life_decode::TrapCode::MemoryOutOfBounds.into())
    }

    /// Writes `bytes` into the caller's memory at `ptr`.
    ///
    /// # Errors
    ///
    /// As [`Caller::read`].
    pub fn write(&mut self, ptr: u32, bytes: &[u8]) -> Result<(), Trap> {
        let mem = self.memory().ok_or_else(|| Trap::host("the caller has no memory"))?;
        let data = &mut self.store.memories[mem.0 as usize].data;
        let end = ptr as usize + bytes.len();
        let dst = data.get_mut(ptr as usize..end).ok_or(life_decode::TrapCode::MemoryOutOfBounds)?;
        dst.copy_from_slice(bytes);
        Ok(())
    }
}

/// Supplies definitions for a module's imports, as the original `life`'s `ImportResolver` did.
///
/// Implement [`resolve_func`](Self::resolve_func) and [`resolve_global`](Self::resolve_global)
/// for host functions and globals; override [`resolve`](Self::resolve) to hand out any entity
/// already in the store (another instance's exports, a shared memory), as [`Linker`] does.
/// An import left unresolved fails instantiation with an error naming it.
pub trait ImportResolver {
    /// A host function for import `module`.`field` of signature `ty`.
    fn resolve_func(&mut self, module: &str, field: &str, ty: &FuncType) -> Option<HostFunc> {
        let _ = (module, field, ty);
        None
    }

    /// The value of imported global `module`.`field`.
    fn resolve_global(&mut self, module: &str, field: &str, ty: &GlobalType) -> Option<Value> {
        let _ = (module, field, ty);
        None
    }

    /// Any entity for an import. The default allocates what `resolve_func` and
    /// `resolve_global` return.
    fn resolve(&mut self, store: &mut Store, module: &str, field: &str, ty: &ExternType) -> Option<Extern> {
        match ty {
            ExternType::Func(t) => {
                let f = self.resolve_func(module, field, t)?;
                Some(Extern::Func(store.alloc_host_func(f)))
            }
            ExternType::Global(g) => {
                let v = self.resolve_global(module, field, g)?;
                store.alloc_global(*g, v).ok().map(Extern::Global)
            }
            ExternType::Table(_) | ExternType::Memory(_) => None,
        }
    }
}

/// Two resolvers in turn: `self.0` first, then `self.1` for what it leaves unresolved.
///
/// This is how an embedder combines, say, a WASI implementation with its own host functions.
impl<A: ImportResolver, B: ImportResolver> ImportResolver for (A, B) {
    fn resolve(&mut self, store: &mut Store, module: &str, field: &str, ty: &ExternType) -> Option<Extern> {
        self.0.resolve(store, module, field, ty).or_else(|| self.1.resolve(store, module, field, ty))
    }
}

/// Resolves nothing: for modules without imports.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoImports;

impl ImportResolver for NoImports {}

/// A name-to-entity map that resolves imports, for linking instances in one store.
///
/// Its entries are handles, so a linker belongs to the store its entries came from: used with
/// another store, instantiation fails with [`InstantiationError::WrongStore`](crate::InstantiationError::WrongStore)
/// naming the import.
///
/// ```
/// use life_interp::{Linker, Module, Store, VmConfig, Value};
/// let config = VmConfig::default();
/// let mut store = Store::new(config.clone());
/// let a = Module::from_wat(r#"(module (func (export "two") (result i32) i32.const 2))"#, &config).unwrap();
/// let b = Module::from_wat(r#"(module (import "a" "two" (func $two (result i32)))
///     (func (export "four") (result i32) call $two call $two i32.add))"#, &config).unwrap();
/// let mut linker = Linker::new();
/// let ia = store.instantiate(&a, &mut linker).unwrap();
/// linker.define_instance(&store, "a", ia).unwrap();
/// let ib = store.instantiate(&b, &mut linker).unwrap();
/// assert_eq!(store.invoke(ib, "four", &[]).unwrap(), vec![Value::I32(4)]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Linker {
    defs: HashMap<(String, String), Extern>,
}

impl Linker {
    /// An empty linker.
    pub fn new() -> Self {
        Linker::default()
    }

    /// Defines `module`.`name`.
    pub fn define(&mut self, module: &str, name: &str, ext: Extern) -> &mut Self {
        self.defs.insert((module.to_string(), name.to_string()), ext);
        self
    }

    /// Defines every export of `instance` under module name `module`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`] if `instance` is not in `store`.
    pub fn define_instance(&mut self, store: &Store, module: &str, instance: Instance) -> Result<&mut Self, Error> {
        for (name, ext) in store.exports(instance)? {
            self.defs.insert((module.to_string(), name.to_string()), ext);
        }
        Ok(self)
    }

    /// Defines a host function.
    pub fn define_func(&mut self, store: &mut Store, module: &str, name: &str, f: HostFunc) -> &mut Self {
        let func = store.alloc_host_func(f);
        self.define(module, name, Extern::Func(func))
    }

    /// The definition of `module`.`name`.
    pub fn get(&self, module: &str, name: &str) -> Option<Extern> {
        self.defs.get(&(module.to_string(), name.to_string())).copied()
    }
}

impl ImportResolver for Linker {
    fn resolve(&mut self, _store: &mut Store, module: &str, field: &str, _ty: &ExternType) -> Option<Extern> {
        self.get(module, field)
    }
}

/// Error for a bad argument list, shared by every entry point.
pub(crate) fn check_args(ty: &FuncType, args: &[Value]) -> Result<(), Error> {
    check_values(ty.params(), args)
}

/// Error unless `values` have exactly the types `tys`.
pub(crate) fn check_values(tys: &[life_decode::ValType], values: &[Value]) -> Result<(), Error> {
    if values.len() != tys.len() {
        return Err(Error::ArgumentCount { expected: tys.len(), got: values.len() });
    }
    for (index, (v, &expected)) in values.iter().zip(tys).enumerate() {
        if v.ty() != expected {
            return Err(Error::ArgumentType { index, expected, got: v.ty() });
        }
    }
    Ok(())
}

/// The arguments and results of one host call, on the caller's stack for signatures of up to
/// [`HostValues::INLINE`] values in all (no heap allocation per call), on the heap beyond.
pub(crate) struct HostValues {
    inline: [Value; HostValues::INLINE],
    heap: Vec<Value>,
    params: usize,
    len: usize,
}

impl HostValues {
    const INLINE: usize = 16;

    fn values(&mut self) -> &mut [Value] {
        if self.heap.is_empty() { &mut self.inline[..self.len] } else { &mut self.heap }
    }

    /// The results the host function wrote, checked against its type.
    pub(crate) fn results(&self) -> &[Value] {
        if self.heap.is_empty() { &self.inline[self.params..self.len] } else { &self.heap[self.params..] }
    }
}

/// Calls host function `host`, of type `store.types[type_id]`, with the arguments in slot form
/// at the start of `slots`, as called by `instance` (`None` for the host itself), and writes
/// its results, checked against the type, over them. `slots` must hold the larger of the
/// parameters' and the results' slots. The type is borrowed, never cloned, and a typed host
/// function runs on the slots directly, so a call allocates nothing for common signatures.
pub(crate) fn call_host_in_slots(
    store: &mut Store,
    host: &HostFunc,
    type_id: usize,
    instance: Option<u32>,
    slots: &mut [u64],
) -> Result<(), Trap> {
    let instance = instance.map(|i| Instance(i, store.id));
    let f = match &host.0.body {
        Body::Slots(f) => return catch_panic(|| f(&mut Caller { instance, store }, slots)),
        Body::Values(f) => f,
    };
    let ty = &store.types[type_id];
    let (params, len) = (ty.params().len(), ty.params().len() + ty.results().len());
    let mut values = HostValues { inline: [Value::I32(0); HostValues::INLINE], heap: Vec::new(), params, len };
    if len > HostValues::INLINE {
        values.heap.resize(len, Value::I32(0));
    }
    let buf = values.values();
    let mut at = 0;
    for (v, &t) in buf.iter_mut().zip(ty.params()) {
        *v = crate::store::decode(t, slots[at], slots.get(at + 1).copied().unwrap_or(0));
        at += t.slots() as usize;
    }
    for (v, &t) in buf[params..].iter_mut().zip(ty.results()) {
        *v = Value::default_of(t);
    }
    let (args, results) = buf.split_at_mut(params);
    catch_panic(|| f(&mut Caller { instance, store }, args, results))?;
    for (v, &t) in values.results().iter().zip(store.types[type_id].results()) {
        if v.ty() != t {
            return Err(Trap::host(format!("host function returned a {} for a {t} result", v.ty())));
        }
    }
    store.check_refs(values.results()).map_err(|e| Trap::host(format!("host function returned a bad result: {e}")))?;
    crate::store::write_values(values.results(), slots);
    Ok(())
}
