//! `Module`: a decoded, validated and translated module, shared by all its instances.

use crate::exec::code::Code;
use crate::{CompiledModule, Engine, Error, VmConfig};
use life_decode::{DecodeError, DecodeErrorKind};
use std::sync::{Arc, OnceLock};

/// A module ready to instantiate. Decode once, instantiate many times: cloning is cheap.
///
/// ```
/// use life_interp::{Module, VmConfig};
/// let module = Module::from_wat("(module (func (export \"f\")))", &VmConfig::default()).unwrap();
/// assert!(module.decoded().export("f").is_some());
/// ```
#[derive(Clone)]
pub struct Module(
    pub(crate) Arc<life_decode::Module>,
    pub(crate) Option<Arc<dyn CompiledModule>>,
    /// The interpreter's code of each body, built on the body's first call (`Module::code`).
    pub(crate) Arc<[OnceLock<Code>]>,
);

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module").field("decoded", &self.0).field("native", &self.1.is_some()).finish()
    }
}

impl Module {
    /// Decodes, validates and translates a binary module.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] with the offset and reason when the module is malformed or invalid.
    pub fn new(bytes: &[u8], config: &VmConfig) -> Result<Self, Error> {
        let decoded = Arc::new(life_decode::decode_with(bytes, &config.decode_options())?);
        let native = match &config.engine {
            Engine::Interpreter => None,
            Engine::Native(compiler) => Some(compiler.compile(&decoded, config)?),
        };
        Ok(Module::with(decoded, native))
    }

    /// Parses WebAssembly text (or binary) and decodes it.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the text does not parse or the module is invalid.
    pub fn from_wat(text: &str, config: &VmConfig) -> Result<Self, Error> {
        let bytes = wat_bytes(text.as_bytes())?;
        Module::new(&bytes, config)
    }

    /// Wraps an already decoded module.
    pub fn from_decoded(module: life_decode::Module) -> Self {
        Module::with(Arc::new(module), None)
    }

    /// Wraps a decoded module and the native code a compiler made of it earlier, such as
    /// code loaded from a file (`life_aot`'s artifacts). The code must have been compiled from
    /// `decoded` with the configuration of the stores that will run it.
    pub fn from_compiled(decoded: Arc<life_decode::Module>, native: Arc<dyn CompiledModule>) -> Self {
        Module::with(decoded, Some(native))
    }

    fn with(decoded: Arc<life_decode::Module>, native: Option<Arc<dyn CompiledModule>>) -> Self {
        let codes = (0..decoded.num_bodies()).map(|_| OnceLock::new()).collect();
        Module(decoded, native, codes)
    }

    /// The interpreter's code of body `index`, translating the body if it was not yet.
    pub(crate) fn code(&self, index: usize) -> Result<&Code, DecodeError> {
        let cell = &self.2[index];
        if let Some(code) = cell.get() {
            return Ok(code);
        }
        let body = self.0.body(index)?;
        let code = Code::new(body).ok_or_else(|| {
            DecodeError::new(DecodeErrorKind::LimitExceeded, body.offset, "function too large for the interpreter")
        })?;
        // Another thread may have won the race; its code is the same.
        let _ = cell.set(code);
        Ok(cell.get().expect("just set"))
    }

    /// The module's native code, when a native engine compiled it.
    pub fn native(&self) -> Option<&dyn CompiledModule> {
        self.1.as_deref()
    }

    /// The decoded module: types, imports, exports, IR.
    pub fn decoded(&self) -> &life_decode::Module {
        &self.0
    }
}

/// Binary modules pass through; text is parsed with the `wat` crate (feature `wat`, on by default).
fn wat_bytes(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.starts_with(b"\0asm") {
        return Ok(bytes.to_vec());
    }
    #[cfg(feature = "wat")]
    {
        wat::parse_bytes(bytes).map(|b| b.into_owned()).map_err(|e| {
            let offset = 0usize;
            Error::Decode(DecodeError::new(DecodeErrorKind::Invalid, offset, e.to_string()))
        })
    }
    #[cfg(not(feature = "wat"))]
    Err(Error::Decode(DecodeError::new(
        DecodeErrorKind::Unsupported,
        0usize,
        "text format support is disabled (feature `wat`)",
    )))
}
