//! Artifacts: a compiled module kept as bytes (`life compile`, the CLI's cache) and loaded back
//! in another process without compiling again, as wasmtime's `Module::serialize`.
//!
//! An artifact holds the original WebAssembly bytes (decoded again on load, without validating
//! the function bodies again: they were validated when the artifact was made, and the checksum
//! says these are the same bytes; the runtime's `life_decode::Module` is rebuilt from them) and
//! each function's machine code with its relocations, named independently of the process
//! (`compile::Target`); loading places the code in fresh executable memory and links it
//! against this process's libcalls and functions. The trampolines are generated again.
//!
//! # Layout
//!
//! All integers little-endian; `bytes` is a `u64` length and that many bytes.
//!
//! | field | contents |
//! |---|---|
//! | magic | `\0lifeaot` (8 bytes) |
//! | format | [`FORMAT_VERSION`], `u32` |
//! | header | `bytes` Life's version, `bytes` the target (triple, Cranelift and CPU flags), `bytes` the settings that change the code |
//! | wasm | `bytes` the module |
//! | functions | `u32` count, then for each: `u64` alignment, `bytes` machine code, `u32` relocation count, and per relocation `u32` offset, `u8` kind, `u8` target kind, `u32` target index, `i64` addend |
//! | checksum | SHA-256 of everything before it (32 bytes) |
//!
//! # Checks
//!
//! Loading refuses, before any code is placed or mapped executable: a file without the magic,
//! another format version, a checksum that does not match (a truncated or damaged file),
//! another Life version, another target (CPU features), other settings (metering, gas policy,
//! interrupt checks, NaN canonicalization, features, guard pages), a module whose sections do
//! not decode, and code whose shape does not fit the module (function count,
//! relocation kinds, offsets and targets out of range). The checksum detects damage, not
//! tampering: whoever can write an artifact can make it run any code, so an artifact deserves
//! the trust of an executable.

use crate::{
    Polymerase,
    compile::{self, Compiled, Relocation, Target},
    libcalls::Libcalls,
};
use cranelift_codegen::{binemit::Reloc, ir::LibCall, isa::OwnedTargetIsa};
use life_interp::{Error, Module, VmConfig};
use sha2::{Digest, Sha256};
use std::{sync::Arc, time::Instant};

/// The first bytes of every artifact.
pub const MAGIC: [u8; 8] = *b"\0lifeaot";

/// The version of the layout; an artifact of another version is refused. Version 2: compiled
/// functions use Cranelift's `tail` calling convention.
pub const FORMAT_VERSION: u32 = 2;

/// Bytes of the checksum at the end.
const CHECKSUM: usize = 32;

/// The relocation kinds an artifact may hold, by their number in the file, with the bytes each
/// patches.
const KINDS: [(Reloc, u32); 8] = [
    (Reloc::Abs4, 4),
    (Reloc::Abs8, 8),
    (Reloc::X86PCRel4, 4),
    (Reloc::X86CallPCRel4, 4),
    (Reloc::X86CallPLTRel4, 4),
    (Reloc::Arm64Call, 4),
    (Reloc::Aarch64AdrPrelPgHi21, 4),
    (Reloc::Aarch64AddAbsLo12Nc, 4),
];

/// Whether `bytes` starts like an artifact (it may still be refused on load).
pub fn is_artifact(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// What must match between the process that wrote an artifact and the one loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    version: String,
    target: String,
    settings: String,
}

impl Polymerase {
    /// The key of code compiled with `isa` by these options for `config`.
    fn key(&self, isa: &OwnedTargetIsa, config: &VmConfig) -> Key {
        let options = config.decode_options();
        let gas = options.gas.as_ref().map(|g| format!("{g:?}, {} per unit", g.per_unit()));
        let isa_flags: Vec<String> = isa.isa_flags().iter().map(ToString::to_string).collect();
        Key {
            version: env!("CARGO_PKG_VERSION").to_string(),
            target: format!("{}; {}; {}", isa.triple(), isa.flags(), isa_flags.join(", ")),
            settings: format!(
                "features {:?}; gas {gas:?}; interruptible {}; canonicalize_nans {}; guard_pages {}; \
                 max_function_complexity {:?}",
                options.features,
                options.interruptible,
                options.canonicalize_nans,
                self.unwinds(),
                self.max_function_complexity
            ),
        }
    }

    /// A name for the artifact of `wasm` compiled by these options for `config` on this host,
    /// as 64 hex digits: the SHA-256 of the module and of everything an artifact's key holds
    /// (Life's version, the CPU features, the settings). The CLI's cache names files by it.
    ///
    /// # Errors
    ///
    /// [`Error::Compile`] when Cranelift does not support this host.
    pub fn cache_key(&self, wasm: &[u8], config: &VmConfig) -> Result<String, Error> {
        let isa = compile::isa().map_err(Error::Compile)?;
        let key = self.key(&isa, config);
        let mut h = Sha256::new();
        for part in [&FORMAT_VERSION.to_le_bytes()[..], key.version.as_bytes(), key.target.as_bytes()] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.update((key.settings.len() as u64).to_le_bytes());
        h.update(key.settings.as_bytes());
        h.update(Sha256::digest(wasm));
        Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
    }

    /// Decodes and compiles `wasm` for stores with `config`, and returns the module ready to
    /// run and its artifact, which [`Polymerase::load_artifact`] turns back into the same
    /// module in any process of the same Life version on the same CPU with the same settings.
    ///
    /// ```
    /// use life_interp::{Value, Vm, VmConfig, NoImports};
    ///
    /// let config = VmConfig { engine: life_aot::polymerase(), ..VmConfig::default() };
    /// let wasm = wat::parse_str(r#"(module (func (export "add") (param i32 i32) (result i32)
    ///     (i32.add (local.get 0) (local.get 1))))"#).unwrap();
    /// let polymerase = life_aot::Polymerase::default();
    /// let (_, artifact) = polymerase.compile_artifact(&wasm, &config).unwrap();
    /// // Later, maybe in another process: no compiling.
    /// let module = polymerase.load_artifact(&artifact, &config).unwrap();
    /// let mut vm = Vm::from_module(&module, config, &mut NoImports).unwrap();
    /// assert_eq!(vm.invoke("add", &[Value::I32(2), Value::I32(3)]).unwrap(), vec![Value::I32(5)]);
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Decode`] for an invalid module, [`Error::Compile`] when compiling fails or the
    /// code cannot be kept (it calls the interpreter's SIMD ops, on CPUs without SSE4.1 or
    /// SSSE3: that code points into this process's memory).
    pub fn compile_artifact(&self, wasm: &[u8], config: &VmConfig) -> Result<(Module, Vec<u8>), Error> {
        let start = Instant::now();
        let module = decode(wasm, config)?;
        let decoded = module.decoded_arc();
        let isa = compile::isa().map_err(Error::Compile)?;
        let compiled = compile::compile_functions(decoded, self, &isa).map_err(Error::Compile)?;
        let libcalls = Libcalls::new();
        let simd = Target::Libcall(libcalls.index(libcalls.simd));
        if compiled.iter().any(|c| c.relocs.iter().any(|r| r.target == simd)) {
            return Err(Error::Compile(
                "this code calls the interpreter's SIMD ops (the CPU lacks SSE4.1 or SSSE3) and cannot be kept".into(),
            ));
        }
        if let Some(r) = compiled.iter().flat_map(|c| &c.relocs).find(|r| !KINDS.iter().any(|(k, _)| *k == r.kind)) {
            return Err(Error::Compile(format!("this code has a {:?} relocation and cannot be kept", r.kind)));
        }
        let artifact = write(&self.key(&isa, config), wasm, &compiled);
        let code = compile::place(decoded, self, &isa, &compiled, start).map_err(Error::Compile)?;
        Ok((module.with_native(Arc::new(code)), artifact))
    }

    /// Loads an artifact of [`Polymerase::compile_artifact`] for stores with `config`, after
    /// checking it (see the checks in `ARCHITECTURE.md`): nothing of a refused artifact runs.
    /// The checks catch damaged and mismatched files, not forged ones: load only artifacts
    /// you would trust as executables.
    ///
    /// # Errors
    ///
    /// [`Error::Compile`] naming why the artifact is refused; [`Error::Decode`] when its module
    /// does not decode with `config`.
    pub fn load_artifact(&self, bytes: &[u8], config: &VmConfig) -> Result<Module, Error> {
        let start = Instant::now();
        let refuse = |why: String| Error::Compile(format!("artifact refused: {why}"));
        let (key, wasm, compiled) = read(bytes).map_err(refuse)?;
        let isa = compile::isa().map_err(Error::Compile)?;
        let ours = self.key(&isa, config);
        if key.version != ours.version {
            return Err(refuse(format!("compiled by Life {}, this is Life {}", key.version, ours.version)));
        }
        if key.settings != ours.settings {
            return Err(refuse(format!(
                "compiled with other settings (metering, gas policy, interrupt checks, NaN canonicalization, \
                 features or guard pages): the artifact has {}, this run {}",
                key.settings, ours.settings
            )));
        }
        // Settings first: guard pages change the Cranelift flags too.
        if key.target != ours.target {
            return Err(refuse("compiled for another CPU (target or CPU features differ)".into()));
        }
        // SAFETY: `compile_artifact` validated every body of `wasm` under these settings (the key
        // matched) before writing it, and the checksum matched, so these are the same bytes.
        let module = unsafe { decode_validated(wasm, config) }?;
        check_fits(module.decoded_arc(), &compiled).map_err(refuse)?;
        let code = compile::place(module.decoded_arc(), self, &isa, &compiled, start).map_err(Error::Compile)?;
        Ok(module.with_native(Arc::new(code)))
    }
}

/// Decodes and validates `wasm` as a module for the interpreter (no code is compiled): the only
/// way to make a `Module`, so the native code placed beside it runs on a validated module.
fn decode(wasm: &[u8], config: &VmConfig) -> Result<Module, Error> {
    Module::new(wasm, &VmConfig { engine: life_interp::Engine::Interpreter, ..config.clone() })
}

/// Decodes `wasm` without validating its function bodies again (the module's sections are
/// still checked): an artifact's module was validated when the artifact was made.
///
/// # Safety
///
/// Every body of `wasm` must be valid under `config`, as [`Module::new_prevalidated`] requires.
unsafe fn decode_validated(wasm: &[u8], config: &VmConfig) -> Result<Module, Error> {
    let config = VmConfig { engine: life_interp::Engine::Interpreter, ..config.clone() };
    // SAFETY: the caller vouches for the bodies.
    unsafe { Module::new_prevalidated(wasm, &config) }
}

/// Checks that `compiled` is code for `module`'s functions whose relocations all land inside
/// the code and point at things that exist.
fn check_fits(module: &life_decode::Module, compiled: &[Compiled]) -> Result<(), String> {
    if compiled.len() != module.num_bodies() {
        return Err(format!("code for {} functions, the module defines {}", compiled.len(), module.num_bodies()));
    }
    let libcalls = Libcalls::new();
    let nlibcalls = libcalls.table().len() as u32;
    let simd = libcalls.index(libcalls.simd);
    for (i, c) in compiled.iter().enumerate() {
        let bad = |why: String| format!("function {i}: {why}");
        if !c.alignment.is_power_of_two() || c.alignment > 4096 {
            return Err(bad(format!("alignment {}", c.alignment)));
        }
        for r in &c.relocs {
            let size = KINDS.iter().find(|(k, _)| *k == r.kind).map_or(0, |&(_, s)| s);
            if r.offset as usize + size as usize > c.bytes.len() {
                return Err(bad(format!("relocation at {} outside the code", r.offset)));
            }
            let fits = match r.target {
                Target::Func(f) => (f as usize) < compiled.len(),
                Target::Libcall(l) => l < nlibcalls && l != simd,
                Target::Cranelift(_) => true,
                Target::Own(offset) => (offset as usize) <= c.bytes.len(),
            };
            if !fits {
                return Err(bad(format!("relocation to {:?}", r.target)));
            }
        }
    }
    Ok(())
}

/// Appends `bytes` with its length.
fn put(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The artifact of `compiled`, the code of `wasm` under `key`.
fn write(key: &Key, wasm: &[u8], compiled: &[Compiled]) -> Vec<u8> {
    let code: usize = compiled.iter().map(|c| c.bytes.len() + 24 * c.relocs.len() + 24).sum();
    let mut out = Vec::with_capacity(wasm.len() + code + 1024);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    put(&mut out, key.version.as_bytes());
    put(&mut out, key.target.as_bytes());
    put(&mut out, key.settings.as_bytes());
    put(&mut out, wasm);
    out.extend_from_slice(&(compiled.len() as u32).to_le_bytes());
    for c in compiled {
        out.extend_from_slice(&c.alignment.to_le_bytes());
        put(&mut out, &c.bytes);
        out.extend_from_slice(&(c.relocs.len() as u32).to_le_bytes());
        for r in &c.relocs {
            let kind = KINDS.iter().position(|(k, _)| *k == r.kind).expect("kinds checked by `compile_artifact`");
            let (tag, index) = match r.target {
                Target::Func(i) => (0u8, i),
                Target::Libcall(i) => (1, i),
                Target::Cranelift(l) => {
                    (2, LibCall::all_libcalls().iter().position(|&x| x == l).expect("a Cranelift libcall") as u32)
                }
                Target::Own(offset) => (3, offset),
            };
            out.extend_from_slice(&r.offset.to_le_bytes());
            out.push(kind as u8);
            out.push(tag);
            out.extend_from_slice(&index.to_le_bytes());
            out.extend_from_slice(&r.addend.to_le_bytes());
        }
    }
    let checksum = Sha256::digest(&out);
    out.extend_from_slice(&checksum);
    out
}

/// Reads the fields of an artifact in order.
struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.data.len() {
            return Err("malformed: a field runs past the end".into());
        }
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }

    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = self.u64()?;
        self.take(usize::try_from(n).map_err(|_| "malformed: a length too large".to_string())?)
    }

    fn string(&mut self) -> Result<String, String> {
        String::from_utf8(self.bytes()?.to_vec()).map_err(|_| "malformed: a key is not UTF-8".into())
    }
}

/// The key, module and code of an artifact, after checking its magic, format version and
/// checksum and that its fields fill it exactly.
fn read(bytes: &[u8]) -> Result<(Key, &[u8], Vec<Compiled>), String> {
    if !is_artifact(bytes) {
        return Err("not a Life artifact (no `\\0lifeaot` magic)".into());
    }
    let Some(format) = bytes.get(8..12) else {
        return Err("truncated: no format version".into());
    };
    let format = u32::from_le_bytes(format.try_into().expect("4 bytes"));
    if format != FORMAT_VERSION {
        return Err(format!("artifact format version {format}, this Life reads version {FORMAT_VERSION}"));
    }
    if bytes.len() < 12 + CHECKSUM {
        return Err("truncated: no checksum".into());
    }
    let (body, checksum) = bytes.split_at(bytes.len() - CHECKSUM);
    if Sha256::digest(body)[..] != *checksum {
        return Err("checksum mismatch: the file is truncated or damaged".into());
    }
    let mut r = Reader { data: &body[12..] };
    let key = Key { version: r.string()?, target: r.string()?, settings: r.string()? };
    let wasm = r.bytes()?;
    let n = r.u32()?;
    let mut compiled = Vec::new();
    for _ in 0..n {
        let alignment = r.u64()?;
        let code = r.bytes()?.to_vec();
        let nrelocs = r.u32()?;
        let mut relocs = Vec::new();
        for _ in 0..nrelocs {
            let offset = r.u32()?;
            let kind = KINDS.get(r.u8()? as usize).ok_or("malformed: unknown relocation kind")?.0;
            let (tag, index) = (r.u8()?, r.u32()?);
            let target = match tag {
                0 => Target::Func(index),
                1 => Target::Libcall(index),
                2 => Target::Cranelift(
                    *LibCall::all_libcalls().get(index as usize).ok_or("malformed: unknown Cranelift libcall")?,
                ),
                3 => Target::Own(index),
                _ => return Err("malformed: unknown relocation target".into()),
            };
            let addend = r.u64()? as i64;
            relocs.push(Relocation { offset, kind, target, addend });
        }
        compiled.push(Compiled { bytes: code, relocs, alignment, ir: None });
    }
    if !r.data.is_empty() {
        return Err("malformed: bytes after the code".into());
    }
    Ok((key, wasm, compiled))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `artifact` with its fields rewritten by `f`, and a valid checksum again.
    fn rewrite(artifact: &[u8], f: impl FnOnce(&mut Key)) -> Vec<u8> {
        let (mut key, wasm, compiled) = read(artifact).unwrap();
        f(&mut key);
        write(&key, wasm, &compiled)
    }

    fn sample() -> (Polymerase, VmConfig, Vec<u8>) {
        let wasm = wat::parse_str(
            r#"(module (memory 1)
              (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
              (func (export "f") (param i32) (result i32)
                (i32.store (i32.const 8) (call $sq (local.get 0)))
                (i32.add (i32.load (i32.const 8)) (i32.const 1))))"#,
        )
        .unwrap();
        let config = VmConfig { engine: crate::polymerase(), ..VmConfig::default() };
        let p = Polymerase::default();
        let (_, artifact) = p.compile_artifact(&wasm, &config).unwrap();
        (p, config, artifact)
    }

    #[test]
    fn the_layout_reads_back_what_was_written() {
        let (_, _, artifact) = sample();
        let (key, wasm, compiled) = read(&artifact).unwrap();
        assert!(wasm.starts_with(b"\0asm"));
        assert_eq!(compiled.len(), 2);
        assert_eq!(write(&key, wasm, &compiled), artifact);
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let (p, config, artifact) = sample();
        for len in 0..artifact.len() {
            let err = p.load_artifact(&artifact[..len], &config).unwrap_err().to_string();
            assert!(err.contains("artifact refused"), "truncated to {len}: {err}");
        }
        for i in 0..artifact.len() {
            let mut bad = artifact.clone();
            bad[i] ^= 0x10;
            let err = p.load_artifact(&bad, &config).unwrap_err().to_string();
            assert!(err.contains("artifact refused"), "byte {i} flipped: {err}");
        }
        assert!(p.load_artifact(&artifact, &config).is_ok());
    }

    #[test]
    fn another_version_target_or_setting_is_refused() {
        let (p, config, artifact) = sample();
        let mut bad = artifact.clone();
        bad[8] = 1;
        let err = p.load_artifact(&bad, &config).unwrap_err().to_string();
        assert!(err.contains("format version 1"), "{err}");
        let bad = rewrite(&artifact, |k| k.version = "0.0.1".into());
        let err = p.load_artifact(&bad, &config).unwrap_err().to_string();
        assert!(err.contains("compiled by Life 0.0.1"), "{err}");
        let bad = rewrite(&artifact, |k| k.target = k.target.replace("has_avx", "has_avx512vl"));
        assert_ne!(bad, artifact);
        let err = p.load_artifact(&bad, &config).unwrap_err().to_string();
        assert!(err.contains("another CPU"), "{err}");
        // The settings that change the code, each against the default the artifact has.
        let metered = VmConfig { gas_limit: Some(1000), ..config.clone() };
        let nans = VmConfig { canonicalize_nans: true, ..config.clone() };
        let interrupts = VmConfig { interruptible: true, ..config.clone() };
        let mut features = config.clone();
        features.features.simd = !features.features.simd;
        for other in [metered, nans, interrupts, features] {
            let err = p.load_artifact(&artifact, &other).unwrap_err().to_string();
            assert!(err.contains("other settings"), "{err}");
        }
        let unguarded = Polymerase { guard_pages: false, ..Polymerase::default() };
        if crate::GUARD_PAGES_SUPPORTED {
            let err = unguarded.load_artifact(&artifact, &config).unwrap_err().to_string();
            assert!(err.contains("other settings"), "{err}");
        }
    }

    #[test]
    fn code_that_does_not_fit_the_module_is_refused() {
        let (p, config, artifact) = sample();
        let (key, wasm, compiled) = read(&artifact).unwrap();
        let one = write(&key, wasm, &compiled[..1]);
        let err = p.load_artifact(&one, &config).unwrap_err().to_string();
        assert!(err.contains("code for 1 functions"), "{err}");
        let mut far = compiled.clone();
        let len = far[1].bytes.len() as u32;
        far[1].relocs.push(Relocation { offset: len - 2, kind: Reloc::Abs8, target: Target::Func(0), addend: 0 });
        let err = p.load_artifact(&write(&key, wasm, &far), &config).unwrap_err().to_string();
        assert!(err.contains("outside the code"), "{err}");
        let mut stray = compiled.clone();
        stray[1].relocs.push(Relocation { offset: 0, kind: Reloc::Abs8, target: Target::Func(7), addend: 0 });
        let err = p.load_artifact(&write(&key, wasm, &stray), &config).unwrap_err().to_string();
        assert!(err.contains("relocation to Func(7)"), "{err}");
    }
}
