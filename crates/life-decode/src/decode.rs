//! `decode`: walks the sections with `wasmparser`, validates them, and builds the [`Module`].

use crate::{
    DecodeError, DecodeErrorKind, DecodeOptions, Features,
    module::{
        ConstExpr, ConstOp, DataMode, DataSegment, ElemMode, ElemSegment, Export, ExternKind, Global, Import,
        ImportDesc, LazyBody, Module,
    },
    translate::{self, ModuleEnv},
    types::{FuncType, GlobalType, Limits, MemoryType, RefType, TableType, ValType},
    value::{F32, F64, Value},
};
use wasmparser::{Parser, Payload, ValidPayload, Validator};

/// Decodes, validates and translates a binary module.
///
/// # Errors
///
/// Returns a [`DecodeError`] carrying the byte offset and the validator's reason when the bytes
/// are malformed, the module is invalid, or it uses a feature outside `features`. Never panics.
pub fn decode(bytes: &[u8], features: Features) -> Result<Module, DecodeError> {
    decode_with(bytes, &DecodeOptions { features, ..DecodeOptions::default() })
}

/// Decodes, validates and translates a binary module with full control over translation:
/// gas metering, interruption checks, NaN canonicalization and size limits.
///
/// # Errors
///
/// As [`decode`], plus [`DecodeErrorKind::LimitExceeded`] when the module exceeds `options.limits`,
/// and [`DecodeErrorKind::Unsupported`] when `options.features` turns on a proposal Life does not
/// implement ([`Features::check_supported`]).
pub fn decode_with(bytes: &[u8], options: &DecodeOptions) -> Result<Module, DecodeError> {
    options.features.check_supported()?;
    decode_checked(bytes, options, true).map_err(|e| name_the_proposal(e, options.features))
}

/// Decodes `bytes` as [`decode_with`] does but without validating the function bodies, for a
/// module this process or an earlier one already validated and kept with a checksum (Polymerase's
/// artifacts): the module's sections are still checked, its bodies are not, and they are
/// translated lazily (whatever `options.lazy` says).
///
/// Not for untrusted bytes: the interpreter's unsafe code trusts every body of a module to be
/// valid, so an invalid body decoded here is undefined behaviour when it runs.
///
/// # Errors
///
/// As [`decode_with`], except for the errors only body validation finds.
#[doc(hidden)]
pub fn decode_prevalidated(bytes: &[u8], options: &DecodeOptions) -> Result<Module, DecodeError> {
    options.features.check_supported()?;
    let options = DecodeOptions { lazy: true, ..options.clone() };
    decode_checked(bytes, &options, false).map_err(|e| name_the_proposal(e, options.features))
}

/// Adds the proposal's name to a validator error about a construct of a proposal that is off,
/// when wasmparser's message does not name it.
#[cold]
fn name_the_proposal(e: DecodeError, features: Features) -> DecodeError {
    match features.missing_proposal(e.message()) {
        Some(name) if e.kind() == DecodeErrorKind::Invalid => {
            let message = format!("{} (the {name} proposal is not enabled)", e.message());
            DecodeError::new(e.kind(), e.offset(), message)
        }
        _ => e,
    }
}

/// Decodes `bytes`; `validate` is false only for bytes already validated ([`decode_prevalidated`]).
fn decode_checked(bytes: &[u8], options: &DecodeOptions, validate: bool) -> Result<Module, DecodeError> {
    let features = options.features;
    let limits = &options.limits;
    if bytes.len() > limits.max_module_bytes {
        return Err(limit(
            0,
            format!("module is {} bytes, more than the limit of {}", bytes.len(), limits.max_module_bytes),
        ));
    }
    let mut validator = Validator::new_with_features(features.to_wasmparser());
    let mut module = Module {
        features,
        metered: options.gas.is_some(),
        gas_per_unit: options.gas.as_ref().map_or(0, |g| g.per_unit()),
        interruptible: options.interruptible || options.gas.is_some(),
        ..Module::default()
    };
    let mut func_allocs = wasmparser::FuncValidatorAllocations::default();
    let mut translator = translate::Translator::new(options);
    module.options = options.clone();

    // The parser must know the features too: with all of them on it reads memory limits as
    // 64-bit LEBs and so accepts overlong 32-bit encodings.
    let mut parser = Parser::new(0);
    parser.set_features(features.to_wasmparser());
    // Bodies whose validation waits until the code section ends (`validate_bodies`).
    let defer = options.lazy && !options.single_threaded;
    let mut pending: Vec<PendingBody<'_>> = Vec::new();
    let parse = || -> Result<(), DecodeError> {
        for payload in parser.parse_all(bytes) {
            let payload = payload?;
            if !pending.is_empty() && !matches!(payload, Payload::CodeSectionEntry(_)) {
                validate_bodies(std::mem::take(&mut pending), options)?;
            }
            let valid = validator.payload(&payload)?;
            match payload {
                Payload::TypeSection(reader) => {
                    for ty in reader.into_iter_err_on_gc_types() {
                        let ty = ty?;
                        module.types.push(func_type(&ty)?);
                    }
                }
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        let import = import?;
                        let desc = match import.ty {
                            wasmparser::TypeRef::Func(t) | wasmparser::TypeRef::FuncExact(t) => {
                                module.funcs.push(t);
                                module.num_imported_funcs += 1;
                                ImportDesc::Func(t)
                            }
                            wasmparser::TypeRef::Table(t) => {
                                let t = table_type(&t)?;
                                module.tables.push(t);
                                module.num_imported_tables += 1;
                                ImportDesc::Table(t)
                            }
                            wasmparser::TypeRef::Memory(m) => {
                                let m = memory_type(&m);
                                module.memories.push(m);
                                module.num_imported_memories += 1;
                                ImportDesc::Memory(m)
                            }
                            wasmparser::TypeRef::Global(g) => {
                                let g = global_type(&g)?;
                                module.global_types.push(g);
                                module.num_imported_globals += 1;
                                ImportDesc::Global(g)
                            }
                            wasmparser::TypeRef::Tag(_) => {
                                return Err(unsupported(0, "tags (exception handling)"));
                            }
                        };
                        module.imports.push(Import {
                            module: import.module.to_string(),
                            name: import.name.to_string(),
                            desc,
                        });
                    }
                }
                Payload::FunctionSection(reader) => {
                    let total = reader.count() as u64 + module.funcs.len() as u64;
                    if total > limits.max_functions as u64 {
                        return Err(limit(
                            reader.range().start,
                            format!("{total} functions, more than the limit of {}", limits.max_functions),
                        ));
                    }
                    for t in reader {
                        module.funcs.push(t?);
                    }
                }
                Payload::TableSection(reader) => {
                    for table in reader {
                        let table = table?;
                        if !matches!(table.init, wasmparser::TableInit::RefNull) {
                            return Err(unsupported(0, "table initializer expressions"));
                        }
                        module.tables.push(table_type(&table.ty)?);
                    }
                }
                Payload::MemorySection(reader) => {
                    for m in reader {
                        module.memories.push(memory_type(&m?));
                    }
                }
                Payload::GlobalSection(reader) => {
                    for g in reader {
                        let g = g?;
                        let ty = global_type(&g.ty)?;
                        module.global_types.push(ty);
                        module.globals.push(Global { ty, init: const_expr(&g.init_expr)? });
                    }
                }
                Payload::ExportSection(reader) => {
                    for e in reader {
                        let e = e?;
                        let kind = match e.kind {
                            wasmparser::ExternalKind::Func | wasmparser::ExternalKind::FuncExact => ExternKind::Func,
                            wasmparser::ExternalKind::Table => ExternKind::Table,
                            wasmparser::ExternalKind::Memory => ExternKind::Memory,
                            wasmparser::ExternalKind::Global => ExternKind::Global,
                            wasmparser::ExternalKind::Tag => {
                                return Err(unsupported(0, "tags (exception handling)"));
                            }
                        };
                        module.exports.push(Export { name: e.name.to_string(), kind, index: e.index });
                    }
                }
                Payload::StartSection { func, .. } => module.start = Some(func),
                Payload::ElementSection(reader) => {
                    check_segments(&module, reader.count(), reader.range().start, limits)?;
                    for elem in reader {
                        let elem = elem?;
                        let mode = match elem.kind {
                            wasmparser::ElementKind::Passive => ElemMode::Passive,
                            wasmparser::ElementKind::Declared => ElemMode::Declared,
                            wasmparser::ElementKind::Active { table_index, offset_expr } => {
                                ElemMode::Active { table: table_index.unwrap_or(0), offset: const_expr(&offset_expr)? }
                            }
                        };
                        let (ty, items) = match elem.items {
                            wasmparser::ElementItems::Functions(funcs) => {
                                let mut items = Vec::new();
                                for f in funcs {
                                    items.push(ConstExpr::RefFunc(f?));
                                }
                                (RefType::FuncRef, items)
                            }
                            wasmparser::ElementItems::Expressions(ty, exprs) => {
                                let mut items = Vec::new();
                                for e in exprs {
                                    items.push(const_expr(&e?)?);
                                }
                                (ref_type(ty)?, items)
                            }
                        };
                        module.elems.push(ElemSegment { mode, ty, items });
                    }
                }
                Payload::DataSection(reader) => {
                    check_segments(&module, reader.count(), reader.range().start, limits)?;
                    for data in reader {
                        let data = data?;
                        let mode = match data.kind {
                            wasmparser::DataKind::Passive => DataMode::Passive,
                            wasmparser::DataKind::Active { memory_index, offset_expr } => {
                                DataMode::Active { memory: memory_index, offset: const_expr(&offset_expr)? }
                            }
                        };
                        module.datas.push(DataSegment { mode, bytes: data.data.to_vec() });
                    }
                }
                Payload::CodeSectionEntry(ref body)
                    if body.range().end - body.range().start > limits.max_function_bytes as u64 =>
                {
                    let size = body.range().end - body.range().start;
                    return Err(limit(
                        body.range().start,
                        format!("function body of {size} bytes, more than the limit of {}", limits.max_function_bytes),
                    ));
                }
                Payload::CodeSectionStart { unchecked_range: range, .. } => {
                    // The parser reads the entries from these bytes, so a range that runs past the
                    // end fails there; clamp it so this copy cannot panic first.
                    let end = usize::try_from(range.end).unwrap_or(usize::MAX).min(bytes.len());
                    let start = usize::try_from(range.start).unwrap_or(usize::MAX).min(end);
                    module.code_bytes = bytes[start..end].into();
                    module.code_offset = start;
                }
                Payload::CodeSectionEntry(_) => {
                    let ValidPayload::Func(mut to_validate, body) = valid else {
                        unreachable!("validator returns a function validator for every code entry");
                    };
                    let index = module.num_imported_funcs as usize + module.code.len();
                    let params = module
                        .funcs
                        .get(index)
                        .and_then(|&t| module.types.get(t as usize))
                        .map_or(0, |t| t.params().len());
                    let range = body.range();
                    let lazy = LazyBody {
                        start: (range.start as usize).saturating_sub(module.code_offset),
                        end: (range.end as usize).saturating_sub(module.code_offset),
                        ..LazyBody::default()
                    };
                    // Float types pass (their values are bits); float instructions do not.
                    to_validate.features.set(wasmparser::WasmFeatures::FLOATS, features.floats);
                    if !validate {
                        // Already validated when the artifact was made; translated on first use.
                    } else if defer {
                        pending.push(PendingBody { func: to_validate, body, params });
                    } else {
                        let mut func_validator = to_validate.into_validator(std::mem::take(&mut func_allocs));
                        crate::validate::validate(
                            &mut func_validator,
                            &body,
                            features.floats,
                            limits.max_locals,
                            params,
                        )?;
                        func_allocs = func_validator.into_allocations();
                        if !options.lazy {
                            let translated = translator.translate(&ModuleEnv { module: &module }, index, &body)?;
                            let _ = lazy.ir.set(translated);
                        }
                    }
                    module.code.push(lazy);
                }
                Payload::CustomSection(reader) => {
                    if let wasmparser::KnownCustom::Name(names) = reader.as_known() {
                        read_names(&mut module, names);
                    }
                }
                Payload::End(_) => {}
                _ => {}
            }
        }
        Ok(())
    };
    let parsed = parse();
    // Deferred bodies lie before anything the loop stopped at, so their errors come first, as
    // they would have had each been validated where it was read.
    validate_bodies(pending, options)?;
    parsed?;
    Ok(module)
}

/// A function body read but not validated yet.
struct PendingBody<'a> {
    func: wasmparser::FuncToValidate<wasmparser::ValidatorResources>,
    body: wasmparser::FunctionBody<'a>,
    params: usize,
}

/// Below this many bytes of code, bodies are validated on the calling thread: starting a
/// thread costs about as much as validating 10 KiB.
const PARALLEL_MIN_BYTES: usize = 64 * 1024;

/// Most threads validation uses.
const MAX_THREADS: usize = 8;

/// Validates `bodies` (consecutive functions, in order), on several threads when there is
/// enough code. Returns the error of the first invalid body, as validating them one after
/// another would: each thread takes a consecutive run and stops at its first error, and the
/// runs' results are taken in order.
fn validate_bodies(bodies: Vec<PendingBody<'_>>, options: &DecodeOptions) -> Result<(), DecodeError> {
    let size: usize = bodies.iter().map(|b| (b.body.range().end - b.body.range().start) as usize).sum();
    let threads = if size < PARALLEL_MIN_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS)
    };
    if threads <= 1 {
        return validate_run(bodies, options);
    }
    // Consecutive runs of about `size / threads` bytes each.
    let mut runs: Vec<Vec<PendingBody<'_>>> = vec![Vec::new()];
    let mut in_run = 0;
    for b in bodies {
        let len = (b.body.range().end - b.body.range().start) as usize;
        if in_run >= size.div_ceil(threads) && runs.len() < threads {
            runs.push(Vec::new());
            in_run = 0;
        }
        in_run += len;
        runs.last_mut().expect("one run at least").push(b);
    }
    // Each run sits in a slot a thread takes it from, so a run whose thread could not be
    // spawned is still there for the calling thread.
    let slots: Vec<std::sync::Mutex<Option<Vec<PendingBody<'_>>>>> =
        runs.into_iter().map(|r| std::sync::Mutex::new(Some(r))).collect();
    let take = |i: usize| slots[i].lock().unwrap_or_else(|e| e.into_inner()).take();
    std::thread::scope(|scope| {
        let mut results: Vec<Result<(), DecodeError>> = Vec::with_capacity(slots.len());
        let workers: Vec<_> = (1..slots.len())
            .map(|i| {
                let take = &take;
                std::thread::Builder::new()
                    .name("life-validate".into())
                    .spawn_scoped(scope, move || take(i).map_or(Ok(()), |run| validate_run(run, options)))
                    .ok()
            })
            .collect();
        results.push(take(0).map_or(Ok(()), |run| validate_run(run, options)));
        for (i, worker) in workers.into_iter().enumerate() {
            let result = match worker.map(|w| w.join()) {
                Some(Ok(result)) => result,
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                // Not spawned: its run is still in its slot.
                None => take(i + 1).map_or(Ok(()), |run| validate_run(run, options)),
            };
            results.push(result);
        }
        results.into_iter().collect()
    })
}

/// Validates consecutive bodies on this thread, stopping at the first error.
fn validate_run(bodies: Vec<PendingBody<'_>>, options: &DecodeOptions) -> Result<(), DecodeError> {
    let mut allocs = wasmparser::FuncValidatorAllocations::default();
    for b in bodies {
        let mut validator = b.func.into_validator(allocs);
        crate::validate::validate(
            &mut validator,
            &b.body,
            options.features.floats,
            options.limits.max_locals,
            b.params,
        )?;
        allocs = validator.into_allocations();
    }
    Ok(())
}

/// Reads the `name` section. Errors in it are ignored: the spec makes custom sections optional.
fn read_names(module: &mut Module, reader: wasmparser::NameSectionReader<'_>) {
    for name in reader {
        let Ok(name) = name else { return };
        match name {
            wasmparser::Name::Module { name, .. } => module.names.module = Some(name.to_string()),
            wasmparser::Name::Function(map) => {
                for naming in map {
                    let Ok(naming) = naming else { return };
                    module.names.funcs.insert(naming.index, naming.name.to_string());
                }
            }
            _ => {}
        }
    }
}

#[cold]
fn limit(offset: impl TryInto<usize>, message: String) -> DecodeError {
    DecodeError::new(DecodeErrorKind::LimitExceeded, offset, message)
}

fn check_segments(module: &Module, more: u32, offset: u64, limits: &crate::ModuleLimits) -> Result<(), DecodeError> {
    let total = module.elems.len() as u64 + module.datas.len() as u64 + more as u64;
    if total > limits.max_segments as u64 {
        return Err(limit(offset, format!("{total} segments, more than the limit of {}", limits.max_segments)));
    }
    Ok(())
}

#[cold]
fn unsupported(offset: usize, what: &str) -> DecodeError {
    DecodeError::new(DecodeErrorKind::Unsupported, offset, format!("{what} are not supported"))
}

pub(crate) fn val_type(t: wasmparser::ValType) -> Result<ValType, DecodeError> {
    Ok(match t {
        wasmparser::ValType::I32 => ValType::I32,
        wasmparser::ValType::I64 => ValType::I64,
        wasmparser::ValType::F32 => ValType::F32,
        wasmparser::ValType::F64 => ValType::F64,
        wasmparser::ValType::V128 => ValType::V128,
        wasmparser::ValType::Ref(r) => ref_type(r)?.into(),
    })
}

fn ref_type(r: wasmparser::RefType) -> Result<RefType, DecodeError> {
    if r == wasmparser::RefType::FUNCREF {
        Ok(RefType::FuncRef)
    } else if r == wasmparser::RefType::EXTERNREF {
        Ok(RefType::ExternRef)
    } else {
        Err(unsupported(0, "typed function references"))
    }
}

fn func_type(t: &wasmparser::FuncType) -> Result<FuncType, DecodeError> {
    let params = t.params().iter().map(|&p| val_type(p)).collect::<Result<Vec<_>, _>>()?;
    let results = t.results().iter().map(|&p| val_type(p)).collect::<Result<Vec<_>, _>>()?;
    Ok(FuncType::new(params, results))
}

fn table_type(t: &wasmparser::TableType) -> Result<TableType, DecodeError> {
    Ok(TableType {
        element: ref_type(t.element_type)?,
        limits: Limits { min: t.initial, max: t.maximum },
        table64: t.table64,
    })
}

fn memory_type(m: &wasmparser::MemoryType) -> MemoryType {
    MemoryType { limits: Limits { min: m.initial, max: m.maximum }, memory64: m.memory64 }
}

fn global_type(g: &wasmparser::GlobalType) -> Result<GlobalType, DecodeError> {
    Ok(GlobalType { content: val_type(g.content_type)?, mutable: g.mutable })
}

/// Reads a constant expression: one operator, or (extended constant expressions) a sequence the
/// validator has type-checked, kept in order for a stack machine.
fn const_expr(e: &wasmparser::ConstExpr<'_>) -> Result<ConstExpr, DecodeError> {
    use wasmparser::Operator as O;
    let mut reader = e.get_operators_reader();
    let offset = reader.original_position() as usize;
    let mut ops = Vec::new();
    loop {
        let op = match reader.read()? {
            O::End => break,
            O::I32Const { value } => ConstOp::Value(Value::I32(value)),
            O::I64Const { value } => ConstOp::Value(Value::I64(value)),
            O::F32Const { value } => ConstOp::Value(Value::F32(F32::from_bits(value.bits()))),
            O::F64Const { value } => ConstOp::Value(Value::F64(F64::from_bits(value.bits()))),
            O::V128Const { value } => ConstOp::Value(Value::V128(value.i128() as u128)),
            O::RefNull { hty } => {
                if hty == wasmparser::HeapType::FUNC {
                    ConstOp::Value(Value::FuncRef(None))
                } else {
                    ConstOp::Value(Value::ExternRef(None))
                }
            }
            O::RefFunc { function_index } => ConstOp::RefFunc(function_index),
            O::GlobalGet { global_index } => ConstOp::GlobalGet(global_index),
            O::I32Add => ConstOp::I32Add,
            O::I32Sub => ConstOp::I32Sub,
            O::I32Mul => ConstOp::I32Mul,
            O::I64Add => ConstOp::I64Add,
            O::I64Sub => ConstOp::I64Sub,
            O::I64Mul => ConstOp::I64Mul,
            _ => return Err(unsupported(offset, "constant expressions with this operator")),
        };
        ops.push(op);
    }
    Ok(match ops[..] {
        [ConstOp::Value(v)] => ConstExpr::Value(v),
        [ConstOp::GlobalGet(g)] => ConstExpr::GlobalGet(g),
        [ConstOp::RefFunc(f)] => ConstExpr::RefFunc(f),
        _ => ConstExpr::Extended(ops.into()),
    })
}
