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
///
/// The only way to make one is to decode bytes ([`Module::new`], [`Module::from_wat`]): the
/// interpreter's unsafe code trusts that every body passed validation, so a `life_decode::Module`
/// built or changed by hand can never reach it.
#[derive(Clone)]
pub struct Module {
    /// The decoded, validated module: types, imports, exports, the IR of each body.
    pub(crate) decoded: Arc<life_decode::Module>,
    /// The native engine's code, when one compiled the module.
    pub(crate) native: Option<Arc<dyn CompiledModule>>,
    /// The interpreter's code of each body, built on the body's first call (`Module::code`).
    pub(crate) code: Arc<[OnceLock<Code>]>,
}

impl std::fmt::Debug for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Module").field("decoded", &self.decoded).field("native", &self.native.is_some()).finish()
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

    /// Decodes a binary module for the interpreter without validating its function bodies
    /// (`life_decode::decode_prevalidated`; they are translated on first use): for bytes that
    /// were validated before and kept with a checksum, as in `life_aot`'s artifacts.
    ///
    /// # Safety
    ///
    /// Every function body of `bytes` must be valid under `config`'s features and limits: the
    /// interpreter's unsafe code trusts that, so an invalid body is undefined behaviour when it
    /// runs or is translated.
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] when the module's sections are malformed or invalid.
    #[doc(hidden)]
    pub unsafe fn new_prevalidated(bytes: &[u8], config: &VmConfig) -> Result<Self, Error> {
        let decoded = Arc::new(life_decode::decode_prevalidated(bytes, &config.decode_options())?);
        Ok(Module::with(decoded, None))
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

    /// This module with the native code a compiler made of it earlier, such as code loaded from
    /// a file (`life_aot`'s artifacts). The code must have been compiled from this module's
    /// decoded form with the configuration of the stores that will run it; the module itself
    /// still comes only from decoding bytes.
    pub fn with_native(&self, native: Arc<dyn CompiledModule>) -> Self {
        Module::with(self.decoded.clone(), Some(native))
    }
    fn with(decoded: Arc<life_decode::Module>, native: Option<Arc<dyn CompiledModule>>) -> Self {
        let code = (0..decoded.num_bodies()).map(|_| OnceLock::new()).collect();
        Module { decoded, native, code }
    }

    /// The interpreter's code of body `index`, translating the body if it was not yet.
    pub(crate) fn code(&self, index: usize) -> Result<&Code, DecodeError> {
        let cell = &self.code[index];
        if let Some(code) = cell.get() {
            return Ok(code);
        }
        let body = self.decoded.body(index)?;
        let code = Code::new(body).ok_or_else(|| {
            DecodeError::new(DecodeErrorKind::LimitExceeded, body.offset, "function too large for the interpreter")
        })?;
        // Another thread may have won the race; its code is the same.
        let _ = cell.set(code);
        Ok(cell.get().expect("just set"))
    }

    /// The module's native code, when a native engine compiled it.
    pub fn native(&self) -> Option<&dyn CompiledModule> {
        self.native.as_deref()
    }

    /// Whether calls into this module can pause (see [`Engine::can_pause`](crate::Engine::can_pause)):
    /// only when it runs on the interpreter, that is, has no native code.
    pub fn can_pause(&self) -> bool {
        self.native().is_none()
    }

    /// The decoded module: types, imports, exports, IR.
    pub fn decoded(&self) -> &life_decode::Module {
        &self.decoded
    }

    /// The decoded module as the shared pointer a native compiler keeps (read-only).
    pub fn decoded_arc(&self) -> &Arc<life_decode::Module> {
        &self.decoded
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
