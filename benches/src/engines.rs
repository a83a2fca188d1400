//! One small adapter per engine, behind [`BenchEngine`], so a benchmark is written once and
//! runs on every engine. Adding an engine means one more adapter here and one more entry in
//! [`engines`].
//!
//! Every workload exports `run(i32) -> i64`; the adapters look it up once at load time and
//! call it through the engine's fastest public path (a typed function where the engine has one).

use std::{any::Any, time::Duration};

/// What kind of engine this is, which decides the reference it is compared with in the report:
/// interpreters with wasmi, compilers with wasmtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineKind {
    /// Runs an internal representation (life-interp, wasmi).
    Interpreter,
    /// Compiles to machine code (polymerase, wasmtime).
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

    /// The machine code in a module returned by [`compile`](BenchEngine::compile), for
    /// compilers; `None` for interpreters.
    fn code_stats(&self, compiled: &dyn Any) -> Option<CodeStats> {
        let _ = compiled;
        None
    }

    /// Compiles and instantiates `wasm` (which has no imports) and looks up its `run` export.
    ///
    /// # Errors
    ///
    /// The engine's error, as text, at any step.
    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String>;
}

/// What a compiler made of a module.
#[derive(Debug, Clone, Copy)]
pub struct CodeStats {
    /// Size of the generated machine code, in bytes.
    pub code_size: usize,
    /// The compile time the engine itself reports, if it keeps one.
    pub compile_time: Option<Duration>,
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
    vec![Box::new(LifeInterp), Box::new(Polymerase), Box::new(Wasmi::new()), Box::new(Wasmtime::new())]
}

// ---- life-interp ----

/// Life's interpreter with its default configuration.
struct LifeInterp;

/// A `Vm` and its `run` export, on either of Life's engines: the engine is a `VmConfig` setting,
/// and the call path is the same.
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
        life_compile(wasm, life_interp::VmConfig::default())
    }

    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String> {
        life_load(wasm, life_interp::VmConfig::default())
    }
}

/// Decodes, validates, translates and (on a native engine) compiles `wasm` with `config`.
fn life_compile(wasm: &[u8], config: life_interp::VmConfig) -> Result<Box<dyn Any>, String> {
    let module = life_interp::Module::new(wasm, &config).map_err(|e| e.to_string())?;
    Ok(Box::new(module))
}

/// Instantiates `wasm` with `config` and looks up `run`.
fn life_load(wasm: &[u8], config: life_interp::VmConfig) -> Result<Box<dyn BenchInstance>, String> {
    let vm = life_interp::Vm::new(wasm, config, &mut life_interp::NoImports).map_err(|e| e.to_string())?;
    let run = vm.export_func("run").ok_or("no function exported as `run`")?;
    Ok(Box::new(LifeInterpInstance { vm, run }))
}

impl BenchInstance for LifeInterpInstance {
    fn run(&mut self, arg: i32) -> Result<i64, String> {
        let results = self.vm.store_mut().call(self.run, &[life_interp::Value::I32(arg)]).map_err(|e| e.to_string())?;
        match results.as_slice() {
            [life_interp::Value::I64(x)] => Ok(*x),
            other => Err(format!("`run` returned {other:?}, expected one i64")),
        }
    }
}

// ---- polymerase ----

/// Polymerase, Life's Cranelift engine, with its default settings: the interpreter's
/// configuration with `engine` switched, which is all a user changes. Its startup time is
/// decode, validate, translate to IR and compile every function.
struct Polymerase;

fn polymerase_config() -> life_interp::VmConfig {
    life_interp::VmConfig { engine: life_aot::polymerase(), ..life_interp::VmConfig::default() }
}

impl BenchEngine for Polymerase {
    fn name(&self) -> &'static str {
        "polymerase"
    }

    fn kind(&self) -> EngineKind {
        EngineKind::Compiler
    }

    fn compile(&self, wasm: &[u8]) -> Result<Box<dyn Any>, String> {
        life_compile(wasm, polymerase_config())
    }

    fn code_stats(&self, compiled: &dyn Any) -> Option<CodeStats> {
        let native = compiled.downcast_ref::<life_interp::Module>()?.native()?;
        Some(CodeStats { code_size: native.code_size(), compile_time: Some(native.compile_time()) })
    }

    fn load(&self, wasm: &[u8]) -> Result<Box<dyn BenchInstance>, String> {
        life_load(wasm, polymerase_config())
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

    fn code_stats(&self, compiled: &dyn Any) -> Option<CodeStats> {
        let module = compiled.downcast_ref::<wasmtime::Module>()?;
        Some(CodeStats { code_size: module.text().len(), compile_time: None })
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
