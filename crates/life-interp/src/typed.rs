//! The typed embedding API: host functions from Rust closures whose signature comes from their
//! argument and result types ([`HostFunc::wrap`], [`Linker::func_wrap`]), and exported functions
//! called with Rust values ([`TypedFunc`]).
//!
//! Rust types map to WebAssembly types through [`WasmTy`]: `i32`, `i64`, `f32`, `f64` (and
//! life-decode's bit-exact [`F32`] and [`F64`]), `u128` for `v128`, `Option<FuncRef>` for
//! `funcref` and `Option<u32>` for `externref`. Several results are a tuple; a host closure may
//! also return `Result<_, Trap>` to fail, and take a `&mut Caller` first to reach memory, gas and
//! the store's data.

use crate::{Caller, Error, Func, HostFunc, Linker, Store, Trap};
use life_decode::{F32, F64, FuncRef, FuncType, ValType, Value};
use std::marker::PhantomData;

/// A Rust type that is one WebAssembly value.
pub trait WasmTy: Sized + Send + 'static {
    /// Its WebAssembly type.
    const TY: ValType;
    /// Into a value.
    fn into_value(self) -> Value;
    /// From a value of type [`WasmTy::TY`] (callers check the type first).
    fn from_value(value: Value) -> Option<Self>;
}

macro_rules! wasm_ty {
    ($($t:ty => $vt:ident, $v:ident, |$x:ident| $into:expr, |$y:ident| $from:expr;)*) => {$(
        impl WasmTy for $t {
            const TY: ValType = ValType::$vt;
            fn into_value(self) -> Value {
                let $x = self;
                Value::$v($into)
            }
            fn from_value(value: Value) -> Option<Self> {
                match value {
                    Value::$v($y) => Some($from),
                    _ => None,
                }
            }
        }
    )*};
}

wasm_ty! {
    i32 => I32, I32, |x| x, |y| y;
    i64 => I64, I64, |x| x, |y| y;
    f32 => F32, F32, |x| F32::from(x), |y| y.to_float();
    f64 => F64, F64, |x| F64::from(x), |y| y.to_float();
    F32 => F32, F32, |x| x, |y| y;
    F64 => F64, F64, |x| x, |y| y;
    u128 => V128, V128, |x| x, |y| y;
    Option<FuncRef> => FuncRef, FuncRef, |x| x, |y| y;
    Option<u32> => ExternRef, ExternRef, |x| x, |y| y;
}

/// A list of WebAssembly values as Rust values: `()`, one [`WasmTy`], or a tuple of them.
pub trait WasmList: Sized + Send + 'static {
    /// The types, in order.
    fn types() -> Vec<ValType>;
    /// Into values.
    fn into_values(self) -> Vec<Value>;
    /// From values of exactly [`WasmList::types`].
    fn from_values(values: &[Value]) -> Option<Self>;
    /// Whether one of the values is a `funcref` (which must be checked against the store).
    #[doc(hidden)]
    const HAS_FUNCREF: bool;
    /// Writes the values in the engines' slot form (a `v128` takes two slots), from slot 0.
    #[doc(hidden)]
    fn write_slots(self, slots: &mut [u64]);
    /// Reads values of exactly [`WasmList::types`] from slot form.
    #[doc(hidden)]
    fn read_slots(slots: &[u64]) -> Self;
}

/// Refuses a `funcref` in `slots` (values of types `L`) that names no function of `store`
/// (see `Store::check_refs`).
fn check_slot_refs<L: WasmList>(store: &Store, slots: &[u64]) -> Result<(), Error> {
    store.check_refs(&crate::store::read_values(&L::types(), slots))
}

/// Slots a typed call needs at most: eight values of two slots each.
const MAX_SLOTS: usize = 16;

/// Reads one value of type `T` from slot form at `*at`, and moves `*at` past it.
fn read_slot<T: WasmTy>(slots: &[u64], at: &mut usize) -> T {
    let value = crate::store::decode(T::TY, slots[*at], slots.get(*at + 1).copied().unwrap_or(0));
    *at += T::TY.slots() as usize;
    T::from_value(value).expect("a value decoded as its own type")
}

/// Writes `value` in slot form at `*at`, and moves `*at` past it.
fn write_slot<T: WasmTy>(value: T, slots: &mut [u64], at: &mut usize) {
    crate::store::write_value(value.into_value(), &mut slots[*at..]);
    *at += T::TY.slots() as usize;
}

impl<T: WasmTy> WasmList for T {
    const HAS_FUNCREF: bool = matches!(T::TY, ValType::FuncRef);
    fn types() -> Vec<ValType> {
        vec![T::TY]
    }
    fn into_values(self) -> Vec<Value> {
        vec![self.into_value()]
    }
    fn from_values(values: &[Value]) -> Option<Self> {
        match values {
            [v] => T::from_value(*v),
            _ => None,
        }
    }
    fn write_slots(self, slots: &mut [u64]) {
        write_slot(self, slots, &mut 0);
    }
    fn read_slots(slots: &[u64]) -> Self {
        read_slot(slots, &mut 0)
    }
}

macro_rules! wasm_list {
    ($(($($t:ident),*);)*) => {$(
        #[allow(non_snake_case)]
        impl<$($t: WasmTy),*> WasmList for ($($t,)*) {
            const HAS_FUNCREF: bool = false $(|| matches!($t::TY, ValType::FuncRef))*;
            fn types() -> Vec<ValType> {
                vec![$($t::TY),*]
            }
            fn into_values(self) -> Vec<Value> {
                let ($($t,)*) = self;
                vec![$($t.into_value()),*]
            }
            fn from_values(values: &[Value]) -> Option<Self> {
                let mut it = values.iter().copied();
                let r = ($($t::from_value(it.next()?)?,)*);
                it.next().is_none().then_some(r)
            }
            #[allow(unused_variables, unused_mut)]
            fn write_slots(self, slots: &mut [u64]) {
                let ($($t,)*) = self;
                let mut at = 0;
                $(write_slot($t, slots, &mut at);)*
            }
            #[allow(unused_variables, unused_mut, clippy::unused_unit)]
            fn read_slots(slots: &[u64]) -> Self {
                let mut at = 0;
                ($(read_slot::<$t>(slots, &mut at),)*)
            }
        }
    )*};
}

/// Calls `$m!` with every tuple shape the typed API supports (up to eight values), so that
/// parameter lists and host closures cover the same arities.
macro_rules! for_each_tuple {
    ($m:ident) => {
        $m! {
            ();
            (A);
            (A, B);
            (A, B, C);
            (A, B, C, D);
            (A, B, C, D, E);
            (A, B, C, D, E, G);
            (A, B, C, D, E, G, H);
            (A, B, C, D, E, G, H, I);
        }
    };
}

for_each_tuple!(wasm_list);

/// What a host closure may return: its results, or `Result<results, Trap>`.
pub trait HostResult: Send + 'static {
    /// The results' list type.
    type Results: WasmList;
    /// The results, or the trap.
    fn into_result(self) -> Result<Self::Results, Trap>;
}

impl<R: WasmList> HostResult for R {
    type Results = R;
    fn into_result(self) -> Result<R, Trap> {
        Ok(self)
    }
}

impl<R: WasmList> HostResult for Result<R, Trap> {
    type Results = R;
    fn into_result(self) -> Result<R, Trap> {
        self
    }
}

/// A closure that can be a host function; `Marker` tells apart the shapes with and without a
/// [`Caller`] argument (inferred, never written).
pub trait IntoHostFunc<Marker>: Send + Sync + 'static {
    /// The host function.
    fn into_host_func(self) -> HostFunc;
}

/// Marker of closures without a [`Caller`] argument.
pub struct NoCaller<P>(PhantomData<P>);
/// Marker of closures taking a [`Caller`] first.
pub struct WithCaller<P>(PhantomData<P>);

macro_rules! into_host_func {
    ($(($($t:ident),*);)*) => {$(
        #[allow(non_snake_case)]
        impl<F, R, $($t: WasmTy),*> IntoHostFunc<NoCaller<($($t,)*)>> for F
        where
            F: Fn($($t),*) -> R + Send + Sync + 'static,
            R: HostResult,
        {
            fn into_host_func(self) -> HostFunc {
                let with_caller = move |_: &mut Caller<'_>, $($t: $t),*| self($($t),*);
                IntoHostFunc::<WithCaller<($($t,)*)>>::into_host_func(with_caller)
            }
        }

        #[allow(non_snake_case)]
        impl<F, R, $($t: WasmTy),*> IntoHostFunc<WithCaller<($($t,)*)>> for F
        where
            F: Fn(&mut Caller<'_>, $($t),*) -> R + Send + Sync + 'static,
            R: HostResult,
        {
            fn into_host_func(self) -> HostFunc {
                let ty = FuncType::new(<($($t,)*) as WasmList>::types(), R::Results::types());
                // The engines check arguments against `ty` and read results by it, so the body
                // works on slot form with no conversion.
                HostFunc::from_slots(ty, move |caller, slots| {
                    let ($($t,)*) = <($($t,)*) as WasmList>::read_slots(slots);
                    self(caller, $($t),*).into_result()?.write_slots(slots);
                    if R::Results::HAS_FUNCREF {
                        check_slot_refs::<R::Results>(caller.store, slots)
                            .map_err(|e| Trap::host(format!("host function returned a bad result: {e}")))?;
                    }
                    Ok(())
                })
            }
        }
    )*};
}

for_each_tuple!(into_host_func);

impl HostFunc {
    /// A host function from a closure; its signature comes from the closure's argument and
    /// result types (see the module documentation of [`typed`](crate::typed)).
    ///
    /// ```
    /// use life_interp::{Caller, HostFunc, ValType};
    /// let add = HostFunc::wrap(|a: i32, b: i32| a + b);
    /// assert_eq!(add.ty().params(), &[ValType::I32, ValType::I32]);
    /// let divmod = HostFunc::wrap(|_caller: &mut Caller<'_>, a: i64, b: i64| (a / b, a % b));
    /// assert_eq!(divmod.ty().results(), &[ValType::I64, ValType::I64]);
    /// ```
    pub fn wrap<M>(f: impl IntoHostFunc<M>) -> HostFunc {
        f.into_host_func()
    }
}

impl Linker {
    /// Defines `module`.`name` as a host function made from a closure ([`HostFunc::wrap`]).
    pub fn func_wrap<M>(&mut self, store: &mut Store, module: &str, name: &str, f: impl IntoHostFunc<M>) -> &mut Self {
        self.define_func(store, module, name, HostFunc::wrap(f))
    }
}

/// An exported function with its signature checked once: called with Rust values, it returns
/// Rust values.
///
/// ```
/// use life_interp::{NoImports, Vm, VmConfig};
/// let wasm = wat::parse_str(r#"(module (func (export "mix") (param i32 i64) (result f64)
///     (f64.add (f64.convert_i32_s (local.get 0)) (f64.convert_i64_s (local.get 1)))))"#).unwrap();
/// let mut vm = Vm::new(&wasm, VmConfig::default(), &mut NoImports).unwrap();
/// let mix = vm.typed_func::<(i32, i64), f64>("mix").unwrap();
/// assert_eq!(mix.call(vm.store_mut(), (2, 40)).unwrap(), 42.0);
/// assert!(vm.typed_func::<i32, f64>("mix").is_err());
/// ```
pub struct TypedFunc<P, R> {
    func: Func,
    _types: PhantomData<fn(P) -> R>,
}

impl<P, R> Clone for TypedFunc<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, R> Copy for TypedFunc<P, R> {}

impl<P, R> std::fmt::Debug for TypedFunc<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TypedFunc").field(&self.func).finish()
    }
}

impl<P: WasmList, R: WasmList> TypedFunc<P, R> {
    /// `func` as a typed function, if its signature is `P -> R`.
    ///
    /// # Errors
    ///
    /// [`Error::WrongStore`], or [`Error::FuncType`] when the signatures differ.
    pub fn new(store: &Store, func: Func) -> Result<Self, Error> {
        let have = store.func_type(func)?;
        let want = FuncType::new(P::types(), R::types());
        if *have != want {
            return Err(Error::FuncType { expected: want, found: have.clone() });
        }
        Ok(TypedFunc { func, _types: PhantomData })
    }

    /// The untyped handle.
    pub fn func(&self) -> Func {
        self.func
    }

    /// Calls the function.
    ///
    /// # Errors
    ///
    /// [`Error::Trap`] if it traps, [`Error::WrongStore`] for another store.
    pub fn call(&self, store: &mut Store, params: P) -> Result<R, Error> {
        let addr = store.check(self.func)?;
        // Arguments and results pass in slot form through a buffer on the stack: the signature
        // was checked when the `TypedFunc` was made, so nothing is converted or allocated.
        let mut slots = [0u64; MAX_SLOTS];
        params.write_slots(&mut slots);
        if P::HAS_FUNCREF {
            check_slot_refs::<P>(store, &slots)?;
        }
        store.call_top_slots(addr, &mut slots)?;
        Ok(R::read_slots(&slots))
    }
}

impl Store {
    /// The function exported as `name` by `instance`, typed `P -> R`.
    ///
    /// # Errors
    ///
    /// As [`Store::export`], [`Error::ExportKind`] for another kind, [`Error::FuncType`] when the
    /// signature is not `P -> R`.
    pub fn typed_func<P: WasmList, R: WasmList>(
        &self,
        instance: crate::Instance,
        name: &str,
    ) -> Result<TypedFunc<P, R>, Error> {
        TypedFunc::new(self, self.export_func(instance, name)?)
    }
}

impl crate::Vm {
    /// The exported function `name`, typed `P -> R`; see [`TypedFunc`].
    ///
    /// # Errors
    ///
    /// As [`Store::typed_func`].
    pub fn typed_func<P: WasmList, R: WasmList>(&self, name: &str) -> Result<TypedFunc<P, R>, Error> {
        self.store().typed_func(self.instance(), name)
    }
}
