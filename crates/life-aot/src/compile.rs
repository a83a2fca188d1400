//! Compiling a module: Cranelift settings, one native function per defined function, one
//! trampoline per function shape, and the JIT's executable (W^X) memory.

use crate::{
    code::Code,
    libcalls::Libcalls,
    lower::{Callees, Env, Lower, signature},
};
use cranelift_codegen::{
    Context,
    ir::{self, InstBuilder, MemFlagsData, UserFuncName, types::I64},
    isa::{CallConv, OwnedTargetIsa},
    settings::{self, Configurable},
};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{FuncId, Linkage, Module as _};
use life_decode::Module;
use std::{collections::HashMap, sync::Arc, time::Instant};

/// The host's instruction set with the settings Polymerase uses.
fn isa() -> Result<OwnedTargetIsa, String> {
    let mut flags = settings::builder();
    let set = |flags: &mut settings::Builder, k: &str, v: &str| flags.set(k, v).map_err(|e| format!("{k}={v}: {e}"));
    set(&mut flags, "opt_level", "speed")?;
    set(&mut flags, "enable_multi_ret_implicit_sret", "true")?;
    set(&mut flags, "use_colocated_libcalls", "false")?;
    set(&mut flags, "is_pic", "false")?;
    set(&mut flags, "enable_verifier", if cfg!(debug_assertions) { "true" } else { "false" })?;
    let builder = cranelift_native::builder().map_err(|e| format!("unsupported host: {e}"))?;
    builder.finish(settings::Flags::new(flags)).map_err(|e| e.to_string())
}

struct DirectCalls<'j> {
    jit: &'j mut JITModule,
    ids: &'j [FuncId],
}

impl Callees for DirectCalls<'_> {
    fn func_ref(&mut self, func: &mut ir::Function, index: u32) -> ir::FuncRef {
        self.jit.declare_func_in_func(self.ids[index as usize], func)
    }
}

/// Compiles every defined function of `module`.
pub(crate) fn compile(module: &Arc<Module>, max_stack: usize) -> Result<Code, String> {
    let start = Instant::now();
    let isa = isa()?;
    let call_conv = isa.default_call_conv();
    let frontend = isa.frontend_config();
    let mut jit = JITModule::new(JITBuilder::with_isa(isa, cranelift_module::default_libcall_names()));
    let nimp = module.num_imported_funcs;
    let shape = |i: usize| {
        let ty = module.func_type(nimp + i as u32);
        (ty.param_slots(), ty.result_slots())
    };

    let mut ids = Vec::with_capacity(module.bodies.len());
    for i in 0..module.bodies.len() {
        let (p, r) = shape(i);
        let id = jit
            .declare_function(&format!("f{i}"), Linkage::Local, &signature(call_conv, p, r))
            .map_err(|e| e.to_string())?;
        ids.push(id);
    }
    let mut trampolines: HashMap<(u32, u32), FuncId> = HashMap::new();
    for i in 0..module.bodies.len() {
        let s = shape(i);
        if !trampolines.contains_key(&s) {
            let id = define_trampoline(&mut jit, frontend, call_conv, s, trampolines.len())?;
            trampolines.insert(s, id);
        }
    }

    let libcalls = Libcalls::new();
    let env = Env { module, call_conv, libcalls: &libcalls, metered: module.metered, frontend };
    let mut ctx = jit.make_context();
    let mut fctx = FunctionBuilderContext::new();
    let mut code_size = 0;
    for (i, body) in module.bodies.iter().enumerate() {
        let (p, r) = shape(i);
        ctx.func.signature = signature(call_conv, p, r);
        ctx.func.name = UserFuncName::user(0, i as u32);
        {
            let mut callees = DirectCalls { jit: &mut jit, ids: &ids };
            let b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            Lower::run(b, &env, &mut callees, i as u32, body);
        }
        jit.define_function(ids[i], &mut ctx).map_err(|e| format!("function {}: {e:?}", nimp as usize + i))?;
        if std::env::var_os("LIFE_AOT_DUMP").is_some() {
            eprintln!("{}", ctx.func.display());
        }
        code_size += ctx.compiled_code().map_or(0, |c| c.code_info().total_size as usize);
        jit.clear_context(&mut ctx);
    }
    jit.finalize_definitions().map_err(|e| e.to_string())?;
    let funcs = ids.iter().map(|&id| jit.get_finalized_function(id)).collect();
    let trampolines = (0..module.bodies.len()).map(|i| jit.get_finalized_function(trampolines[&shape(i)])).collect();
    Ok(Code {
        module: module.clone(),
        jit: Some(jit),
        funcs,
        trampolines,
        compile_time: start.elapsed(),
        code_size,
        max_stack,
    })
}

/// `(vmctx, function, slots, depth, base)`: loads the arguments from `slots`, calls, and
/// stores the results back.
fn define_trampoline(
    jit: &mut JITModule,
    frontend: cranelift_codegen::isa::TargetFrontendConfig,
    call_conv: CallConv,
    (params, results): (u32, u32),
    n: usize,
) -> Result<FuncId, String> {
    let mut sig = ir::Signature::new(call_conv);
    for ty in [I64, I64, I64, ir::types::I32, ir::types::I32] {
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
        let (vmctx, f, slots, depth, base) = (p[0], p[1], p[2], p[3], p[4]);
        let mut args = vec![vmctx, depth, base];
        for i in 0..params {
            args.push(b.ins().load(I64, MemFlagsData::trusted(), slots, (i * 8) as i32));
        }
        let callee_sig = b.import_signature(signature(call_conv, params, results));
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
