//! One small adapter per engine, behind [`BenchEngine`], so a benchmark is written once and
//! runs on every engine. Adding an engine (polymerase, say) means one more adapter here and
//! one more entry in [`engines`].
//!
//! Every workload exports `run(i32) -> i64`; the adapters look it up once at load time and
//! call it through the engine's fastest public path (a typed function where the engine has one).

use std::any::Any;

/// What kind of engine this is, which decides the reference it is compared with in the report:
/// interpreters with wasmi, compilers with wasmtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// Runs an internal representation (life-interp, wasmi).
    Interpreter,
    /// Compiles to machine code (wasmtime; polymerase later).
    Compiler,
}

impl EngineKind {
    /// The word used in the manifest that `cargo xtask bench` reads.
    pub fn as_str(self) -> &'static str {
        match self {
            EngineKind::Interpreter => "interpreter",
            EngineKind::Compiler => "compiler",
        }
    }
}

/// A WebAssembly engine under test.
pub trait BenchEngine {
    /// The name used as the criterion function id (`<workload>/<name>`).
    fn name(&self) -> &'static str;

    /// Interpreter or compiler.
    fn kind(&self) -> EngineKind;

    /// Decodes, validates and translates (or compiles) `wasm`, without instantiating it: what
    /// the startup benchmark measures. The result is returned so it is dropped outside the timing.
    ///
    /// # Errors
    ///
    /// The engine's error, as text, when the module is rejected.
    fn compile(&self, wasm: &[u8]) -> Result<Box<dyn Any>, String>;

    /// Compiles and instantiates `wasm` (which has no imports) and looks up its `run` export.
    ///
    /// # Errors
    ///
    /// The engine's error, as text, at any step.
    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String>;
}

/// An instantiated workload, ready to be called in the timed loop.
pub trait BenchInstance {
    /// Calls the workload's `run(arg)` export.
    ///
    /// # Errors
    ///
    /// The trap or error, as text.
    fn run(&mut self, arg: i32) -> Result<i64, String>;
}

/// Every engine, in the order they appear in each benchmark group and in the report.
pub fn engines() -> Vec<Box<dyn BenchEngine>> {
    vec![Box::new(LifeInterp), Box::new(Wasmi::new()), Box::new(Wasmtime::new())]
}

// ---- life-interp ----

/// Life's interpreter with its default configuration.
struct LifeInterp;

struct LifeInterpInstance {
    vm: life_interp::Vm,
    run: life_interp::Func,
}

impl BenchEngine for LifeInterp {
    fn name(&self) -> &'static str {
        "life-interp"
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Interpreter
    }

    fn compile(&self, wasm: &[u8]) -> Result<Box<dyn Any>, String> {
        let module = life_interp::Module::new(wasm, &life_interp::VmConfig::default()).map_err(|e| e.to_string())?;
        Ok(Box::new(module))
    }

    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String> {
        let vm = life_interp::Vm::new(wasm, life_interp::VmConfig::default(), &mut life_interp::NoImports)
            .map_err(|e| e.to_string())?;
        let run = vm.export_func("run").ok_or("no function exported as `run`")?;
        Ok(Box::new(LifeInterpInstance { vm, run }))
    }
}

impl BenchInstance for LifeInterpInstance {
    fn run(&mut self, arg: i32) -> Result<i64, String> {
        let results = self.vm.store().call(self.run, &[life_interp::Value::I32(arg)]).map_err(|e| e.to_string())?;
        match results.as_slice() {
            [life_interp::Value::I64(x)] => Ok(*x),
            other => Err(format!("`run` returned {other:?}, expected one i64")),
        }
    }
}

// ---- wasmi ----

/// wasmi with its default configuration (lazy translation, tail-call dispatch where available).
struct Wasmi {
    engine: wasmi::Engine,
}

impl Wasmi {
    fn new() -> Self {
        Wasmi { engine: wasmi::Engine::default() }
    }
}

struct WasmiInstance {
    store: wasmi::Store<()>,
    run: wasmi::TypedFunc<i32, i64>,
}

impl BenchEngine for Wasmi {
    fn name(&self) -> &'static str {
        "wasmi"
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Interpreter
    }

    fn compile(&self, wasm: &[u8]) -> Result<Box<dyn Any>, String> {
        let module = wasmi::Module::new(&self.engine, wasm).map_err(|e| e.to_string())?;
        Ok(Box::new(module))
    }

    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String> {
        let module = wasmi::Module::new(&self.engine, wasm).map_err(|e| e.to_string())?;
        let mut store = wasmi::Store::new(&self.engine, ());
        let linker = wasmi::Linker::<()>::new(&self.engine);
        let instance = linker.instantiate_and_start(&mut store, &module).map_err(|e| e.to_string())?;
        let run = instance.get_typed_func::<i32, i64>(&store, "run").map_err(|e| e.to_string())?;
        Ok(Box::new(WasmiInstance { store, run }))
    }
}

impl BenchInstance for WasmiInstance {
    fn run(&mut self, arg: i32) -> Result<i64, String> {
        self.run.call(&mut self.store, arg).map_err(|e| e.to_string())
    }
}

// ---- wasmtime ----

/// wasmtime with its default configuration (Cranelift, parallel compilation).
struct Wasmtime {
    engine: wasmtime::Engine,
}

impl Wasmtime {
    fn new() -> Self {
        Wasmtime { engine: wasmtime::Engine::default() }
    }
}

struct WasmtimeInstance {
    store: wasmtime::Store<()>,
    run: wasmtime::TypedFunc<i32, i64>,
}

impl BenchEngine for Wasmtime {
    fn name(&self) -> &'static str {
        "wasmtime"
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Compiler
    }

    fn compile(&self, wasm: &[u8]) -> Result<Box<dyn Any>, String> {
        let module = wasmtime::Module::new(&self.engine, wasm).map_err(|e| e.to_string())?;
        Ok(Box::new(module))
    }

    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String> {
        let module = wasmtime::Module::new(&self.engine, wasm).map_err(|e| e.to_string())?;
        let mut store = wasmtime::Store::new(&self.engine, ());
        let linker = wasmtime::Linker::<()>::new(&self.engine);
        let instance = linker.instantiate(&mut store, &module).map_err(|e| e.to_string())?;
        let run = instance.get_typed_func::<i32, i64>(&mut store, "run").map_err(|e| e.to_string())?;
        Ok(Box::new(WasmtimeInstance { store, run }))
    }
}

impl BenchInstance for WasmtimeInstance {
    fn run(&mut self, arg: i32) -> Result<i64, String> {
        self.run.call(&mut self.store, arg).map_err(|e| e.to_string())
    }
}
