//! Compiling a module: Cranelift settings, one native function per defined function, one
//! trampoline per function shape, and the JIT's executable (W^X) memory.

use crate::{
    code::Code,
    libcalls::Libcalls,
    lower::{Callees, Env, Lower, SimdSupport, signature},
};
use cranelift_codegen::{
    Context, FinalizedMachReloc, FinalizedRelocTarget,
    binemit::Reloc,
    control::ControlPlane,
    ir::{self, InstBuilder, MemFlagsData, UserFuncName, types::I64},
    isa::{CallConv, OwnedTargetIsa, TargetIsa},
    settings::{self, Configurable},
};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module as _, ModuleReloc, ModuleRelocTarget};
use life_decode::Module;
use std::{
    collections::HashMap,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::Instant,
};

/// The namespace of the names compiled code calls libcalls by (`lower.rs`); defined functions
/// are namespace 0, named by their defined index.
pub(crate) const LIBCALL_NAMESPACE: u32 = 1;

/// The calling convention of compiled Wasm functions: Cranelift's `tail`, the only one with
/// `return_call` (Wasm tail calls replace the caller's frame). Only compiled code and the
/// trampolines call them; the trampolines themselves and the libcalls keep the host's
/// convention, as wasmtime's array-call trampolines do. See RATIONALE.md.
pub(crate) const WASM_CALL_CONV: CallConv = CallConv::Tail;

/// The host's instruction set with the settings Polymerase uses. Every function keeps a frame
/// pointer: Cranelift's tail calls need one (`return_call` rebuilds the frame from it), and
/// code whose traps leave the call in one jump (`Env::unwinds`) follows them to name the frames.
pub(crate) fn isa() -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let set = |flags: &mut settings::Builder, k: &str, v: &str| flags.set(k, v).map_err(|e| format!("{k}={v}: {e}"));
    set(&mut flags, "opt_level", "speed")?;
    set(&mut flags, "preserve_frame_pointers", "true")?;
    // Functions start on a cache line: where a hot loop falls relative to 32- and 64-byte
    // boundaries changes its speed (measured with the `paired` bench example: `mem_copy`, whose
    // loops are the same instructions as wasmtime's, ran 1.25x wasmtime's time at the JIT's
    // default placement, 1.24x at 32 bytes, 1.12x at 64; the other workloads did not change).
    set(&mut flags, "log2_min_function_alignment", "6")?;
    set(&mut flags, "enable_multi_ret_implicit_sret", "true")?;
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "is_pic", "false")?;
    set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    let builder = cranelift_native::builder().map_err(|e| format!("unsupported host: {e}"))?;
    builder.finish(settings::Flags::new(flags)).map_err(|e| e.to_string())
}

/// The SIMD ops `isa` compiles natively. On x86 wasmtime asks the same questions and calls
/// its own builtins where the answer is no; Polymerase uses the interpreter's ops instead.
fn simd_support(isa: &dyn TargetIsa) -> SimdSupport {
    use target_lexicon::Architecture;
    match isa.triple().architecture {
        Architecture::X86_64 => {
            SimdSupport { lanes: true, round: isa.has_round(), shuffle: isa.has_x86_pshufb_lowering() }
        }
        Architecture::Aarch64(_) => SimdSupport { lanes: true, round: true, shuffle: true },
        _ => SimdSupport { lanes: false, round: false, shuffle: false },
    }
}

/// Direct calls between the module's functions, named by their defined index; placing the
/// code resolves them.
struct DirectCalls<'j> {
    sigs: &'j [ir::Signature],
}

impl Callees for DirectCalls<'_> {
    fn func_ref(&mut self, func: &mut ir::Function, index: u32) -> ir::FuncRef {
        let signature = func.import_signature(self.sigs[index as usize].clone());
        let name = func.declare_imported_user_function(ir::UserExternalName { namespace: 0, index });
        func.import_function(ir::ExtFuncData {
            name: ir::ExternalName::user(name),
            signature,
            colocated: true,
            patchable: false,
        })
    }
}

/// What a relocation points at, independent of the process: the code of a function can be
/// kept in an artifact and placed in another process (`artifact.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// Defined function `i`.
    Func(u32),
    /// Libcall `i` of [`Libcalls::table`].
    Libcall(u32),
    /// A Cranelift library routine (`floorf` and the like, on hosts without the instruction).
    Cranelift(ir::LibCall),
    /// An offset in the function's own code.
    Own(u32),
}

/// A relocation of one function's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relocation {
    pub offset: u32,
    pub kind: Reloc,
    pub target: Target,
    pub addend: i64,
}

/// One function's machine code, ready to place.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub bytes: Vec<u8>,
    pub relocs: Vec<Relocation>,
    pub alignment: u64,
    /// The IR the code was lowered from, when the code points into it (the SIMD fallback
    /// passes its ops by address): the placed code must keep it alive.
    pub ir: Option<life_decode::ir::FuncBody>,
}

/// `reloc` of `func`, named independently of the process.
fn relocation(reloc: &FinalizedMachReloc, func: &ir::Function) -> Result<Relocation, String> {
    let target = match &reloc.target {
        FinalizedRelocTarget::ExternalName(ir::ExternalName::User(r)) => {
            let name = &func.params.user_named_funcs()[*r];
            match name.namespace {
                0 => Target::Func(name.index),
                LIBCALL_NAMESPACE => Target::Libcall(name.index),
                n => return Err(format!("relocation to namespace {n}")),
            }
        }
        FinalizedRelocTarget::ExternalName(ir::ExternalName::LibCall(l)) => Target::Cranelift(*l),
        FinalizedRelocTarget::Func(offset) => Target::Own(*offset),
        FinalizedRelocTarget::ExternalName(other) => return Err(format!("relocation to {other:?}")),
    };
    Ok(Relocation { offset: reloc.offset, kind: reloc.kind, target, addend: reloc.addend })
}

/// Lowers and compiles defined function `i` (independent of every other function).
fn compile_one(
    env: &Env<'_>,
    isa: &dyn TargetIsa,
    sigs: &[ir::Signature],
    i: usize,
    ctx: &mut Context,
    fctx: &mut FunctionBuilderContext,
) -> Result<Compiled, String> {
    ctx.clear();
    ctx.func.signature = sigs[i].clone();
    ctx.func.name = UserFuncName::user(0, i as u32);
    let func_index = env.module.num_imported_funcs as usize + i;
    // Translation to IR happens here, on the compiling thread, when the module was decoded lazily.
    let body = env.module.body(i).map_err(|e| format!("function {func_index}: {e}"))?;
    // Accumulator forms are the interpreter's; compiled code keeps every value in a variable.
    let owned = body.without_accumulator();
    let body = &owned;
    let complexity = crate::lower::complexity(body);
    if std::env::var_os("LIFE_AOT_COMPLEXITY").is_some() {
        eprintln!(
            "function {func_index}: complexity {complexity} ({} slots, {} ops)",
            body.frame_slots,
            body.ops.len()
        );
    }
    if let Some(limit) = env.max_complexity
        && complexity > limit
    {
        return Err(format!(
            "function {func_index} is too complex to compile: complexity {complexity} ({} slots, {} ops) is over \
             Polymerase's limit of {limit} (`max_function_complexity`); the interpreter can run it",
            body.frame_slots,
            body.ops.len()
        ));
    }
    {
        let mut callees = DirectCalls { sigs };
        let b = FunctionBuilder::new(&mut ctx.func, fctx);
        Lower::run(b, env, &mut callees, i as u32, body);
    }
    ctx.compile(isa, &mut ControlPlane::default()).map_err(|e| format!("function {func_index}: {:?}", e.inner))?;
    let code = ctx.compiled_code().expect("just compiled");
    let relocs = code
        .buffer
        .relocs()
        .iter()
        .map(|r| relocation(r, &ctx.func))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("function {func_index}: {e}"))?;
    let simd = Target::Libcall(env.libcalls.index(env.libcalls.simd));
    let relocs: Vec<Relocation> = relocs;
    let ir = relocs.iter().any(|r| r.target == simd).then_some(owned.clone());
    let compiled = Compiled { bytes: code.code_buffer().to_vec(), relocs, alignment: code.buffer.alignment as u64, ir };
    // Debugging aids: the optimized Cranelift IR on stderr, the machine code in files
    // (`objdump -D -b binary -m i386:x86-64 f0.bin`).
    if std::env::var_os("LIFE_AOT_DUMP").is_some() {
        eprintln!("{}", ctx.func.display());
    }
    if let Some(dir) = std::env::var_os("LIFE_AOT_DUMP_CODE") {
        let _ = std::fs::write(std::path::Path::new(&dir).join(format!("f{i}.bin")), &compiled.bytes);
    }
    Ok(compiled)
}

/// Compiles the functions on up to `threads` threads, each taking the next function to do.
fn compile_all(env: &Env<'_>, isa: &dyn TargetIsa, sigs: &[ir::Signature]) -> Result<Vec<Compiled>, String> {
    let n = sigs.len();
    // Threads pay off only for enough code; tiny modules compile faster on one.
    let threads = if env.module.code_bytes() < 6_000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |p| p.get()).min(n)
    };
    let next = AtomicUsize::new(0);
    let work = || -> Result<Vec<(usize, Compiled)>, String> {
        let (mut ctx, mut fctx) = (Context::new(), FunctionBuilderContext::new());
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= n {
                return Ok(done);
            }
            done.push((i, compile_one(env, isa, sigs, i, &mut ctx, &mut fctx)?));
        }
    };
    let parts: Vec<Result<Vec<(usize, Compiled)>, String>> = if threads <= 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a compiler thread panicked".into()))).collect()
        })
    };
    let mut all: Vec<Option<Compiled>> = (0..n).map(|_| None).collect();
    for part in parts {
        for (i, c) in part? {
            all[i] = Some(c);
        }
    }
    Ok(all.into_iter().map(|c| c.expect("every function compiled")).collect())
}

/// Compiles every defined function of `module` and places the code.
pub(crate) fn compile(module: &Arc<Module>, options: &crate::Polymerase) -> Result<Code, String> {
    let start = Instant::now();
    let isa = isa()?;
    let mut compiled = compile_functions(module, options, &isa)?;
    // The SIMD fallback's ops must live as long as the code (moving a body keeps its ops).
    let ir = compiled.iter_mut().filter_map(|c| c.ir.take()).collect();
    let mut code = place(module, options, &isa, &compiled, start)?;
    code.ir = ir;
    Ok(code)
}

/// The native signature of each defined function of `module`.
fn signatures(module: &Module, call_conv: CallConv) -> Vec<ir::Signature> {
    let nimp = module.num_imported_funcs;
    (0..module.num_bodies())
        .map(|i| {
            let ty = module.func_type(nimp + i as u32);
            signature(call_conv, ty.param_slots(), ty.result_slots())
        })
        .collect()
}

/// Compiles every defined function of `module` to machine code not yet placed.
pub(crate) fn compile_functions(
    module: &Arc<Module>,
    options: &crate::Polymerase,
    isa: &OwnedTargetIsa,
) -> Result<Vec<Compiled>, String> {
    let libcalls = Libcalls::new();
    let env = Env {
        module,
        call_conv: WASM_CALL_CONV,
        host_call_conv: isa.default_call_conv(),
        libcalls: &libcalls,
        // Metering is the module's (decided when it was decoded): its gas lives in a register.
        metered: module.metered,
        frontend: isa.frontend_config(),
        simd: simd_support(&**isa),
        max_complexity: options.max_function_complexity,
        guarded: options.guarded(module.metered),
        unwinds: options.unwinds(),
    };
    compile_all(&env, &**isa, &signatures(module, WASM_CALL_CONV))
}

/// The JIT's name of libcall `name`.
fn libcall_symbol(name: &str) -> String {
    format!("life_aot_libcall_{name}")
}

/// Places `compiled`, the code of every defined function of `module` (compiled with `isa` and
/// `options`), in executable memory, links it and adds the trampolines. The code is only
/// written and mapped here: callers check it first (`artifact.rs`).
pub(crate) fn place(
    module: &Arc<Module>,
    options: &crate::Polymerase,
    isa: &OwnedTargetIsa,
    compiled: &[Compiled],
    start: Instant,
) -> Result<Code, String> {
    let call_conv = isa.default_call_conv();
    let frontend = isa.frontend_config();
    let libcalls = Libcalls::new();
    let mut builder = JITBuilder::with_isa(isa.clone(), cranelift_module::default_libcall_names());
    for (name, addr) in libcalls.table() {
        builder.symbol(libcall_symbol(name), addr as *const u8);
    }
    let mut jit = JITModule::new(builder);
    let nimp = module.num_imported_funcs;
    let shape = |i: usize| {
        let ty = module.func_type(nimp + i as u32);
        (ty.param_slots(), ty.result_slots())
    };
    if compiled.len() != module.num_bodies() {
        return Err(format!("{} functions of code for {} functions", compiled.len(), module.num_bodies()));
    }
    let sigs = signatures(module, WASM_CALL_CONV);
    let mut ids = Vec::with_capacity(module.num_bodies());
    for (i, sig) in sigs.iter().enumerate() {
        let id = jit.declare_function(&format!("f{i}"), Linkage::Local, sig).map_err(|e| e.to_string())?;
        ids.push(id);
    }
    let mut libcall_ids = Vec::new();
    for (name, addr) in libcalls.table() {
        let sig = libcalls.signature(addr, call_conv);
        libcall_ids
            .push(jit.declare_function(&libcall_symbol(name), Linkage::Import, &sig).map_err(|e| e.to_string())?);
    }
    let mut trampolines: HashMap<(u32, u32), FuncId> = HashMap::new();
    for i in 0..module.num_bodies() {
        let s = shape(i);
        if !trampolines.contains_key(&s) {
            let id = define_trampoline(&mut jit, frontend, call_conv, s, trampolines.len())?;
            trampolines.insert(s, id);
        }
    }
    let mut code_size = 0;
    for (i, c) in compiled.iter().enumerate() {
        code_size += c.bytes.len();
        let relocs: Vec<ModuleReloc> = c
            .relocs
            .iter()
            .map(|r| ModuleReloc {
                offset: r.offset,
                kind: r.kind,
                name: match r.target {
                    Target::Func(f) => ModuleRelocTarget::user(0, ids[f as usize].as_u32()),
                    Target::Libcall(l) => ModuleRelocTarget::user(0, libcall_ids[l as usize].as_u32()),
                    Target::Cranelift(l) => ModuleRelocTarget::LibCall(l),
                    Target::Own(offset) => ModuleRelocTarget::FunctionOffset(ids[i], offset),
                },
                addend: r.addend,
            })
            .collect();
        jit.define_function_bytes(ids[i], c.alignment, &c.bytes, &relocs)
            .map_err(|e| format!("function {}: {e:?}", nimp as usize + i))?;
    }
    jit.finalize_definitions().map_err(|e| e.to_string())?;
    let funcs: Vec<*const u8> = ids.iter().map(|&id| jit.get_finalized_function(id)).collect();
    let mut ranges: Vec<(usize, usize, u32)> = funcs
        .iter()
        .zip(compiled)
        .enumerate()
        .map(|(i, (&f, c))| (f as usize, f as usize + c.bytes.len(), i as u32))
        .collect();
    ranges.sort_unstable();
    let trampolines = (0..module.num_bodies()).map(|i| jit.get_finalized_function(trampolines[&shape(i)])).collect();
    Ok(Code {
        module: module.clone(),
        jit: Some(jit),
        funcs,
        trampolines,
        compile_time: start.elapsed(),
        code_size,
        max_stack: options.max_stack,
        guarded: options.guarded(module.metered),
        ranges,
        ir: Vec::new(),
    })
}

/// `(vmctx, function, slots, budget)`: loads the arguments from `slots`, calls, and
/// stores the results back. The trampoline has the host's calling convention `call_conv`, the
/// function it calls [`WASM_CALL_CONV`].
fn define_trampoline(
    jit: &mut JITModule,
    frontend: cranelift_codegen::isa::TargetFrontendConfig,
    call_conv: CallConv,
    (params, results): (u32, u32),
    n: usize,
) -> Result<FuncId, String> {
    let mut sig = ir::Signature::new(call_conv);
    for ty in [I64, I64, I64, I64] {
        sig.params.push(ir::AbiParam::new(ty));
    }
    let id = jit.declare_function(&format!("t{n}"), Linkage::Local, &sig).map_err(|e| e.to_string())?;
    let mut ctx = Context::new();
    ctx.func.signature = sig;
    let mut fctx = FunctionBuilderContext::new();
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let block = b.create_block();
        b.append_block_params_for_function_params(block);
        b.switch_to_block(block);
        let p = b.block_params(block).to_vec();
        let (vmctx, f, slots, budget) = (p[0], p[1], p[2], p[3]);
        let mut args = vec![vmctx, budget];
        for i in 0..params {
            args.push(b.ins().load(I64, MemFlagsData::trusted(), slots, (i * 8) as i32));
        }
        let callee_sig = b.import_signature(signature(WASM_CALL_CONV, params, results));
        let call = b.ins().call_indirect(callee_sig, f, &args);
        let rets = b.inst_results(call).to_vec();
        for (i, v) in rets.into_iter().enumerate() {
            b.ins().store(MemFlagsData::trusted(), v, slots, (i * 8) as i32);
        }
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(frontend);
    }
    jit.define_function(id, &mut ctx).map_err(|e| format!("trampoline: {e:?}"))?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_start_on_cache_lines_and_are_found_by_address() {
        let wasm = wat::parse_str(
            r#"(module
              (func (result i32) (i32.const 1))
              (func (param i32) (result i32) (i32.add (local.get 0) (call 0)))
              (func (param i64) (result i64) (i64.mul (local.get 0) (local.get 0))))"#,
        )
        .unwrap();
        let module = Arc::new(life_decode::decode(&wasm, life_decode::Features::wasm2()).unwrap());
        for guard_pages in [true, false] {
            let options = crate::Polymerase { guard_pages, ..Default::default() };
            let code = compile(&module, &options).unwrap();
            for (i, &f) in code.funcs.iter().enumerate() {
                assert_eq!(f as usize % 64, 0, "function {i}");
                assert_eq!(code.func_at(f as usize), Some(i as u32));
                assert_eq!(code.func_at(f as usize + 3), Some(i as u32));
            }
            let (_, end, last) = *code.ranges.last().unwrap();
            assert_eq!(code.func_at(end), None, "the byte after function {last}");
            assert_eq!(code.func_at(code.ranges[0].0 - 1), None);
        }
    }
}
