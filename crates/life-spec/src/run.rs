//! The `.wast` runner: walks a script's directives and checks each one against a [`SpecEngine`].
//!
//! Every directive is one assertion, module definitions included, so a file's
//! `passed + failed` is its number of directives and a failure count never hides a skip.
//! Directives the runner does not understand (threads, exceptions, components) are failures.
//!
//! Two corners worth knowing:
//! - Trap messages are compared with `contains`; the few tolerated mismatches live in
//!   [`trap_matches`], each with its reason.
//! - `assert_invalid` and `assert_malformed` only check that the engine rejected the module at
//!   decode time, not the wording of its error: every engine words validation errors differently.

use crate::{
    compare::{arg_value, check_results, show_values},
    engine::{ExecError, InstantiateError, SpecEngine},
};
use life_decode::Value;
use std::{
    any::Any,
    collections::HashMap,
    fmt,
    panic::{self, AssertUnwindSafe},
};
use wast::{
    QuoteWat, Wast, WastDirective, WastExecute, WastInvoke, Wat,
    lexer::Lexer,
    parser::{self, ParseBuffer},
    token::Id,
};

/// The outcome of one `.wast` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Directives that behaved as the script says.
    pub passed: usize,
    /// Directives that did not.
    pub failed: usize,
    /// One message per failed directive: `file:line: directive: what differed`.
    pub failures: Vec<String>,
}

impl Summary {
    /// A summary with a single failure, for a file that could not run at all.
    pub fn failure(message: String) -> Summary {
        Summary { passed: 0, failed: 1, failures: vec![message] }
    }

    /// Whether every directive passed.
    pub fn is_ok(&self) -> bool {
        self.failed == 0
    }

    fn fail(&mut self, message: String) {
        self.failed += 1;
        self.failures.push(message);
    }
}

/// Runs the `.wast` script `source` (named `name` in messages) on `engine`.
///
/// Never panics because of the engine: a panic inside a directive is caught and reported as
/// that directive's failure, and the run continues with the next directive.
pub fn run_wast<E: SpecEngine>(name: &str, source: &str, engine: &mut E) -> Summary {
    let mut lexer = Lexer::new(source);
    // The official scripts contain bidirectional-override characters in strings on purpose.
    lexer.allow_confusing_unicode(true);
    let buffer = match ParseBuffer::new_with_lexer(lexer) {
        Ok(buffer) => buffer,
        Err(mut err) => {
            err.set_text(source);
            return Summary::failure(format!("{name}: cannot lex the script: {err}"));
        }
    };
    let wast = match parser::parse::<Wast<'_>>(&buffer) {
        Ok(wast) => wast,
        Err(mut err) => {
            err.set_text(source);
            return Summary::failure(format!("{name}: cannot parse the script: {err}"));
        }
    };

    let mut runner =
        Runner { engine, current: None, instances: HashMap::new(), definitions: HashMap::new(), last_definition: None };
    let mut summary = Summary::default();
    for directive in wast.directives {
        let (line, _col) = directive.span().linecol_in(source);
        let kind = directive_name(&directive);
        match panic::catch_unwind(AssertUnwindSafe(|| runner.run(directive))) {
            Ok(Ok(())) => summary.passed += 1,
            Ok(Err(message)) => summary.fail(format!("{name}:{}: {kind}: {message}", line + 1)),
            Err(payload) => {
                summary.fail(format!("{name}:{}: {kind}: panicked: {}", line + 1, panic_message(payload.as_ref())))
            }
        }
    }
    summary
}

/// The script's state while it runs: which instances exist and what they are called.
struct Runner<'e, E: SpecEngine> {
    engine: &'e mut E,
    /// The most recently instantiated module: the target of actions that name no module.
    /// `None` after a top-level module failed, so later actions fail loudly instead of silently
    /// running against an older module.
    current: Option<E::Instance>,
    /// Instances by `$id`.
    instances: HashMap<String, E::Instance>,
    /// Binaries of `(module definition $id ...)`, for `(module instance ...)`.
    definitions: HashMap<String, Vec<u8>>,
    /// The binary of the most recent `module definition`, for `(module instance)` without a name.
    last_definition: Option<Vec<u8>>,
}

/// A directive's verdict: `Err` holds what differed.
type Check = Result<(), String>;

/// How an action failed inside the engine.
enum Failure {
    Exec(ExecError),
    Instantiate(InstantiateError),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Exec(err) => write!(f, "{}", DisplayExec(err)),
            Failure::Instantiate(err) => write!(f, "{}", DisplayInstantiate(err)),
        }
    }
}

impl<E: SpecEngine> Runner<'_, E> {
    fn run(&mut self, directive: WastDirective<'_>) -> Check {
        match directive {
            WastDirective::Module(mut module) => {
                let name = module.name();
                // Forget the previous module first: if this one fails, later actions must not
                // run against a stale instance.
                self.current = None;
                if let Some(id) = name {
                    self.instances.remove(id.name());
                }
                let wasm = encode(&mut module)?;
                let instance = self
                    .engine
                    .instantiate(&wasm)
                    .map_err(|err| format!("module failed: {}", DisplayInstantiate(&err)))?;
                self.define(name, instance);
                Ok(())
            }
            WastDirective::ModuleDefinition(mut module) => {
                // The adapter has no validate-only entry point, so a definition is checked when
                // it is instantiated.
                let wasm = encode(&mut module)?;
                if let Some(id) = module.name() {
                    self.definitions.insert(id.name().to_string(), wasm.clone());
                }
                self.last_definition = Some(wasm);
                Ok(())
            }
            WastDirective::ModuleInstance { instance, module, .. } => {
                let wasm = match module {
                    Some(id) => self
                        .definitions
                        .get(id.name())
                        .ok_or_else(|| format!("unknown module definition ${}", id.name()))?,
                    None => self.last_definition.as_ref().ok_or("no module definition to instantiate")?,
                };
                let instance_handle = self
                    .engine
                    .instantiate(wasm)
                    .map_err(|err| format!("module failed: {}", DisplayInstantiate(&err)))?;
                self.define(instance, instance_handle);
                Ok(())
            }
            WastDirective::Register { name, module, .. } => {
                let instance = self.instance(module)?;
                self.engine.register(name, &instance);
                Ok(())
            }
            WastDirective::Invoke(invoke) => match self.invoke(&invoke)? {
                Ok(_) => Ok(()),
                Err(err) => Err(format!("expected success, got {}", DisplayExec(&err))),
            },
            WastDirective::AssertReturn { exec, results, .. } => {
                let actual = match self.execute(exec)? {
                    Ok(values) => values,
                    Err(err) => return Err(format!("expected a return, got {err}")),
                };
                check_results(&results, &actual)
            }
            WastDirective::AssertTrap { exec, message, .. } => match self.execute(exec)? {
                Ok(values) => Err(format!("expected trap {message:?}, got return {}", show_values(&values, &[]))),
                Err(Failure::Exec(ExecError::Trap(actual)))
                | Err(Failure::Instantiate(InstantiateError::Trap(actual))) => {
                    if trap_matches(&actual, message) {
                        Ok(())
                    } else {
                        Err(format!("expected trap {message:?}, got trap {actual:?}"))
                    }
                }
                Err(err) => Err(format!("expected trap {message:?}, got {err}")),
            },
            WastDirective::AssertExhaustion { call, message, .. } => match self.invoke(&call)? {
                Ok(values) => Err(format!("expected exhaustion {message:?}, got return {}", show_values(&values, &[]))),
                Err(ExecError::Trap(actual)) => {
                    if actual.contains("call stack exhausted") || trap_matches(&actual, message) {
                        Ok(())
                    } else {
                        Err(format!("expected exhaustion {message:?}, got trap {actual:?}"))
                    }
                }
                Err(err) => Err(format!("expected exhaustion {message:?}, got {}", DisplayExec(&err))),
            },
            WastDirective::AssertInvalid { mut module, message, .. } => {
                let wasm =
                    encode(&mut module).map_err(|err| format!("expected invalid module ({message:?}), but {err}"))?;
                match self.engine.instantiate(&wasm) {
                    Err(InstantiateError::Decode(_)) => Ok(()),
                    Ok(_) => Err(format!("expected invalid module ({message:?}), but it instantiated")),
                    Err(err) => Err(format!("expected invalid module ({message:?}), got {}", DisplayInstantiate(&err))),
                }
            }
            WastDirective::AssertMalformed { mut module, message, .. } => {
                reject_component(&module)?;
                // A text module that `wast` cannot turn into a binary is malformed text, which
                // is exactly what these assertions are about.
                let Ok(wasm) = module.encode() else {
                    return Ok(());
                };
                match self.engine.instantiate(&wasm) {
                    Err(InstantiateError::Decode(_)) => Ok(()),
                    Ok(_) => Err(format!("expected malformed module ({message:?}), but it instantiated")),
                    Err(err) => {
                        Err(format!("expected malformed module ({message:?}), got {}", DisplayInstantiate(&err)))
                    }
                }
            }
            WastDirective::AssertUnlinkable { mut module, message, .. } => {
                let wasm = encode_wat(&mut module)?;
                match self.engine.instantiate(&wasm) {
                    Err(InstantiateError::Link(_)) => Ok(()),
                    Ok(_) => Err(format!("expected unlinkable module ({message:?}), but it instantiated")),
                    Err(err) => {
                        Err(format!("expected unlinkable module ({message:?}), got {}", DisplayInstantiate(&err)))
                    }
                }
            }
            WastDirective::AssertInvalidCustom { .. }
            | WastDirective::AssertMalformedCustom { .. }
            | WastDirective::AssertException { .. }
            | WastDirective::AssertSuspension { .. }
            | WastDirective::Thread(_)
            | WastDirective::Wait { .. } => Err("directive is not supported".to_string()),
        }
    }

    /// Makes `instance` the current one and, if it has a `$id`, names it.
    fn define(&mut self, id: Option<Id<'_>>, instance: E::Instance) {
        if let Some(id) = id {
            self.instances.insert(id.name().to_string(), instance.clone());
        }
        self.current = Some(instance);
    }

    /// The instance called `$id`, or the current one.
    fn instance(&self, id: Option<Id<'_>>) -> Result<E::Instance, String> {
        match id {
            Some(id) => self.instances.get(id.name()).cloned().ok_or_else(|| format!("unknown module ${}", id.name())),
            None => {
                self.current.clone().ok_or_else(|| "no current module (none defined, or the last one failed)".into())
            }
        }
    }

    /// Runs an `invoke` action. The outer `Err` is a problem with the script itself.
    fn invoke(&mut self, invoke: &WastInvoke<'_>) -> Result<Result<Vec<Value>, ExecError>, String> {
        let instance = self.instance(invoke.module)?;
        let args = invoke.args.iter().map(arg_value).collect::<Result<Vec<_>, _>>()?;
        Ok(self.engine.invoke(&instance, invoke.name, &args))
    }

    /// Runs the subject of an `assert_return` or `assert_trap`.
    fn execute(&mut self, exec: WastExecute<'_>) -> Result<Result<Vec<Value>, Failure>, String> {
        match exec {
            WastExecute::Invoke(invoke) => Ok(self.invoke(&invoke)?.map_err(Failure::Exec)),
            WastExecute::Get { module, global, .. } => {
                let instance = self.instance(module)?;
                Ok(self.engine.get(&instance, global).map(|value| vec![value]).map_err(Failure::Exec))
            }
            WastExecute::Wat(mut wat) => {
                let wasm = encode_wat(&mut wat)?;
                Ok(self.engine.instantiate(&wasm).map(|_| Vec::new()).map_err(Failure::Instantiate))
            }
        }
    }
}

/// Whether a trap with message `actual` satisfies an `assert_trap` expecting `expected`.
///
/// Engines are expected to use the spec's messages, so this is `contains` plus a short list of
/// tolerated differences, each with its reason. Keep every exception here.
fn trap_matches(actual: &str, expected: &str) -> bool {
    if actual.contains(expected) {
        return true;
    }
    // The reference interpreter appends the table index ("uninitialized element 2");
    // engines need not report which element it was.
    if expected.starts_with("uninitialized element") && actual.contains("uninitialized element") {
        return true;
    }
    false
}

/// Encodes a script module to a binary; components are not supported.
fn encode(module: &mut QuoteWat<'_>) -> Result<Vec<u8>, String> {
    reject_component(module)?;
    module.encode().map_err(|err| format!("cannot encode the module: {}", err.message()))
}

/// Encodes a module written inline in an assertion.
fn encode_wat(wat: &mut Wat<'_>) -> Result<Vec<u8>, String> {
    if let Wat::Component(_) = wat {
        return Err("components are not supported".to_string());
    }
    wat.encode().map_err(|err| format!("cannot encode the module: {}", err.message()))
}

/// Components are outside what the engines run; say so instead of failing to encode.
fn reject_component(module: &QuoteWat<'_>) -> Check {
    match module {
        QuoteWat::Wat(Wat::Component(_)) | QuoteWat::QuoteComponent(..) => {
            Err("components are not supported".to_string())
        }
        QuoteWat::Wat(Wat::Module(_)) | QuoteWat::QuoteModule(..) => Ok(()),
    }
}

/// The directive's keyword, for failure messages.
fn directive_name(directive: &WastDirective<'_>) -> &'static str {
    match directive {
        WastDirective::Module(_) => "module",
        WastDirective::ModuleDefinition(_) => "module definition",
        WastDirective::ModuleInstance { .. } => "module instance",
        WastDirective::AssertMalformed { .. } => "assert_malformed",
        WastDirective::AssertInvalid { .. } => "assert_invalid",
        WastDirective::AssertInvalidCustom { .. } => "assert_invalid_custom",
        WastDirective::Register { .. } => "register",
        WastDirective::Invoke(_) => "invoke",
        WastDirective::AssertTrap { .. } => "assert_trap",
        WastDirective::AssertReturn { .. } => "assert_return",
        WastDirective::AssertExhaustion { .. } => "assert_exhaustion",
        WastDirective::AssertUnlinkable { .. } => "assert_unlinkable",
        WastDirective::AssertException { .. } => "assert_exception",
        WastDirective::AssertSuspension { .. } => "assert_suspension",
        WastDirective::Thread(_) => "thread",
        WastDirective::Wait { .. } => "wait",
        WastDirective::AssertMalformedCustom { .. } => "assert_malformed_custom",
    }
}

/// The message of a caught panic, if it has one.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(non-string panic payload)"
    }
}

/// Shows an [`ExecError`] in failure messages.
struct DisplayExec<'a>(&'a ExecError);

impl fmt::Display for DisplayExec<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            ExecError::Trap(message) => write!(f, "trap {message:?}"),
            ExecError::Other(message) => write!(f, "error {message:?}"),
        }
    }
}

/// Shows an [`InstantiateError`] in failure messages.
struct DisplayInstantiate<'a>(&'a InstantiateError);

impl fmt::Display for DisplayInstantiate<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            InstantiateError::Decode(message) => write!(f, "decode error {message:?}"),
            InstantiateError::Link(message) => write!(f, "link error {message:?}"),
            InstantiateError::Trap(message) => write!(f, "instantiation trap {message:?}"),
        }
    }
}
