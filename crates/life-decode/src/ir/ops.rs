//! `for_each_op!`: the single list of IR instructions. Everything else about ops derives from it.
//!
//! # Conventions
//!
//! The IR is a register machine over 64-bit frame *slots*. A frame is laid out as
//! `[params][locals][operand temporaries]`; every field of type [`Slot`](crate::ir::Slot)
//! is an index into the current frame. A `v128` takes two adjacent slots, everything else one.
//! `i32` and `f32` values live in the low 32 bits of a slot; the high bits of an `i32`
//! slot are zero.
//!
//! Field names carry meaning that derived code relies on:
//! - `dst` is the slot an op writes; when it is the *first* field the translator may retarget it
//!   (a `local.set` of a freshly computed value becomes the producer writing the local directly);
//! - `a`, `b` are operands, `src` a single operand, `imm` an inline constant operand;
//! - `target` is an absolute instruction index in the same body, resolved at translation.
//!
//! # Groups and facts
//!
//! The list is split into groups, each its own macro, so that an engine can name a whole group
//! in a pattern (`for_each_simd_op!(ops_pattern)`) and still match every op explicitly:
//! [`for_each_base_op!`], [`for_each_compare_op!`], [`for_each_branch_op!`],
//! [`for_each_inc_branch_op!`], [`for_each_acc_op!`], [`for_each_simd_memory_op!`] and
//! [`for_each_simd_op!`]. [`for_each_op!`] hands all of them to one callback, in that order.
//!
//! Each entry ends with its facts in brackets, which `ir/op.rs` turns into [`Op::facts`]:
//! - `trap`: the op may trap (or run out of gas);
//! - `mem`: it reads the memory view (base and length) of the instance's memory;
//! - `float`: it computes on or with `f32`/`f64` values (lanes included);
//! - `pure`: it writes only its `dst`, reads only its operands (or a global) and cannot trap,
//!   so it may move across a check or be dropped when nothing reads its result.
//!
//! An accumulator form (see `ir/acc.rs`) ends with `<- Base [operand]` after its facts: the op
//! it is a form of and the operand it reads from the accumulator (`[a b]`: the base op is
//! commutative, so `b` may use the form too by swapping the operands).
//!
//! Every consumer matches ops without a catch-all arm, so a new entry is a compile error in the
//! translator's helpers, both interpreter loops and Polymerase's lowering until each handles it.
//!
//! # Names
//!
//! Names match `wasmparser::Operator` for plain Wasm ops (`I32Add`). Specialised or fused ops add a
//! suffix: `Imm` (right operand is the inline `imm`), `BrIf<Cmp>` (compare fused into a branch),
//! `Inc` prefix (adds the small constant `step` to `a` first: a loop counter's update and test),
//! `Wide` (the `v128`/two-slot form of a data-movement op), `In` (a bulk or size op on a memory
//! other than memory 0, named by its `mem` fields; loads and stores use `select_memory` instead), `Acc`, `AccA`, `AccB` (an accumulator
//! form: the operand named comes from the value the previous op wrote; see `ir/acc.rs`).

/// Calls `$m!` once with every IR op: the groups below, in order. This is the only list of ops.
///
/// Each entry is `/// doc` then `Name = snake_name { field: Type, ... } [facts];` (an
/// accumulator form's `<- Base [operand]` is left out).
#[macro_export]
macro_rules! for_each_op {
    ($m:ident) => {
        $crate::for_each_base_op! {
            @chain [] $m for_each_compare_op for_each_branch_op for_each_inc_branch_op for_each_acc_op
            for_each_simd_memory_op for_each_simd_op
        }
    };
}

/// Hands a group's entries to `$m!`, or (`@chain`) appends them to the entries gathered so far
/// and passes everything on to the next group's macro, the last one calling `$m!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __emit_ops {
    ([$m:ident] $($entries:tt)*) => {
        $m! { $($entries)* }
    };
    ([@chain [$($done:tt)*] $m:ident] $($entries:tt)*) => {
        $m! { $($done)* $($entries)* }
    };
    ([@chain [$($done:tt)*] $m:ident $next:ident $($rest:ident)*] $($entries:tt)*) => {
        $crate::$next! { @chain [$($done)* $($entries)*] $m $($rest)* }
    };
}

/// A pattern matching every op of the entries it is given: `for_each_simd_op!(ops_pattern)`
/// in a `match` arm names the whole group, so the `match` stays exhaustive without a catch-all.
#[macro_export]
macro_rules! ops_pattern {
    ($( $(#[$doc:meta])* $name:ident = $snake:ident $fields:tt $facts:tt; )*) => {
        $( $crate::ir::Op::$name { .. } )|*
    };
}

/// Control flow, calls, data movement, tables, bulk memory, memory access, and the numeric
/// ops and conversions that are not comparisons.
#[macro_export]
macro_rules! for_each_base_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            // ---- Control ----
            /// Wasm `unreachable`: traps.
            Unreachable = unreachable {  } [trap];
            /// Unconditional jump (Wasm `br` after its values are in place).
            Br = br { target: Pc } [];
            /// Wasm `br_table`: jumps to `body.br_tables[table + min(index, len)]`
            /// (the last of the `len + 1` entries is the default).
            BrTable = br_table { index: Slot, table: u32, len: u32 } [];
            /// Returns; the results are already in slots `0..n` of the frame.
            Return = return_ {  } [];
            /// Returns the one-slot result in `src` (copied to slot 0 first).
            ReturnSlot = return_slot { src: Slot } [];
            /// Returns the results in the `len` slots from `src` (moved down to slot 0 first).
            ReturnMany = return_many { src: Slot, len: u32 } [];
            /// Wasm `call`: the callee's frame starts at slot `base`, where the arguments are;
            /// its results are left at `base..`.
            Call = call { func: u32, base: Slot } [trap];
            /// Wasm `call_indirect` through table `table`: the callee index is in `index`, the
            /// expected signature is type `ty` of the module; arguments and results as in `Call`.
            CallIndirect = call_indirect { index: Slot, base: Slot, ty: u32, table: u8 } [trap];
            /// Charges `amount` gas for the basic block it starts, and checks for an interrupt. Stops
            /// (trap or pause) without charging if too little gas is left.
            ConsumeGas = consume_gas { amount: u64 } [trap];
            /// NaN-canonicalizing mode: a NaN `f32` in `slot` becomes the canonical NaN.
            CanonNanF32 = canon_nan_f32 { slot: Slot } [float];
            /// NaN-canonicalizing mode: a NaN `f64` in `slot` becomes the canonical NaN.
            CanonNanF64 = canon_nan_f64 { slot: Slot } [float];
            /// NaN-canonicalizing mode, for the four `f32` lanes of the `v128` in `slot`.
            CanonNanF32x4 = canon_nan_f32x4 { slot: Slot } [float];
            /// NaN-canonicalizing mode, for the two `f64` lanes of the `v128` in `slot`.
            CanonNanF64x2 = canon_nan_f64x2 { slot: Slot } [float];
            // ---- Data movement ----
            /// Copies one slot.
            Copy = copy { dst: Slot, src: Slot } [pure];
            /// Copies two adjacent slots (a `v128`).
            CopyWide = copy_wide { dst: Slot, src: Slot } [pure];
            /// Copies `len` slots from `src..` down to `dst..` (`dst <= src`, ascending order).
            Move = move_ { dst: Slot, src: Slot, len: u32 } [];
            /// Stores a 32-bit constant (zero-extended).
            Const32 = const32 { dst: Slot, bits: u32 } [pure];
            /// Stores a 64-bit constant.
            Const64 = const64 { dst: Slot, bits: u64 } [pure];
            /// Wasm `select` on one-slot values: `dst` already holds the first operand;
            /// if the `i32` in `cond` is zero, `dst` takes `other`.
            Select = select { dst: Slot, other: Slot, cond: Slot } [pure];
            /// `Select` for two-slot (`v128`) values.
            SelectWide = select_wide { dst: Slot, other: Slot, cond: Slot } [pure];
            /// Wasm `global.get` of a one-slot global.
            GlobalGet = global_get { dst: Slot, global: u32 } [pure];
            /// Wasm `global.set` of a one-slot global.
            GlobalSet = global_set { src: Slot, global: u32 } [];
            /// `global.get` of a two-slot (`v128`) global.
            GlobalGetWide = global_get_wide { dst: Slot, global: u32 } [];
            /// `global.set` of a two-slot (`v128`) global.
            GlobalSetWide = global_set_wide { src: Slot, global: u32 } [];
            // ---- Reference types and tables ----
            /// Wasm `ref.is_null`.
            RefIsNull = ref_is_null { dst: Slot, src: Slot } [pure];
            /// Wasm `ref.func`: a reference to function `func` of the module.
            RefFunc = ref_func { dst: Slot, func: u32 } [pure];
            /// Wasm `table.get`.
            TableGet = table_get { dst: Slot, index: Slot, table: u32 } [trap];
            /// Wasm `table.set`.
            TableSet = table_set { index: Slot, value: Slot, table: u32 } [trap];
            /// Wasm `table.size`.
            TableSize = table_size { dst: Slot, table: u32 } [];
            /// Wasm `table.grow`: grows by the `i32` in `n` with `init`; `dst` gets the old size or -1.
            TableGrow = table_grow { dst: Slot, init: Slot, n: Slot, table: u8 } [];
            /// Wasm `table.fill`: index, value and count are in slots `args..args + 3`.
            TableFill = table_fill { args: Slot, table: u32 } [trap];
            /// Wasm `table.copy`: destination, source and count in slots `args..args + 3`.
            TableCopy = table_copy { args: Slot, dst_table: u32, src_table: u32 } [trap];
            /// Wasm `table.init`: destination, source offset and count in slots `args..args + 3`.
            TableInit = table_init { args: Slot, table: u32, elem: u32 } [trap];
            /// Wasm `elem.drop`.
            ElemDrop = elem_drop { elem: u32 } [];
            // ---- Bulk memory ----
            /// Wasm `memory.copy` (destination `d`, source `s`, length `n`).
            MemoryCopy = memory_copy { d: Slot, s: Slot, n: Slot } [trap];
            /// Wasm `memory.fill` (destination `d`, byte `val`, length `n`).
            MemoryFill = memory_fill { d: Slot, val: Slot, n: Slot } [trap];
            /// Wasm `memory.init`: destination, segment offset and length in slots `args..args + 3`.
            MemoryInit = memory_init { args: Slot, data: u32 } [trap];
            /// Wasm `data.drop`.
            DataDrop = data_drop { data: u32 } [];
            // ---- Memory ----
            /// Wasm `memory.size`.
            MemorySize = memory_size { dst: Slot } [mem];
            /// Wasm `memory.grow`.
            MemoryGrow = memory_grow { dst: Slot, delta: Slot } [];
            /// Wasm `i32.load`; the effective address is `addr + offset`.
            I32Load = i32_load { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load`.
            I64Load = i64_load { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `f32.load`.
            F32Load = f32_load { dst: Slot, addr: Slot, offset: u32 } [trap mem float];
            /// Wasm `f64.load`.
            F64Load = f64_load { dst: Slot, addr: Slot, offset: u32 } [trap mem float];
            /// Wasm `i32.load8_s`.
            I32Load8S = i32_load8_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i32.load8_u`.
            I32Load8U = i32_load8_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i32.load16_s`.
            I32Load16S = i32_load16_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i32.load16_u`.
            I32Load16U = i32_load16_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load8_s`.
            I64Load8S = i64_load8_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load8_u`.
            I64Load8U = i64_load8_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load16_s`.
            I64Load16S = i64_load16_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load16_u`.
            I64Load16U = i64_load16_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load32_s`.
            I64Load32S = i64_load32_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.load32_u`.
            I64Load32U = i64_load32_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `i32.store`.
            I32Store = i32_store { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.store`.
            I64Store = i64_store { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `f32.store`.
            F32Store = f32_store { addr: Slot, value: Slot, offset: u32 } [trap mem float];
            /// Wasm `f64.store`.
            F64Store = f64_store { addr: Slot, value: Slot, offset: u32 } [trap mem float];
            /// Wasm `i32.store8`.
            I32Store8 = i32_store8 { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `i32.store16`.
            I32Store16 = i32_store16 { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.store8`.
            I64Store8 = i64_store8 { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.store16`.
            I64Store16 = i64_store16 { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `i64.store32`.
            I64Store32 = i64_store32 { addr: Slot, value: Slot, offset: u32 } [trap mem];
            // ---- Numeric: i32 ----
            /// Wasm `i32.clz`.
            I32Clz = i32_clz { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.ctz`.
            I32Ctz = i32_ctz { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.popcnt`.
            I32Popcnt = i32_popcnt { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.add`.
            I32Add = i32_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.sub`.
            I32Sub = i32_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.mul`.
            I32Mul = i32_mul { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.div_s`.
            I32DivS = i32_div_s { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i32.div_u`.
            I32DivU = i32_div_u { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i32.rem_s`.
            I32RemS = i32_rem_s { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i32.rem_u`.
            I32RemU = i32_rem_u { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i32.and`.
            I32And = i32_and { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.or`.
            I32Or = i32_or { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.xor`.
            I32Xor = i32_xor { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.shl`.
            I32Shl = i32_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.shr_s`.
            I32ShrS = i32_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.shr_u`.
            I32ShrU = i32_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.rotl`.
            I32Rotl = i32_rotl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.rotr`.
            I32Rotr = i32_rotr { dst: Slot, a: Slot, b: Slot } [pure];
            /// `i32.add` with a constant right operand.
            I32AddImm = i32_add_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.mul` with a constant right operand.
            I32MulImm = i32_mul_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.and` with a constant right operand.
            I32AndImm = i32_and_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.or` with a constant right operand.
            I32OrImm = i32_or_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.xor` with a constant right operand.
            I32XorImm = i32_xor_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.shl` with a constant right operand.
            I32ShlImm = i32_shl_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.shr_s` with a constant right operand.
            I32ShrSImm = i32_shr_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.shr_u` with a constant right operand.
            I32ShrUImm = i32_shr_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            // ---- Numeric: i64 ----
            /// Wasm `i64.clz`.
            I64Clz = i64_clz { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.ctz`.
            I64Ctz = i64_ctz { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.popcnt`.
            I64Popcnt = i64_popcnt { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.add`.
            I64Add = i64_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.sub`.
            I64Sub = i64_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.mul`.
            I64Mul = i64_mul { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.div_s`.
            I64DivS = i64_div_s { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i64.div_u`.
            I64DivU = i64_div_u { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i64.rem_s`.
            I64RemS = i64_rem_s { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i64.rem_u`.
            I64RemU = i64_rem_u { dst: Slot, a: Slot, b: Slot } [trap];
            /// Wasm `i64.and`.
            I64And = i64_and { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.or`.
            I64Or = i64_or { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.xor`.
            I64Xor = i64_xor { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.shl`.
            I64Shl = i64_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.shr_s`.
            I64ShrS = i64_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.shr_u`.
            I64ShrU = i64_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.rotl`.
            I64Rotl = i64_rotl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.rotr`.
            I64Rotr = i64_rotr { dst: Slot, a: Slot, b: Slot } [pure];
            /// `i64.add` with a constant (sign-extended) right operand.
            I64AddImm = i64_add_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.mul` with a constant (sign-extended) right operand.
            I64MulImm = i64_mul_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.and` with a constant (sign-extended) right operand.
            I64AndImm = i64_and_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.or` with a constant (sign-extended) right operand.
            I64OrImm = i64_or_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.xor` with a constant (sign-extended) right operand.
            I64XorImm = i64_xor_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.shl` with a constant right operand.
            I64ShlImm = i64_shl_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.shr_s` with a constant right operand.
            I64ShrSImm = i64_shr_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.shr_u` with a constant right operand.
            I64ShrUImm = i64_shr_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            // ---- Numeric: f32 ----
            /// Wasm `f32.eq`.
            F32Eq = f32_eq { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.ne`.
            F32Ne = f32_ne { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.lt`.
            F32Lt = f32_lt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.gt`.
            F32Gt = f32_gt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.le`.
            F32Le = f32_le { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.ge`.
            F32Ge = f32_ge { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.abs`.
            F32Abs = f32_abs { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.neg`.
            F32Neg = f32_neg { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.ceil`.
            F32Ceil = f32_ceil { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.floor`.
            F32Floor = f32_floor { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.trunc`.
            F32Trunc = f32_trunc { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.nearest`.
            F32Nearest = f32_nearest { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.sqrt`.
            F32Sqrt = f32_sqrt { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.add`.
            F32Add = f32_add { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.sub`.
            F32Sub = f32_sub { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.mul`.
            F32Mul = f32_mul { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.div`.
            F32Div = f32_div { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.min`.
            F32Min = f32_min { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.max`.
            F32Max = f32_max { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32.copysign`.
            F32Copysign = f32_copysign { dst: Slot, a: Slot, b: Slot } [float pure];
            // ---- Numeric: f64 ----
            /// Wasm `f64.eq`.
            F64Eq = f64_eq { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.ne`.
            F64Ne = f64_ne { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.lt`.
            F64Lt = f64_lt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.gt`.
            F64Gt = f64_gt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.le`.
            F64Le = f64_le { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.ge`.
            F64Ge = f64_ge { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.abs`.
            F64Abs = f64_abs { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.neg`.
            F64Neg = f64_neg { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.ceil`.
            F64Ceil = f64_ceil { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.floor`.
            F64Floor = f64_floor { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.trunc`.
            F64Trunc = f64_trunc { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.nearest`.
            F64Nearest = f64_nearest { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.sqrt`.
            F64Sqrt = f64_sqrt { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.add`.
            F64Add = f64_add { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.sub`.
            F64Sub = f64_sub { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.mul`.
            F64Mul = f64_mul { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.div`.
            F64Div = f64_div { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.min`.
            F64Min = f64_min { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.max`.
            F64Max = f64_max { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64.copysign`.
            F64Copysign = f64_copysign { dst: Slot, a: Slot, b: Slot } [float pure];
            // ---- Conversions ----
            /// Wasm `i32.wrap_i64`.
            I32WrapI64 = i32_wrap_i64 { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.trunc_f32_s`.
            I32TruncF32S = i32_trunc_f32_s { dst: Slot, src: Slot } [trap float];
            /// Wasm `i32.trunc_f32_u`.
            I32TruncF32U = i32_trunc_f32_u { dst: Slot, src: Slot } [trap float];
            /// Wasm `i32.trunc_f64_s`.
            I32TruncF64S = i32_trunc_f64_s { dst: Slot, src: Slot } [trap float];
            /// Wasm `i32.trunc_f64_u`.
            I32TruncF64U = i32_trunc_f64_u { dst: Slot, src: Slot } [trap float];
            /// Wasm `i64.extend_i32_s`.
            I64ExtendI32S = i64_extend_i32_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.extend_i32_u`.
            I64ExtendI32U = i64_extend_i32_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.trunc_f32_s`.
            I64TruncF32S = i64_trunc_f32_s { dst: Slot, src: Slot } [trap float];
            /// Wasm `i64.trunc_f32_u`.
            I64TruncF32U = i64_trunc_f32_u { dst: Slot, src: Slot } [trap float];
            /// Wasm `i64.trunc_f64_s`.
            I64TruncF64S = i64_trunc_f64_s { dst: Slot, src: Slot } [trap float];
            /// Wasm `i64.trunc_f64_u`.
            I64TruncF64U = i64_trunc_f64_u { dst: Slot, src: Slot } [trap float];
            /// Wasm `f32.convert_i32_s`.
            F32ConvertI32S = f32_convert_i32_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.convert_i32_u`.
            F32ConvertI32U = f32_convert_i32_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.convert_i64_s`.
            F32ConvertI64S = f32_convert_i64_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.convert_i64_u`.
            F32ConvertI64U = f32_convert_i64_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32.demote_f64`.
            F32DemoteF64 = f32_demote_f64 { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.convert_i32_s`.
            F64ConvertI32S = f64_convert_i32_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.convert_i32_u`.
            F64ConvertI32U = f64_convert_i32_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.convert_i64_s`.
            F64ConvertI64S = f64_convert_i64_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.convert_i64_u`.
            F64ConvertI64U = f64_convert_i64_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64.promote_f32`.
            F64PromoteF32 = f64_promote_f32 { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32.extend8_s`.
            I32Extend8S = i32_extend8_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.extend16_s`.
            I32Extend16S = i32_extend16_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.extend8_s`.
            I64Extend8S = i64_extend8_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.extend16_s`.
            I64Extend16S = i64_extend16_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.extend32_s`.
            I64Extend32S = i64_extend32_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.trunc_sat_f32_s`.
            I32TruncSatF32S = i32_trunc_sat_f32_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32.trunc_sat_f32_u`.
            I32TruncSatF32U = i32_trunc_sat_f32_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32.trunc_sat_f64_s`.
            I32TruncSatF64S = i32_trunc_sat_f64_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32.trunc_sat_f64_u`.
            I32TruncSatF64U = i32_trunc_sat_f64_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `i64.trunc_sat_f32_s`.
            I64TruncSatF32S = i64_trunc_sat_f32_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `i64.trunc_sat_f32_u`.
            I64TruncSatF32U = i64_trunc_sat_f32_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `i64.trunc_sat_f64_s`.
            I64TruncSatF64S = i64_trunc_sat_f64_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `i64.trunc_sat_f64_u`.
            I64TruncSatF64U = i64_trunc_sat_f64_u { dst: Slot, src: Slot } [float pure];
            // ---- Tail calls ----
            /// Wasm `return_call`: the arguments are at slot `base`; they move down to slot 0 and the
            /// callee's frame replaces this one, so the callee returns to this function's caller. A
            /// host callee is called with its frame at slot 0 instead, and the op after this one (a
            /// `return`, which the translator always places there) returns its results.
            ReturnCall = return_call { func: u32, base: Slot } [trap];
            /// Wasm `return_call_indirect`: the callee is found as by `CallIndirect` (and traps as
            /// it does), then called as by `ReturnCall`.
            ReturnCallIndirect = return_call_indirect { index: Slot, base: Slot, ty: u32, table: u8 } [trap];
            // ---- Memories other than memory 0 (multi-memory) ----
            /// The loads and stores after it, up to the next `select_memory`, access memory `mem`
            /// of the instance instead of memory 0. The translator emits `select_memory mem`, the
            /// access and `select_memory 0` in a row (nothing between them can call, branch or
            /// pause), so the ops for memory 0 stay the hot path, untouched.
            SelectMemory = select_memory { mem: u32 } [mem];
            /// Wasm `memory.size` of memory `mem` (not 0).
            MemorySizeIn = memory_size_in { dst: Slot, mem: u32 } [];
            /// Wasm `memory.grow` of memory `mem` (not 0).
            MemoryGrowIn = memory_grow_in { dst: Slot, delta: Slot, mem: u32 } [];
            /// Wasm `memory.fill` of memory `mem` (not 0; wasmparser allows at most 100 memories).
            MemoryFillIn = memory_fill_in { d: Slot, val: Slot, n: Slot, mem: u8 } [trap];
            /// Wasm `memory.init` into memory `mem` (not 0): destination, segment offset and
            /// length in slots `args..args + 3`.
            MemoryInitIn = memory_init_in { args: Slot, data: u32, mem: u32 } [trap];
            /// Wasm `memory.copy` from memory `src_mem` at `s` to memory `dst_mem` at `d`, length
            /// `n`, when either is not memory 0.
            MemoryCopyIn = memory_copy_in { d: Slot, s: Slot, n: Slot, dst_mem: u8, src_mem: u8 } [trap];
            // ---- 64-bit memories (memory64) ----
            /// The effective address `addr + offset` of an access to a 64-bit memory (`addr` an
            /// `i64`), as the `i32` address of a 32-bit access with offset 0: traps with `out of
            /// bounds memory access` when it is above `u32::MAX` (no memory is larger than 4 GiB)
            /// or the addition overflows. Also narrows the `i64` operands of bulk ops (offset 0).
            Addr64 = addr64 { dst: Slot, addr: Slot, offset: u32 } [trap];
            /// `min(src, u32::MAX)` of an `i64`: the page count of `memory.grow` on a 64-bit
            /// memory (any count above fails the same way).
            I64ClampU32 = i64_clamp_u32 { dst: Slot, src: Slot } [pure];
        }
    };
}

/// Integer comparisons that write their result (`ir/compare.rs` describes them as data).
#[macro_export]
macro_rules! for_each_compare_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            /// Wasm `i32.eqz`.
            I32Eqz = i32_eqz { dst: Slot, src: Slot } [pure];
            /// Wasm `i32.eq`.
            I32Eq = i32_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.ne`.
            I32Ne = i32_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.lt_s`.
            I32LtS = i32_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.lt_u`.
            I32LtU = i32_lt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.gt_s`.
            I32GtS = i32_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.gt_u`.
            I32GtU = i32_gt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.le_s`.
            I32LeS = i32_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.le_u`.
            I32LeU = i32_le_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.ge_s`.
            I32GeS = i32_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32.ge_u`.
            I32GeU = i32_ge_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// `i32.eq` with a constant right operand.
            I32EqImm = i32_eq_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.ne` with a constant right operand.
            I32NeImm = i32_ne_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.lt_s` with a constant right operand.
            I32LtSImm = i32_lt_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.lt_u` with a constant right operand.
            I32LtUImm = i32_lt_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.gt_s` with a constant right operand.
            I32GtSImm = i32_gt_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.gt_u` with a constant right operand.
            I32GtUImm = i32_gt_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.le_s` with a constant right operand.
            I32LeSImm = i32_le_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.le_u` with a constant right operand.
            I32LeUImm = i32_le_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.ge_s` with a constant right operand.
            I32GeSImm = i32_ge_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i32.ge_u` with a constant right operand.
            I32GeUImm = i32_ge_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// Wasm `i64.eqz`.
            I64Eqz = i64_eqz { dst: Slot, src: Slot } [pure];
            /// Wasm `i64.eq`.
            I64Eq = i64_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.ne`.
            I64Ne = i64_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.lt_s`.
            I64LtS = i64_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.lt_u`.
            I64LtU = i64_lt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.gt_s`.
            I64GtS = i64_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.gt_u`.
            I64GtU = i64_gt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.le_s`.
            I64LeS = i64_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.le_u`.
            I64LeU = i64_le_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.ge_s`.
            I64GeS = i64_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64.ge_u`.
            I64GeU = i64_ge_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// `i64.eq` with a constant (sign-extended) right operand.
            I64EqImm = i64_eq_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.ne` with a constant (sign-extended) right operand.
            I64NeImm = i64_ne_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.lt_s` with a constant (sign-extended) right operand.
            I64LtSImm = i64_lt_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.lt_u` with a constant (sign-extended) right operand.
            I64LtUImm = i64_lt_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.gt_s` with a constant (sign-extended) right operand.
            I64GtSImm = i64_gt_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.gt_u` with a constant (sign-extended) right operand.
            I64GtUImm = i64_gt_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.le_s` with a constant (sign-extended) right operand.
            I64LeSImm = i64_le_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.le_u` with a constant (sign-extended) right operand.
            I64LeUImm = i64_le_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.ge_s` with a constant (sign-extended) right operand.
            I64GeSImm = i64_ge_s_imm { dst: Slot, a: Slot, imm: i32 } [pure];
            /// `i64.ge_u` with a constant (sign-extended) right operand.
            I64GeUImm = i64_ge_u_imm { dst: Slot, a: Slot, imm: i32 } [pure];
        }
    };
}

/// Conditional branches: on a slot, or fused with an integer comparison.
#[macro_export]
macro_rules! for_each_branch_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            /// Jumps if the `i32` in `cond` is not zero.
            BrIfNez = br_if_nez { cond: Slot, target: Pc } [];
            /// Jumps if the `i32` in `cond` is zero.
            BrIfEqz = br_if_eqz { cond: Slot, target: Pc } [];
            /// Fused `i32.eq` + `br_if`.
            BrIfI32Eq = br_if_i32_eq { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.ne` + `br_if`.
            BrIfI32Ne = br_if_i32_ne { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.lt_s` + `br_if`.
            BrIfI32LtS = br_if_i32_lt_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.lt_u` + `br_if`.
            BrIfI32LtU = br_if_i32_lt_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.gt_s` + `br_if`.
            BrIfI32GtS = br_if_i32_gt_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.gt_u` + `br_if`.
            BrIfI32GtU = br_if_i32_gt_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.le_s` + `br_if`.
            BrIfI32LeS = br_if_i32_le_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.le_u` + `br_if`.
            BrIfI32LeU = br_if_i32_le_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.ge_s` + `br_if`.
            BrIfI32GeS = br_if_i32_ge_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.ge_u` + `br_if`.
            BrIfI32GeU = br_if_i32_ge_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i32.eq` with a constant right operand + `br_if`.
            BrIfI32EqImm = br_if_i32_eq_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.ne` with a constant right operand + `br_if`.
            BrIfI32NeImm = br_if_i32_ne_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.lt_s` with a constant right operand + `br_if`.
            BrIfI32LtSImm = br_if_i32_lt_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.lt_u` with a constant right operand + `br_if`.
            BrIfI32LtUImm = br_if_i32_lt_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.gt_s` with a constant right operand + `br_if`.
            BrIfI32GtSImm = br_if_i32_gt_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.gt_u` with a constant right operand + `br_if`.
            BrIfI32GtUImm = br_if_i32_gt_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.le_s` with a constant right operand + `br_if`.
            BrIfI32LeSImm = br_if_i32_le_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.le_u` with a constant right operand + `br_if`.
            BrIfI32LeUImm = br_if_i32_le_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.ge_s` with a constant right operand + `br_if`.
            BrIfI32GeSImm = br_if_i32_ge_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i32.ge_u` with a constant right operand + `br_if`.
            BrIfI32GeUImm = br_if_i32_ge_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.eq` + `br_if`.
            BrIfI64Eq = br_if_i64_eq { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.eq` with a constant right operand + `br_if`.
            BrIfI64EqImm = br_if_i64_eq_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.ne` + `br_if`.
            BrIfI64Ne = br_if_i64_ne { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.ne` with a constant right operand + `br_if`.
            BrIfI64NeImm = br_if_i64_ne_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.lt_s` + `br_if`.
            BrIfI64LtS = br_if_i64_lt_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.lt_s` with a constant right operand + `br_if`.
            BrIfI64LtSImm = br_if_i64_lt_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.lt_u` + `br_if`.
            BrIfI64LtU = br_if_i64_lt_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.lt_u` with a constant right operand + `br_if`.
            BrIfI64LtUImm = br_if_i64_lt_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.gt_s` + `br_if`.
            BrIfI64GtS = br_if_i64_gt_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.gt_s` with a constant right operand + `br_if`.
            BrIfI64GtSImm = br_if_i64_gt_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.gt_u` + `br_if`.
            BrIfI64GtU = br_if_i64_gt_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.gt_u` with a constant right operand + `br_if`.
            BrIfI64GtUImm = br_if_i64_gt_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.le_s` + `br_if`.
            BrIfI64LeS = br_if_i64_le_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.le_s` with a constant right operand + `br_if`.
            BrIfI64LeSImm = br_if_i64_le_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.le_u` + `br_if`.
            BrIfI64LeU = br_if_i64_le_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.le_u` with a constant right operand + `br_if`.
            BrIfI64LeUImm = br_if_i64_le_u_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.ge_s` + `br_if`.
            BrIfI64GeS = br_if_i64_ge_s { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.ge_s` with a constant right operand + `br_if`.
            BrIfI64GeSImm = br_if_i64_ge_s_imm { a: Slot, imm: i32, target: Pc } [];
            /// Fused `i64.ge_u` + `br_if`.
            BrIfI64GeU = br_if_i64_ge_u { a: Slot, b: Slot, target: Pc } [];
            /// Fused `i64.ge_u` with a constant right operand + `br_if`.
            BrIfI64GeUImm = br_if_i64_ge_u_imm { a: Slot, imm: i32, target: Pc } [];
        }
    };
}

/// Loop-counter updates fused with the compare-and-branch that tests them.
#[macro_export]
macro_rules! for_each_inc_branch_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.eq` + `br_if`.
            IncBrIfI32Eq = inc_br_if_i32_eq { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.ne` + `br_if`.
            IncBrIfI32Ne = inc_br_if_i32_ne { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.lt_s` + `br_if`.
            IncBrIfI32LtS = inc_br_if_i32_lt_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.lt_u` + `br_if`.
            IncBrIfI32LtU = inc_br_if_i32_lt_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.gt_s` + `br_if`.
            IncBrIfI32GtS = inc_br_if_i32_gt_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.gt_u` + `br_if`.
            IncBrIfI32GtU = inc_br_if_i32_gt_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.le_s` + `br_if`.
            IncBrIfI32LeS = inc_br_if_i32_le_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.le_u` + `br_if`.
            IncBrIfI32LeU = inc_br_if_i32_le_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.ge_s` + `br_if`.
            IncBrIfI32GeS = inc_br_if_i32_ge_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i32.add` of the constant `step` to `a` (written back to `a`) + `i32.ge_u` + `br_if`.
            IncBrIfI32GeU = inc_br_if_i32_ge_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// `IncBrIfI32Eq` with a constant right operand.
            IncBrIfI32EqImm = inc_br_if_i32_eq_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32Ne` with a constant right operand.
            IncBrIfI32NeImm = inc_br_if_i32_ne_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32LtS` with a constant right operand.
            IncBrIfI32LtSImm = inc_br_if_i32_lt_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32LtU` with a constant right operand.
            IncBrIfI32LtUImm = inc_br_if_i32_lt_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32GtS` with a constant right operand.
            IncBrIfI32GtSImm = inc_br_if_i32_gt_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32GtU` with a constant right operand.
            IncBrIfI32GtUImm = inc_br_if_i32_gt_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32LeS` with a constant right operand.
            IncBrIfI32LeSImm = inc_br_if_i32_le_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32LeU` with a constant right operand.
            IncBrIfI32LeUImm = inc_br_if_i32_le_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32GeS` with a constant right operand.
            IncBrIfI32GeSImm = inc_br_if_i32_ge_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI32GeU` with a constant right operand.
            IncBrIfI32GeUImm = inc_br_if_i32_ge_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.eq` + `br_if`.
            IncBrIfI64Eq = inc_br_if_i64_eq { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.ne` + `br_if`.
            IncBrIfI64Ne = inc_br_if_i64_ne { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.lt_s` + `br_if`.
            IncBrIfI64LtS = inc_br_if_i64_lt_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.lt_u` + `br_if`.
            IncBrIfI64LtU = inc_br_if_i64_lt_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.gt_s` + `br_if`.
            IncBrIfI64GtS = inc_br_if_i64_gt_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.gt_u` + `br_if`.
            IncBrIfI64GtU = inc_br_if_i64_gt_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.le_s` + `br_if`.
            IncBrIfI64LeS = inc_br_if_i64_le_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.le_u` + `br_if`.
            IncBrIfI64LeU = inc_br_if_i64_le_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.ge_s` + `br_if`.
            IncBrIfI64GeS = inc_br_if_i64_ge_s { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// Fused `i64.add` of the constant `step` to `a` (written back to `a`) + `i64.ge_u` + `br_if`.
            IncBrIfI64GeU = inc_br_if_i64_ge_u { a: Slot, b: Slot, target: Pc, step: i16 } [];
            /// `IncBrIfI64Eq` with a constant right operand (sign-extended).
            IncBrIfI64EqImm = inc_br_if_i64_eq_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64Ne` with a constant right operand (sign-extended).
            IncBrIfI64NeImm = inc_br_if_i64_ne_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64LtS` with a constant right operand (sign-extended).
            IncBrIfI64LtSImm = inc_br_if_i64_lt_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64LtU` with a constant right operand (sign-extended).
            IncBrIfI64LtUImm = inc_br_if_i64_lt_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64GtS` with a constant right operand (sign-extended).
            IncBrIfI64GtSImm = inc_br_if_i64_gt_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64GtU` with a constant right operand (sign-extended).
            IncBrIfI64GtUImm = inc_br_if_i64_gt_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64LeS` with a constant right operand (sign-extended).
            IncBrIfI64LeSImm = inc_br_if_i64_le_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64LeU` with a constant right operand (sign-extended).
            IncBrIfI64LeUImm = inc_br_if_i64_le_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64GeS` with a constant right operand (sign-extended).
            IncBrIfI64GeSImm = inc_br_if_i64_ge_s_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
            /// `IncBrIfI64GeU` with a constant right operand (sign-extended).
            IncBrIfI64GeUImm = inc_br_if_i64_ge_u_imm { a: Slot, imm: i32, target: Pc, step: i16 } [];
        }
    };
}

/// Accumulator forms (see `ir/acc.rs`).
///
/// Called with a callback, hands it each form as `Form = Base [operand] { fields };` (field
/// names only), which is what the accumulator's consumers need; in a chain (`for_each_op!`) its
/// entries are ops like any other.
#[macro_export]
macro_rules! for_each_acc_op {
    ($($args:tt)*) => {
        $crate::__acc_ops! { [$($args)*]
            /// `i32_add` with `a` taken from the accumulator.
            I32AddAccA = i32_add_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Add [a b];
            /// `i32_sub` with `a` taken from the accumulator.
            I32SubAccA = i32_sub_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Sub [a];
            /// `i32_sub` with `b` taken from the accumulator.
            I32SubAccB = i32_sub_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32Sub [b];
            /// `i32_mul` with `a` taken from the accumulator.
            I32MulAccA = i32_mul_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Mul [a b];
            /// `i32_and` with `a` taken from the accumulator.
            I32AndAccA = i32_and_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32And [a b];
            /// `i32_or` with `a` taken from the accumulator.
            I32OrAccA = i32_or_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Or [a b];
            /// `i32_xor` with `a` taken from the accumulator.
            I32XorAccA = i32_xor_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Xor [a b];
            /// `i32_shl` with `a` taken from the accumulator.
            I32ShlAccA = i32_shl_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Shl [a];
            /// `i32_shl` with `b` taken from the accumulator.
            I32ShlAccB = i32_shl_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32Shl [b];
            /// `i32_shr_s` with `a` taken from the accumulator.
            I32ShrSAccA = i32_shr_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32ShrS [a];
            /// `i32_shr_s` with `b` taken from the accumulator.
            I32ShrSAccB = i32_shr_s_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32ShrS [b];
            /// `i32_shr_u` with `a` taken from the accumulator.
            I32ShrUAccA = i32_shr_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32ShrU [a];
            /// `i32_shr_u` with `b` taken from the accumulator.
            I32ShrUAccB = i32_shr_u_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32ShrU [b];
            /// `i32_rotl` with `a` taken from the accumulator.
            I32RotlAccA = i32_rotl_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Rotl [a];
            /// `i32_rotl` with `b` taken from the accumulator.
            I32RotlAccB = i32_rotl_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32Rotl [b];
            /// `i32_rotr` with `a` taken from the accumulator.
            I32RotrAccA = i32_rotr_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Rotr [a];
            /// `i32_rotr` with `b` taken from the accumulator.
            I32RotrAccB = i32_rotr_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I32Rotr [b];
            /// `i32_add_imm` with `a` taken from the accumulator.
            I32AddImmAcc = i32_add_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32AddImm [a];
            /// `i32_mul_imm` with `a` taken from the accumulator.
            I32MulImmAcc = i32_mul_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32MulImm [a];
            /// `i32_and_imm` with `a` taken from the accumulator.
            I32AndImmAcc = i32_and_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32AndImm [a];
            /// `i32_or_imm` with `a` taken from the accumulator.
            I32OrImmAcc = i32_or_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32OrImm [a];
            /// `i32_xor_imm` with `a` taken from the accumulator.
            I32XorImmAcc = i32_xor_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32XorImm [a];
            /// `i32_shl_imm` with `a` taken from the accumulator.
            I32ShlImmAcc = i32_shl_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32ShlImm [a];
            /// `i32_shr_s_imm` with `a` taken from the accumulator.
            I32ShrSImmAcc = i32_shr_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32ShrSImm [a];
            /// `i32_shr_u_imm` with `a` taken from the accumulator.
            I32ShrUImmAcc = i32_shr_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32ShrUImm [a];
            /// `i64_add` with `a` taken from the accumulator.
            I64AddAccA = i64_add_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Add [a b];
            /// `i64_sub` with `a` taken from the accumulator.
            I64SubAccA = i64_sub_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Sub [a];
            /// `i64_sub` with `b` taken from the accumulator.
            I64SubAccB = i64_sub_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64Sub [b];
            /// `i64_mul` with `a` taken from the accumulator.
            I64MulAccA = i64_mul_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Mul [a b];
            /// `i64_and` with `a` taken from the accumulator.
            I64AndAccA = i64_and_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64And [a b];
            /// `i64_or` with `a` taken from the accumulator.
            I64OrAccA = i64_or_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Or [a b];
            /// `i64_xor` with `a` taken from the accumulator.
            I64XorAccA = i64_xor_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Xor [a b];
            /// `i64_shl` with `a` taken from the accumulator.
            I64ShlAccA = i64_shl_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Shl [a];
            /// `i64_shl` with `b` taken from the accumulator.
            I64ShlAccB = i64_shl_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64Shl [b];
            /// `i64_shr_s` with `a` taken from the accumulator.
            I64ShrSAccA = i64_shr_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64ShrS [a];
            /// `i64_shr_s` with `b` taken from the accumulator.
            I64ShrSAccB = i64_shr_s_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64ShrS [b];
            /// `i64_shr_u` with `a` taken from the accumulator.
            I64ShrUAccA = i64_shr_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64ShrU [a];
            /// `i64_shr_u` with `b` taken from the accumulator.
            I64ShrUAccB = i64_shr_u_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64ShrU [b];
            /// `i64_rotl` with `a` taken from the accumulator.
            I64RotlAccA = i64_rotl_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Rotl [a];
            /// `i64_rotl` with `b` taken from the accumulator.
            I64RotlAccB = i64_rotl_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64Rotl [b];
            /// `i64_rotr` with `a` taken from the accumulator.
            I64RotrAccA = i64_rotr_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Rotr [a];
            /// `i64_rotr` with `b` taken from the accumulator.
            I64RotrAccB = i64_rotr_acc_b { dst: Slot, a: Slot, b: Slot } [pure] <- I64Rotr [b];
            /// `i64_add_imm` with `a` taken from the accumulator.
            I64AddImmAcc = i64_add_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64AddImm [a];
            /// `i64_mul_imm` with `a` taken from the accumulator.
            I64MulImmAcc = i64_mul_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64MulImm [a];
            /// `i64_and_imm` with `a` taken from the accumulator.
            I64AndImmAcc = i64_and_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64AndImm [a];
            /// `i64_or_imm` with `a` taken from the accumulator.
            I64OrImmAcc = i64_or_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64OrImm [a];
            /// `i64_xor_imm` with `a` taken from the accumulator.
            I64XorImmAcc = i64_xor_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64XorImm [a];
            /// `i64_shl_imm` with `a` taken from the accumulator.
            I64ShlImmAcc = i64_shl_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64ShlImm [a];
            /// `i64_shr_s_imm` with `a` taken from the accumulator.
            I64ShrSImmAcc = i64_shr_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64ShrSImm [a];
            /// `i64_shr_u_imm` with `a` taken from the accumulator.
            I64ShrUImmAcc = i64_shr_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64ShrUImm [a];
            /// `f32_add` with `a` taken from the accumulator.
            F32AddAccA = f32_add_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Add [a];
            /// `f32_add` with `b` taken from the accumulator.
            F32AddAccB = f32_add_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Add [b];
            /// `f32_sub` with `a` taken from the accumulator.
            F32SubAccA = f32_sub_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Sub [a];
            /// `f32_sub` with `b` taken from the accumulator.
            F32SubAccB = f32_sub_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Sub [b];
            /// `f32_mul` with `a` taken from the accumulator.
            F32MulAccA = f32_mul_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Mul [a];
            /// `f32_mul` with `b` taken from the accumulator.
            F32MulAccB = f32_mul_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Mul [b];
            /// `f32_div` with `a` taken from the accumulator.
            F32DivAccA = f32_div_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Div [a];
            /// `f32_div` with `b` taken from the accumulator.
            F32DivAccB = f32_div_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Div [b];
            /// `f64_add` with `a` taken from the accumulator.
            F64AddAccA = f64_add_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Add [a];
            /// `f64_add` with `b` taken from the accumulator.
            F64AddAccB = f64_add_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Add [b];
            /// `f64_sub` with `a` taken from the accumulator.
            F64SubAccA = f64_sub_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Sub [a];
            /// `f64_sub` with `b` taken from the accumulator.
            F64SubAccB = f64_sub_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Sub [b];
            /// `f64_mul` with `a` taken from the accumulator.
            F64MulAccA = f64_mul_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Mul [a];
            /// `f64_mul` with `b` taken from the accumulator.
            F64MulAccB = f64_mul_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Mul [b];
            /// `f64_div` with `a` taken from the accumulator.
            F64DivAccA = f64_div_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Div [a];
            /// `f64_div` with `b` taken from the accumulator.
            F64DivAccB = f64_div_acc_b { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Div [b];
            /// `i32_load` with `addr` taken from the accumulator.
            I32LoadAcc = i32_load_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I32Load [addr];
            /// `i64_load` with `addr` taken from the accumulator.
            I64LoadAcc = i64_load_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load [addr];
            /// `f32_load` with `addr` taken from the accumulator.
            F32LoadAcc = f32_load_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem float] <- F32Load [addr];
            /// `f64_load` with `addr` taken from the accumulator.
            F64LoadAcc = f64_load_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem float] <- F64Load [addr];
            /// `i32_load8_s` with `addr` taken from the accumulator.
            I32Load8SAcc = i32_load8_s_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I32Load8S [addr];
            /// `i32_load8_u` with `addr` taken from the accumulator.
            I32Load8UAcc = i32_load8_u_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I32Load8U [addr];
            /// `i32_load16_s` with `addr` taken from the accumulator.
            I32Load16SAcc = i32_load16_s_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I32Load16S [addr];
            /// `i32_load16_u` with `addr` taken from the accumulator.
            I32Load16UAcc = i32_load16_u_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I32Load16U [addr];
            /// `i64_load8_s` with `addr` taken from the accumulator.
            I64Load8SAcc = i64_load8_s_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load8S [addr];
            /// `i64_load8_u` with `addr` taken from the accumulator.
            I64Load8UAcc = i64_load8_u_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load8U [addr];
            /// `i64_load16_s` with `addr` taken from the accumulator.
            I64Load16SAcc = i64_load16_s_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load16S [addr];
            /// `i64_load16_u` with `addr` taken from the accumulator.
            I64Load16UAcc = i64_load16_u_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load16U [addr];
            /// `i64_load32_s` with `addr` taken from the accumulator.
            I64Load32SAcc = i64_load32_s_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load32S [addr];
            /// `i64_load32_u` with `addr` taken from the accumulator.
            I64Load32UAcc = i64_load32_u_acc { dst: Slot, addr: Slot, offset: u32 } [trap mem] <- I64Load32U [addr];
            /// `i32_eq` with `a` taken from the accumulator.
            I32EqAccA = i32_eq_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Eq [a b];
            /// `i32_eq_imm` with `a` taken from the accumulator.
            I32EqImmAcc = i32_eq_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32EqImm [a];
            /// `br_if_i32_eq` with `a` taken from the accumulator.
            BrIfI32EqAccA = br_if_i32_eq_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32Eq [a b];
            /// `br_if_i32_eq_imm` with `a` taken from the accumulator.
            BrIfI32EqImmAcc = br_if_i32_eq_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32EqImm [a];
            /// `i32_ne` with `a` taken from the accumulator.
            I32NeAccA = i32_ne_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32Ne [a b];
            /// `i32_ne_imm` with `a` taken from the accumulator.
            I32NeImmAcc = i32_ne_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32NeImm [a];
            /// `br_if_i32_ne` with `a` taken from the accumulator.
            BrIfI32NeAccA = br_if_i32_ne_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32Ne [a b];
            /// `br_if_i32_ne_imm` with `a` taken from the accumulator.
            BrIfI32NeImmAcc = br_if_i32_ne_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32NeImm [a];
            /// `i32_lt_s` with `a` taken from the accumulator.
            I32LtSAccA = i32_lt_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32LtS [a];
            /// `i32_lt_s_imm` with `a` taken from the accumulator.
            I32LtSImmAcc = i32_lt_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32LtSImm [a];
            /// `br_if_i32_lt_s` with `a` taken from the accumulator.
            BrIfI32LtSAccA = br_if_i32_lt_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32LtS [a];
            /// `br_if_i32_lt_s_imm` with `a` taken from the accumulator.
            BrIfI32LtSImmAcc = br_if_i32_lt_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32LtSImm [a];
            /// `i32_lt_u` with `a` taken from the accumulator.
            I32LtUAccA = i32_lt_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32LtU [a];
            /// `i32_lt_u_imm` with `a` taken from the accumulator.
            I32LtUImmAcc = i32_lt_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32LtUImm [a];
            /// `br_if_i32_lt_u` with `a` taken from the accumulator.
            BrIfI32LtUAccA = br_if_i32_lt_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32LtU [a];
            /// `br_if_i32_lt_u_imm` with `a` taken from the accumulator.
            BrIfI32LtUImmAcc = br_if_i32_lt_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32LtUImm [a];
            /// `i32_gt_s` with `a` taken from the accumulator.
            I32GtSAccA = i32_gt_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32GtS [a];
            /// `i32_gt_s_imm` with `a` taken from the accumulator.
            I32GtSImmAcc = i32_gt_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32GtSImm [a];
            /// `br_if_i32_gt_s` with `a` taken from the accumulator.
            BrIfI32GtSAccA = br_if_i32_gt_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32GtS [a];
            /// `br_if_i32_gt_s_imm` with `a` taken from the accumulator.
            BrIfI32GtSImmAcc = br_if_i32_gt_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32GtSImm [a];
            /// `i32_gt_u` with `a` taken from the accumulator.
            I32GtUAccA = i32_gt_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32GtU [a];
            /// `i32_gt_u_imm` with `a` taken from the accumulator.
            I32GtUImmAcc = i32_gt_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32GtUImm [a];
            /// `br_if_i32_gt_u` with `a` taken from the accumulator.
            BrIfI32GtUAccA = br_if_i32_gt_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32GtU [a];
            /// `br_if_i32_gt_u_imm` with `a` taken from the accumulator.
            BrIfI32GtUImmAcc = br_if_i32_gt_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32GtUImm [a];
            /// `i32_le_s` with `a` taken from the accumulator.
            I32LeSAccA = i32_le_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32LeS [a];
            /// `i32_le_s_imm` with `a` taken from the accumulator.
            I32LeSImmAcc = i32_le_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32LeSImm [a];
            /// `br_if_i32_le_s` with `a` taken from the accumulator.
            BrIfI32LeSAccA = br_if_i32_le_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32LeS [a];
            /// `br_if_i32_le_s_imm` with `a` taken from the accumulator.
            BrIfI32LeSImmAcc = br_if_i32_le_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32LeSImm [a];
            /// `i32_le_u` with `a` taken from the accumulator.
            I32LeUAccA = i32_le_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32LeU [a];
            /// `i32_le_u_imm` with `a` taken from the accumulator.
            I32LeUImmAcc = i32_le_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32LeUImm [a];
            /// `br_if_i32_le_u` with `a` taken from the accumulator.
            BrIfI32LeUAccA = br_if_i32_le_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32LeU [a];
            /// `br_if_i32_le_u_imm` with `a` taken from the accumulator.
            BrIfI32LeUImmAcc = br_if_i32_le_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32LeUImm [a];
            /// `i32_ge_s` with `a` taken from the accumulator.
            I32GeSAccA = i32_ge_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32GeS [a];
            /// `i32_ge_s_imm` with `a` taken from the accumulator.
            I32GeSImmAcc = i32_ge_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32GeSImm [a];
            /// `br_if_i32_ge_s` with `a` taken from the accumulator.
            BrIfI32GeSAccA = br_if_i32_ge_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32GeS [a];
            /// `br_if_i32_ge_s_imm` with `a` taken from the accumulator.
            BrIfI32GeSImmAcc = br_if_i32_ge_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32GeSImm [a];
            /// `i32_ge_u` with `a` taken from the accumulator.
            I32GeUAccA = i32_ge_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I32GeU [a];
            /// `i32_ge_u_imm` with `a` taken from the accumulator.
            I32GeUImmAcc = i32_ge_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I32GeUImm [a];
            /// `br_if_i32_ge_u` with `a` taken from the accumulator.
            BrIfI32GeUAccA = br_if_i32_ge_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI32GeU [a];
            /// `br_if_i32_ge_u_imm` with `a` taken from the accumulator.
            BrIfI32GeUImmAcc = br_if_i32_ge_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI32GeUImm [a];
            /// `i32_eqz` with `src` taken from the accumulator.
            I32EqzAcc = i32_eqz_acc { dst: Slot, src: Slot } [pure] <- I32Eqz [src];
            /// `i64_eq` with `a` taken from the accumulator.
            I64EqAccA = i64_eq_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Eq [a b];
            /// `i64_eq_imm` with `a` taken from the accumulator.
            I64EqImmAcc = i64_eq_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64EqImm [a];
            /// `br_if_i64_eq` with `a` taken from the accumulator.
            BrIfI64EqAccA = br_if_i64_eq_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64Eq [a b];
            /// `br_if_i64_eq_imm` with `a` taken from the accumulator.
            BrIfI64EqImmAcc = br_if_i64_eq_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64EqImm [a];
            /// `i64_ne` with `a` taken from the accumulator.
            I64NeAccA = i64_ne_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64Ne [a b];
            /// `i64_ne_imm` with `a` taken from the accumulator.
            I64NeImmAcc = i64_ne_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64NeImm [a];
            /// `br_if_i64_ne` with `a` taken from the accumulator.
            BrIfI64NeAccA = br_if_i64_ne_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64Ne [a b];
            /// `br_if_i64_ne_imm` with `a` taken from the accumulator.
            BrIfI64NeImmAcc = br_if_i64_ne_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64NeImm [a];
            /// `i64_lt_s` with `a` taken from the accumulator.
            I64LtSAccA = i64_lt_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64LtS [a];
            /// `i64_lt_s_imm` with `a` taken from the accumulator.
            I64LtSImmAcc = i64_lt_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64LtSImm [a];
            /// `br_if_i64_lt_s` with `a` taken from the accumulator.
            BrIfI64LtSAccA = br_if_i64_lt_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64LtS [a];
            /// `br_if_i64_lt_s_imm` with `a` taken from the accumulator.
            BrIfI64LtSImmAcc = br_if_i64_lt_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64LtSImm [a];
            /// `i64_lt_u` with `a` taken from the accumulator.
            I64LtUAccA = i64_lt_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64LtU [a];
            /// `i64_lt_u_imm` with `a` taken from the accumulator.
            I64LtUImmAcc = i64_lt_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64LtUImm [a];
            /// `br_if_i64_lt_u` with `a` taken from the accumulator.
            BrIfI64LtUAccA = br_if_i64_lt_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64LtU [a];
            /// `br_if_i64_lt_u_imm` with `a` taken from the accumulator.
            BrIfI64LtUImmAcc = br_if_i64_lt_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64LtUImm [a];
            /// `i64_gt_s` with `a` taken from the accumulator.
            I64GtSAccA = i64_gt_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64GtS [a];
            /// `i64_gt_s_imm` with `a` taken from the accumulator.
            I64GtSImmAcc = i64_gt_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64GtSImm [a];
            /// `br_if_i64_gt_s` with `a` taken from the accumulator.
            BrIfI64GtSAccA = br_if_i64_gt_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64GtS [a];
            /// `br_if_i64_gt_s_imm` with `a` taken from the accumulator.
            BrIfI64GtSImmAcc = br_if_i64_gt_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64GtSImm [a];
            /// `i64_gt_u` with `a` taken from the accumulator.
            I64GtUAccA = i64_gt_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64GtU [a];
            /// `i64_gt_u_imm` with `a` taken from the accumulator.
            I64GtUImmAcc = i64_gt_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64GtUImm [a];
            /// `br_if_i64_gt_u` with `a` taken from the accumulator.
            BrIfI64GtUAccA = br_if_i64_gt_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64GtU [a];
            /// `br_if_i64_gt_u_imm` with `a` taken from the accumulator.
            BrIfI64GtUImmAcc = br_if_i64_gt_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64GtUImm [a];
            /// `i64_le_s` with `a` taken from the accumulator.
            I64LeSAccA = i64_le_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64LeS [a];
            /// `i64_le_s_imm` with `a` taken from the accumulator.
            I64LeSImmAcc = i64_le_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64LeSImm [a];
            /// `br_if_i64_le_s` with `a` taken from the accumulator.
            BrIfI64LeSAccA = br_if_i64_le_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64LeS [a];
            /// `br_if_i64_le_s_imm` with `a` taken from the accumulator.
            BrIfI64LeSImmAcc = br_if_i64_le_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64LeSImm [a];
            /// `i64_le_u` with `a` taken from the accumulator.
            I64LeUAccA = i64_le_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64LeU [a];
            /// `i64_le_u_imm` with `a` taken from the accumulator.
            I64LeUImmAcc = i64_le_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64LeUImm [a];
            /// `br_if_i64_le_u` with `a` taken from the accumulator.
            BrIfI64LeUAccA = br_if_i64_le_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64LeU [a];
            /// `br_if_i64_le_u_imm` with `a` taken from the accumulator.
            BrIfI64LeUImmAcc = br_if_i64_le_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64LeUImm [a];
            /// `i64_ge_s` with `a` taken from the accumulator.
            I64GeSAccA = i64_ge_s_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64GeS [a];
            /// `i64_ge_s_imm` with `a` taken from the accumulator.
            I64GeSImmAcc = i64_ge_s_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64GeSImm [a];
            /// `br_if_i64_ge_s` with `a` taken from the accumulator.
            BrIfI64GeSAccA = br_if_i64_ge_s_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64GeS [a];
            /// `br_if_i64_ge_s_imm` with `a` taken from the accumulator.
            BrIfI64GeSImmAcc = br_if_i64_ge_s_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64GeSImm [a];
            /// `i64_ge_u` with `a` taken from the accumulator.
            I64GeUAccA = i64_ge_u_acc_a { dst: Slot, a: Slot, b: Slot } [pure] <- I64GeU [a];
            /// `i64_ge_u_imm` with `a` taken from the accumulator.
            I64GeUImmAcc = i64_ge_u_imm_acc { dst: Slot, a: Slot, imm: i32 } [pure] <- I64GeUImm [a];
            /// `br_if_i64_ge_u` with `a` taken from the accumulator.
            BrIfI64GeUAccA = br_if_i64_ge_u_acc_a { a: Slot, b: Slot, target: Pc } [] <- BrIfI64GeU [a];
            /// `br_if_i64_ge_u_imm` with `a` taken from the accumulator.
            BrIfI64GeUImmAcc = br_if_i64_ge_u_imm_acc { a: Slot, imm: i32, target: Pc } [] <- BrIfI64GeUImm [a];
            /// `i64_eqz` with `src` taken from the accumulator.
            I64EqzAcc = i64_eqz_acc { dst: Slot, src: Slot } [pure] <- I64Eqz [src];
            /// `f32_eq` with `a` taken from the accumulator.
            F32EqAccA = f32_eq_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Eq [a b];
            /// `f32_ne` with `a` taken from the accumulator.
            F32NeAccA = f32_ne_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Ne [a b];
            /// `f32_lt` with `a` taken from the accumulator.
            F32LtAccA = f32_lt_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Lt [a];
            /// `f32_gt` with `a` taken from the accumulator.
            F32GtAccA = f32_gt_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Gt [a];
            /// `f32_le` with `a` taken from the accumulator.
            F32LeAccA = f32_le_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Le [a];
            /// `f32_ge` with `a` taken from the accumulator.
            F32GeAccA = f32_ge_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F32Ge [a];
            /// `f64_eq` with `a` taken from the accumulator.
            F64EqAccA = f64_eq_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Eq [a b];
            /// `f64_ne` with `a` taken from the accumulator.
            F64NeAccA = f64_ne_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Ne [a b];
            /// `f64_lt` with `a` taken from the accumulator.
            F64LtAccA = f64_lt_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Lt [a];
            /// `f64_gt` with `a` taken from the accumulator.
            F64GtAccA = f64_gt_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Gt [a];
            /// `f64_le` with `a` taken from the accumulator.
            F64LeAccA = f64_le_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Le [a];
            /// `f64_ge` with `a` taken from the accumulator.
            F64GeAccA = f64_ge_acc_a { dst: Slot, a: Slot, b: Slot } [float pure] <- F64Ge [a];
            /// `br_if_nez` with `cond` taken from the accumulator.
            BrIfNezAcc = br_if_nez_acc { cond: Slot, target: Pc } [] <- BrIfNez [cond];
            /// `br_if_eqz` with `cond` taken from the accumulator.
            BrIfEqzAcc = br_if_eqz_acc { cond: Slot, target: Pc } [] <- BrIfEqz [cond];
            /// `i32_store` with `addr` taken from the accumulator.
            I32StoreAccAddr = i32_store_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store [addr];
            /// `i32_store` with `value` taken from the accumulator.
            I32StoreAccValue = i32_store_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store [value];
            /// `i64_store` with `addr` taken from the accumulator.
            I64StoreAccAddr = i64_store_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store [addr];
            /// `i64_store` with `value` taken from the accumulator.
            I64StoreAccValue = i64_store_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store [value];
            /// `f32_store` with `addr` taken from the accumulator.
            F32StoreAccAddr = f32_store_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem float] <- F32Store [addr];
            /// `f32_store` with `value` taken from the accumulator.
            F32StoreAccValue = f32_store_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem float] <- F32Store [value];
            /// `f64_store` with `addr` taken from the accumulator.
            F64StoreAccAddr = f64_store_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem float] <- F64Store [addr];
            /// `f64_store` with `value` taken from the accumulator.
            F64StoreAccValue = f64_store_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem float] <- F64Store [value];
            /// `i32_store8` with `addr` taken from the accumulator.
            I32Store8AccAddr = i32_store8_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store8 [addr];
            /// `i32_store8` with `value` taken from the accumulator.
            I32Store8AccValue = i32_store8_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store8 [value];
            /// `i32_store16` with `addr` taken from the accumulator.
            I32Store16AccAddr = i32_store16_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store16 [addr];
            /// `i32_store16` with `value` taken from the accumulator.
            I32Store16AccValue = i32_store16_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I32Store16 [value];
            /// `i64_store8` with `addr` taken from the accumulator.
            I64Store8AccAddr = i64_store8_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store8 [addr];
            /// `i64_store8` with `value` taken from the accumulator.
            I64Store8AccValue = i64_store8_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store8 [value];
            /// `i64_store16` with `addr` taken from the accumulator.
            I64Store16AccAddr = i64_store16_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store16 [addr];
            /// `i64_store16` with `value` taken from the accumulator.
            I64Store16AccValue = i64_store16_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store16 [value];
            /// `i64_store32` with `addr` taken from the accumulator.
            I64Store32AccAddr = i64_store32_acc_addr { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store32 [addr];
            /// `i64_store32` with `value` taken from the accumulator.
            I64Store32AccValue = i64_store32_acc_value { addr: Slot, value: Slot, offset: u32 } [trap mem] <- I64Store32 [value];
            /// `i32_wrap_i64` with `src` taken from the accumulator.
            I32WrapI64Acc = i32_wrap_i64_acc { dst: Slot, src: Slot } [pure] <- I32WrapI64 [src];
            /// `i64_extend_i32_s` with `src` taken from the accumulator.
            I64ExtendI32SAcc = i64_extend_i32_s_acc { dst: Slot, src: Slot } [pure] <- I64ExtendI32S [src];
            /// `i64_extend_i32_u` with `src` taken from the accumulator.
            I64ExtendI32UAcc = i64_extend_i32_u_acc { dst: Slot, src: Slot } [pure] <- I64ExtendI32U [src];
            /// `f32_convert_i32_s` with `src` taken from the accumulator.
            F32ConvertI32SAcc = f32_convert_i32_s_acc { dst: Slot, src: Slot } [float pure] <- F32ConvertI32S [src];
            /// `f32_convert_i32_u` with `src` taken from the accumulator.
            F32ConvertI32UAcc = f32_convert_i32_u_acc { dst: Slot, src: Slot } [float pure] <- F32ConvertI32U [src];
            /// `f32_demote_f64` with `src` taken from the accumulator.
            F32DemoteF64Acc = f32_demote_f64_acc { dst: Slot, src: Slot } [float pure] <- F32DemoteF64 [src];
            /// `f64_convert_i32_s` with `src` taken from the accumulator.
            F64ConvertI32SAcc = f64_convert_i32_s_acc { dst: Slot, src: Slot } [float pure] <- F64ConvertI32S [src];
            /// `f64_convert_i32_u` with `src` taken from the accumulator.
            F64ConvertI32UAcc = f64_convert_i32_u_acc { dst: Slot, src: Slot } [float pure] <- F64ConvertI32U [src];
            /// `f64_promote_f32` with `src` taken from the accumulator.
            F64PromoteF32Acc = f64_promote_f32_acc { dst: Slot, src: Slot } [float pure] <- F64PromoteF32 [src];
            /// `copy` with `src` taken from the accumulator.
            CopyAcc = copy_acc { dst: Slot, src: Slot } [] <- Copy [src];
        }
    };
}

/// [`ops_pattern!`] for [`for_each_acc_op!`]'s own form of the entries.
#[macro_export]
macro_rules! acc_ops_pattern {
    ($( $form:ident = $base:ident $operand:tt $fields:tt; )*) => {
        $( $crate::ir::Op::$form { .. } )|*
    };
}

/// Converts the accumulator group's entries for [`for_each_acc_op!`]'s two uses.
#[doc(hidden)]
#[macro_export]
macro_rules! __acc_ops {
    ([@chain $($args:tt)*] $( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* } $facts:tt <- $base:ident $operand:tt; )*) => {
        $crate::__emit_ops! { [@chain $($args)*] $( $(#[$doc])* $name = $snake { $($field: $ty),* } $facts; )* }
    };
    ([$m:ident] $( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* } $facts:tt <- $base:ident $operand:tt; )*) => {
        $m! { $( $name = $base $operand { $($field),* }; )* }
    };
}

/// SIMD loads and stores.
#[macro_export]
macro_rules! for_each_simd_memory_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            /// Wasm `v128.load`.
            V128Load = v128_load { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load8x8_s`.
            V128Load8x8S = v128_load8x8_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load8x8_u`.
            V128Load8x8U = v128_load8x8_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load16x4_s`.
            V128Load16x4S = v128_load16x4_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load16x4_u`.
            V128Load16x4U = v128_load16x4_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load32x2_s`.
            V128Load32x2S = v128_load32x2_s { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load32x2_u`.
            V128Load32x2U = v128_load32x2_u { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load8_splat`.
            V128Load8Splat = v128_load8_splat { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load16_splat`.
            V128Load16Splat = v128_load16_splat { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load32_splat`.
            V128Load32Splat = v128_load32_splat { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load64_splat`.
            V128Load64Splat = v128_load64_splat { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load32_zero`.
            V128Load32Zero = v128_load32_zero { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load64_zero`.
            V128Load64Zero = v128_load64_zero { dst: Slot, addr: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.store`.
            V128Store = v128_store { addr: Slot, value: Slot, offset: u32 } [trap mem];
            /// Wasm `v128.load8_lane`. `vec` holds the vector and receives the result.
            V128Load8Lane = v128_load8_lane { vec: Slot, addr: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.load16_lane`. `vec` holds the vector and receives the result.
            V128Load16Lane = v128_load16_lane { vec: Slot, addr: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.load32_lane`. `vec` holds the vector and receives the result.
            V128Load32Lane = v128_load32_lane { vec: Slot, addr: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.load64_lane`. `vec` holds the vector and receives the result.
            V128Load64Lane = v128_load64_lane { vec: Slot, addr: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.store8_lane`.
            V128Store8Lane = v128_store8_lane { addr: Slot, vec: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.store16_lane`.
            V128Store16Lane = v128_store16_lane { addr: Slot, vec: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.store32_lane`.
            V128Store32Lane = v128_store32_lane { addr: Slot, vec: Slot, offset: u32, lane: u8 } [trap mem];
            /// Wasm `v128.store64_lane`.
            V128Store64Lane = v128_store64_lane { addr: Slot, vec: Slot, offset: u32, lane: u8 } [trap mem];
        }
    };
}

/// The pure SIMD ops: lane arithmetic, shuffles, conversions (generated from wasmparser's
/// operator list, then kept here).
#[macro_export]
macro_rules! for_each_simd_op {
    ($($args:tt)*) => {
        $crate::__emit_ops! { [$($args)*]
            /// Wasm `i8x16.shuffle`. `a` and `b` are adjacent (`b` at `a + 2`); `lanes` holds the 16 lane indices.
            I8x16Shuffle = i8x16_shuffle { dst: Slot, a: Slot, lanes: Slot } [pure];
            /// Wasm `i8x16.extract_lane_s`.
            I8x16ExtractLaneS = i8x16_extract_lane_s { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i8x16.extract_lane_u`.
            I8x16ExtractLaneU = i8x16_extract_lane_u { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i8x16.replace_lane`.
            I8x16ReplaceLane = i8x16_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [pure];
            /// Wasm `i16x8.extract_lane_s`.
            I16x8ExtractLaneS = i16x8_extract_lane_s { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i16x8.extract_lane_u`.
            I16x8ExtractLaneU = i16x8_extract_lane_u { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i16x8.replace_lane`.
            I16x8ReplaceLane = i16x8_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [pure];
            /// Wasm `i32x4.extract_lane`.
            I32x4ExtractLane = i32x4_extract_lane { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i32x4.replace_lane`.
            I32x4ReplaceLane = i32x4_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [pure];
            /// Wasm `i64x2.extract_lane`.
            I64x2ExtractLane = i64x2_extract_lane { dst: Slot, src: Slot, lane: u8 } [pure];
            /// Wasm `i64x2.replace_lane`.
            I64x2ReplaceLane = i64x2_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [pure];
            /// Wasm `f32x4.extract_lane`.
            F32x4ExtractLane = f32x4_extract_lane { dst: Slot, src: Slot, lane: u8 } [float pure];
            /// Wasm `f32x4.replace_lane`.
            F32x4ReplaceLane = f32x4_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [float pure];
            /// Wasm `f64x2.extract_lane`.
            F64x2ExtractLane = f64x2_extract_lane { dst: Slot, src: Slot, lane: u8 } [float pure];
            /// Wasm `f64x2.replace_lane`.
            F64x2ReplaceLane = f64x2_replace_lane { dst: Slot, a: Slot, b: Slot, lane: u8 } [float pure];
            /// Wasm `i8x16.swizzle`.
            I8x16Swizzle = i8x16_swizzle { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.splat`.
            I8x16Splat = i8x16_splat { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.splat`.
            I16x8Splat = i16x8_splat { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.splat`.
            I32x4Splat = i32x4_splat { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.splat`.
            I64x2Splat = i64x2_splat { dst: Slot, src: Slot } [pure];
            /// Wasm `f32x4.splat`.
            F32x4Splat = f32x4_splat { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.splat`.
            F64x2Splat = f64x2_splat { dst: Slot, src: Slot } [float pure];
            /// Wasm `i8x16.eq`.
            I8x16Eq = i8x16_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.ne`.
            I8x16Ne = i8x16_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.lt_s`.
            I8x16LtS = i8x16_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.lt_u`.
            I8x16LtU = i8x16_lt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.gt_s`.
            I8x16GtS = i8x16_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.gt_u`.
            I8x16GtU = i8x16_gt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.le_s`.
            I8x16LeS = i8x16_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.le_u`.
            I8x16LeU = i8x16_le_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.ge_s`.
            I8x16GeS = i8x16_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.ge_u`.
            I8x16GeU = i8x16_ge_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.eq`.
            I16x8Eq = i16x8_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.ne`.
            I16x8Ne = i16x8_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.lt_s`.
            I16x8LtS = i16x8_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.lt_u`.
            I16x8LtU = i16x8_lt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.gt_s`.
            I16x8GtS = i16x8_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.gt_u`.
            I16x8GtU = i16x8_gt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.le_s`.
            I16x8LeS = i16x8_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.le_u`.
            I16x8LeU = i16x8_le_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.ge_s`.
            I16x8GeS = i16x8_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.ge_u`.
            I16x8GeU = i16x8_ge_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.eq`.
            I32x4Eq = i32x4_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.ne`.
            I32x4Ne = i32x4_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.lt_s`.
            I32x4LtS = i32x4_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.lt_u`.
            I32x4LtU = i32x4_lt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.gt_s`.
            I32x4GtS = i32x4_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.gt_u`.
            I32x4GtU = i32x4_gt_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.le_s`.
            I32x4LeS = i32x4_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.le_u`.
            I32x4LeU = i32x4_le_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.ge_s`.
            I32x4GeS = i32x4_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.ge_u`.
            I32x4GeU = i32x4_ge_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.eq`.
            I64x2Eq = i64x2_eq { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.ne`.
            I64x2Ne = i64x2_ne { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.lt_s`.
            I64x2LtS = i64x2_lt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.gt_s`.
            I64x2GtS = i64x2_gt_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.le_s`.
            I64x2LeS = i64x2_le_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.ge_s`.
            I64x2GeS = i64x2_ge_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `f32x4.eq`.
            F32x4Eq = f32x4_eq { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.ne`.
            F32x4Ne = f32x4_ne { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.lt`.
            F32x4Lt = f32x4_lt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.gt`.
            F32x4Gt = f32x4_gt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.le`.
            F32x4Le = f32x4_le { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.ge`.
            F32x4Ge = f32x4_ge { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.eq`.
            F64x2Eq = f64x2_eq { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.ne`.
            F64x2Ne = f64x2_ne { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.lt`.
            F64x2Lt = f64x2_lt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.gt`.
            F64x2Gt = f64x2_gt { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.le`.
            F64x2Le = f64x2_le { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.ge`.
            F64x2Ge = f64x2_ge { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `v128.not`.
            V128Not = v128_not { dst: Slot, src: Slot } [pure];
            /// Wasm `v128.and`.
            V128And = v128_and { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `v128.andnot`.
            V128AndNot = v128_andnot { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `v128.or`.
            V128Or = v128_or { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `v128.xor`.
            V128Xor = v128_xor { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `v128.bitselect`. The operands are in slots `args..args + 6`.
            V128Bitselect = v128_bitselect { dst: Slot, args: Slot } [pure];
            /// Wasm `v128.any_true`.
            V128AnyTrue = v128_any_true { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.abs`.
            I8x16Abs = i8x16_abs { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.neg`.
            I8x16Neg = i8x16_neg { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.popcnt`.
            I8x16Popcnt = i8x16_popcnt { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.all_true`.
            I8x16AllTrue = i8x16_all_true { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.bitmask`.
            I8x16Bitmask = i8x16_bitmask { dst: Slot, src: Slot } [pure];
            /// Wasm `i8x16.narrow_i16x8_s`.
            I8x16NarrowI16x8S = i8x16_narrow_i16x8_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.narrow_i16x8_u`.
            I8x16NarrowI16x8U = i8x16_narrow_i16x8_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.shl`.
            I8x16Shl = i8x16_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.shr_s`.
            I8x16ShrS = i8x16_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.shr_u`.
            I8x16ShrU = i8x16_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.add`.
            I8x16Add = i8x16_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.add_sat_s`.
            I8x16AddSatS = i8x16_add_sat_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.add_sat_u`.
            I8x16AddSatU = i8x16_add_sat_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.sub`.
            I8x16Sub = i8x16_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.sub_sat_s`.
            I8x16SubSatS = i8x16_sub_sat_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.sub_sat_u`.
            I8x16SubSatU = i8x16_sub_sat_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.min_s`.
            I8x16MinS = i8x16_min_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.min_u`.
            I8x16MinU = i8x16_min_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.max_s`.
            I8x16MaxS = i8x16_max_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.max_u`.
            I8x16MaxU = i8x16_max_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i8x16.avgr_u`.
            I8x16AvgrU = i8x16_avgr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extadd_pairwise_i8x16_s`.
            I16x8ExtAddPairwiseI8x16S = i16x8_extadd_pairwise_i8x16_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.extadd_pairwise_i8x16_u`.
            I16x8ExtAddPairwiseI8x16U = i16x8_extadd_pairwise_i8x16_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.abs`.
            I16x8Abs = i16x8_abs { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.neg`.
            I16x8Neg = i16x8_neg { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.q15mulr_sat_s`.
            I16x8Q15MulrSatS = i16x8_q15mulr_sat_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.all_true`.
            I16x8AllTrue = i16x8_all_true { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.bitmask`.
            I16x8Bitmask = i16x8_bitmask { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.narrow_i32x4_s`.
            I16x8NarrowI32x4S = i16x8_narrow_i32x4_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.narrow_i32x4_u`.
            I16x8NarrowI32x4U = i16x8_narrow_i32x4_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extend_low_i8x16_s`.
            I16x8ExtendLowI8x16S = i16x8_extend_low_i8x16_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.extend_high_i8x16_s`.
            I16x8ExtendHighI8x16S = i16x8_extend_high_i8x16_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.extend_low_i8x16_u`.
            I16x8ExtendLowI8x16U = i16x8_extend_low_i8x16_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.extend_high_i8x16_u`.
            I16x8ExtendHighI8x16U = i16x8_extend_high_i8x16_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i16x8.shl`.
            I16x8Shl = i16x8_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.shr_s`.
            I16x8ShrS = i16x8_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.shr_u`.
            I16x8ShrU = i16x8_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.add`.
            I16x8Add = i16x8_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.add_sat_s`.
            I16x8AddSatS = i16x8_add_sat_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.add_sat_u`.
            I16x8AddSatU = i16x8_add_sat_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.sub`.
            I16x8Sub = i16x8_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.sub_sat_s`.
            I16x8SubSatS = i16x8_sub_sat_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.sub_sat_u`.
            I16x8SubSatU = i16x8_sub_sat_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.mul`.
            I16x8Mul = i16x8_mul { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.min_s`.
            I16x8MinS = i16x8_min_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.min_u`.
            I16x8MinU = i16x8_min_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.max_s`.
            I16x8MaxS = i16x8_max_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.max_u`.
            I16x8MaxU = i16x8_max_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.avgr_u`.
            I16x8AvgrU = i16x8_avgr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extmul_low_i8x16_s`.
            I16x8ExtMulLowI8x16S = i16x8_extmul_low_i8x16_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extmul_high_i8x16_s`.
            I16x8ExtMulHighI8x16S = i16x8_extmul_high_i8x16_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extmul_low_i8x16_u`.
            I16x8ExtMulLowI8x16U = i16x8_extmul_low_i8x16_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i16x8.extmul_high_i8x16_u`.
            I16x8ExtMulHighI8x16U = i16x8_extmul_high_i8x16_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.extadd_pairwise_i16x8_s`.
            I32x4ExtAddPairwiseI16x8S = i32x4_extadd_pairwise_i16x8_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.extadd_pairwise_i16x8_u`.
            I32x4ExtAddPairwiseI16x8U = i32x4_extadd_pairwise_i16x8_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.abs`.
            I32x4Abs = i32x4_abs { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.neg`.
            I32x4Neg = i32x4_neg { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.all_true`.
            I32x4AllTrue = i32x4_all_true { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.bitmask`.
            I32x4Bitmask = i32x4_bitmask { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.extend_low_i16x8_s`.
            I32x4ExtendLowI16x8S = i32x4_extend_low_i16x8_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.extend_high_i16x8_s`.
            I32x4ExtendHighI16x8S = i32x4_extend_high_i16x8_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.extend_low_i16x8_u`.
            I32x4ExtendLowI16x8U = i32x4_extend_low_i16x8_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.extend_high_i16x8_u`.
            I32x4ExtendHighI16x8U = i32x4_extend_high_i16x8_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i32x4.shl`.
            I32x4Shl = i32x4_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.shr_s`.
            I32x4ShrS = i32x4_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.shr_u`.
            I32x4ShrU = i32x4_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.add`.
            I32x4Add = i32x4_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.sub`.
            I32x4Sub = i32x4_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.mul`.
            I32x4Mul = i32x4_mul { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.min_s`.
            I32x4MinS = i32x4_min_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.min_u`.
            I32x4MinU = i32x4_min_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.max_s`.
            I32x4MaxS = i32x4_max_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.max_u`.
            I32x4MaxU = i32x4_max_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.dot_i16x8_s`.
            I32x4DotI16x8S = i32x4_dot_i16x8_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.extmul_low_i16x8_s`.
            I32x4ExtMulLowI16x8S = i32x4_extmul_low_i16x8_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.extmul_high_i16x8_s`.
            I32x4ExtMulHighI16x8S = i32x4_extmul_high_i16x8_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.extmul_low_i16x8_u`.
            I32x4ExtMulLowI16x8U = i32x4_extmul_low_i16x8_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.extmul_high_i16x8_u`.
            I32x4ExtMulHighI16x8U = i32x4_extmul_high_i16x8_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.abs`.
            I64x2Abs = i64x2_abs { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.neg`.
            I64x2Neg = i64x2_neg { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.all_true`.
            I64x2AllTrue = i64x2_all_true { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.bitmask`.
            I64x2Bitmask = i64x2_bitmask { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.extend_low_i32x4_s`.
            I64x2ExtendLowI32x4S = i64x2_extend_low_i32x4_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.extend_high_i32x4_s`.
            I64x2ExtendHighI32x4S = i64x2_extend_high_i32x4_s { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.extend_low_i32x4_u`.
            I64x2ExtendLowI32x4U = i64x2_extend_low_i32x4_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.extend_high_i32x4_u`.
            I64x2ExtendHighI32x4U = i64x2_extend_high_i32x4_u { dst: Slot, src: Slot } [pure];
            /// Wasm `i64x2.shl`.
            I64x2Shl = i64x2_shl { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.shr_s`.
            I64x2ShrS = i64x2_shr_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.shr_u`.
            I64x2ShrU = i64x2_shr_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.add`.
            I64x2Add = i64x2_add { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.sub`.
            I64x2Sub = i64x2_sub { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.mul`.
            I64x2Mul = i64x2_mul { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.extmul_low_i32x4_s`.
            I64x2ExtMulLowI32x4S = i64x2_extmul_low_i32x4_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.extmul_high_i32x4_s`.
            I64x2ExtMulHighI32x4S = i64x2_extmul_high_i32x4_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.extmul_low_i32x4_u`.
            I64x2ExtMulLowI32x4U = i64x2_extmul_low_i32x4_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i64x2.extmul_high_i32x4_u`.
            I64x2ExtMulHighI32x4U = i64x2_extmul_high_i32x4_u { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `f32x4.ceil`.
            F32x4Ceil = f32x4_ceil { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.floor`.
            F32x4Floor = f32x4_floor { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.trunc`.
            F32x4Trunc = f32x4_trunc { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.nearest`.
            F32x4Nearest = f32x4_nearest { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.abs`.
            F32x4Abs = f32x4_abs { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.neg`.
            F32x4Neg = f32x4_neg { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.sqrt`.
            F32x4Sqrt = f32x4_sqrt { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.add`.
            F32x4Add = f32x4_add { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.sub`.
            F32x4Sub = f32x4_sub { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.mul`.
            F32x4Mul = f32x4_mul { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.div`.
            F32x4Div = f32x4_div { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.min`.
            F32x4Min = f32x4_min { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.max`.
            F32x4Max = f32x4_max { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.pmin`.
            F32x4PMin = f32x4_pmin { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f32x4.pmax`.
            F32x4PMax = f32x4_pmax { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.ceil`.
            F64x2Ceil = f64x2_ceil { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.floor`.
            F64x2Floor = f64x2_floor { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.trunc`.
            F64x2Trunc = f64x2_trunc { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.nearest`.
            F64x2Nearest = f64x2_nearest { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.abs`.
            F64x2Abs = f64x2_abs { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.neg`.
            F64x2Neg = f64x2_neg { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.sqrt`.
            F64x2Sqrt = f64x2_sqrt { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.add`.
            F64x2Add = f64x2_add { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.sub`.
            F64x2Sub = f64x2_sub { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.mul`.
            F64x2Mul = f64x2_mul { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.div`.
            F64x2Div = f64x2_div { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.min`.
            F64x2Min = f64x2_min { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.max`.
            F64x2Max = f64x2_max { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.pmin`.
            F64x2PMin = f64x2_pmin { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `f64x2.pmax`.
            F64x2PMax = f64x2_pmax { dst: Slot, a: Slot, b: Slot } [float pure];
            /// Wasm `i32x4.trunc_sat_f32x4_s`.
            I32x4TruncSatF32x4S = i32x4_trunc_sat_f32x4_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32x4.trunc_sat_f32x4_u`.
            I32x4TruncSatF32x4U = i32x4_trunc_sat_f32x4_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.convert_i32x4_s`.
            F32x4ConvertI32x4S = f32x4_convert_i32x4_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.convert_i32x4_u`.
            F32x4ConvertI32x4U = f32x4_convert_i32x4_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32x4.trunc_sat_f64x2_s_zero`.
            I32x4TruncSatF64x2SZero = i32x4_trunc_sat_f64x2_s_zero { dst: Slot, src: Slot } [float pure];
            /// Wasm `i32x4.trunc_sat_f64x2_u_zero`.
            I32x4TruncSatF64x2UZero = i32x4_trunc_sat_f64x2_u_zero { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.convert_low_i32x4_s`.
            F64x2ConvertLowI32x4S = f64x2_convert_low_i32x4_s { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.convert_low_i32x4_u`.
            F64x2ConvertLowI32x4U = f64x2_convert_low_i32x4_u { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.demote_f64x2_zero`.
            F32x4DemoteF64x2Zero = f32x4_demote_f64x2_zero { dst: Slot, src: Slot } [float pure];
            /// Wasm `f64x2.promote_low_f32x4`.
            F64x2PromoteLowF32x4 = f64x2_promote_low_f32x4 { dst: Slot, src: Slot } [float pure];
            /// Wasm `f32x4.relaxed_madd`, unfused: `a * b + c` with two roundings, NaN lanes canonical
            /// (see `semantics::simd`). The operands are in slots `args..args + 6`.
            F32x4RelaxedMadd = f32x4_relaxed_madd { dst: Slot, args: Slot } [float pure];
            /// Wasm `f32x4.relaxed_nmadd`, unfused: `-a * b + c`, as `f32x4_relaxed_madd`.
            F32x4RelaxedNmadd = f32x4_relaxed_nmadd { dst: Slot, args: Slot } [float pure];
            /// Wasm `f64x2.relaxed_madd`, unfused, as `f32x4_relaxed_madd`.
            F64x2RelaxedMadd = f64x2_relaxed_madd { dst: Slot, args: Slot } [float pure];
            /// Wasm `f64x2.relaxed_nmadd`, unfused, as `f32x4_relaxed_madd`.
            F64x2RelaxedNmadd = f64x2_relaxed_nmadd { dst: Slot, args: Slot } [float pure];
            /// Wasm `i16x8.relaxed_dot_i8x16_i7x16_s`: both operands signed, pair sums saturated.
            I16x8RelaxedDotI8x16I7x16S = i16x8_relaxed_dot_i8x16_i7x16_s { dst: Slot, a: Slot, b: Slot } [pure];
            /// Wasm `i32x4.relaxed_dot_i8x16_i7x16_add_s`, as `i16x8_relaxed_dot_i8x16_i7x16_s` then
            /// pairwise into `i32` plus the third operand. The operands are in slots `args..args + 6`.
            I32x4RelaxedDotI8x16I7x16AddS = i32x4_relaxed_dot_i8x16_i7x16_add_s { dst: Slot, args: Slot } [pure];
        }
    };
}
