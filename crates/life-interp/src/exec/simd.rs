//! The pure SIMD ops, kept out of the dispatch loop: there are more than two hundred of them,
//! each a call into `life_decode::semantics::simd`, and inlined they would cost the loop
//! registers and code size. "Pure" means the op reads and writes frame slots only: the memory
//! ops (`v128.load*`, `v128.store*`, lane loads and stores) stay in the loop, next to the
//! memory they touch.
//!
//! [`execute`] takes the frame as a raw slot pointer so that Life's native engine can call it
//! too, as a fallback for the SIMD ops it does not compile (see `life_interp::native_support`).
//! This is the only file besides `exec.rs` with `unsafe`: the slot accesses of the macros below,
//! whose bounds the caller of [`execute`] guarantees.

use life_decode::{
    acc_ops_pattern, for_each_acc_op, for_each_base_op, for_each_branch_op, for_each_compare_op,
    for_each_inc_branch_op, for_each_simd_memory_op, ir::Op, ops_pattern, semantics::simd,
};

/// Executes one pure SIMD op on the frame whose slot 0 is at `frame`, reading its operands from
/// and writing its result to the frame's slots. Returns `false`, doing nothing, if `op` is not
/// a pure SIMD op (one of `for_each_simd_op!`).
///
/// # Safety
///
/// Every slot the op names (two consecutive slots for a `v128` operand or result, one for a
/// scalar) must lie inside the frame: valid for reads and writes and not aliased elsewhere for
/// the duration of the call.
#[inline(never)]
pub unsafe fn execute(op: &Op, frame: *mut u64) -> bool {
    // Slot access, as in the dispatch loop. SAFETY (for every use): the caller guarantees that
    // every slot the op names is inside the frame.
    macro_rules! get {
        ($s:expr) => {{
            // SAFETY: the slot is inside the frame (see above).
            unsafe { *frame.add($s as usize) }
        }};
    }
    macro_rules! set {
        ($s:expr, $v:expr) => {{
            let v: u64 = $v;
            // SAFETY: the slot is inside the frame (see above).
            unsafe { *frame.add($s as usize) = v }
        }};
    }
    macro_rules! i32_ {
        ($s:expr) => {
            get!($s) as u32 as i32
        };
    }
    macro_rules! u32_ {
        ($s:expr) => {
            get!($s) as u32
        };
    }
    macro_rules! i64_ {
        ($s:expr) => {
            get!($s) as i64
        };
    }
    macro_rules! set_i32 {
        ($s:expr, $v:expr) => {
            set!($s, ($v) as u32 as u64)
        };
    }
    macro_rules! set_i64 {
        ($s:expr, $v:expr) => {
            set!($s, ($v) as u64)
        };
    }
    macro_rules! v128 {
        ($s:expr) => {
            (get!($s + 1) as u128) << 64 | get!($s) as u128
        };
    }
    macro_rules! set_v128 {
        ($s:expr, $v:expr) => {{
            let v: u128 = $v;
            set!($s, v as u64);
            set!($s + 1, (v >> 64) as u64);
        }};
    }

    match *op {
        Op::I8x16Shuffle { dst, a, lanes } => {
            set_v128!(dst, simd::i8x16_shuffle(v128!(a), v128!(a + 2), v128!(lanes).to_le_bytes()))
        }
        Op::I8x16ExtractLaneS { dst, src, lane } => set_i32!(dst, simd::i8x16_extract_lane_s(v128!(src), lane)),
        Op::I8x16ExtractLaneU { dst, src, lane } => set_i32!(dst, simd::i8x16_extract_lane_u(v128!(src), lane)),
        Op::I8x16ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::i8x16_replace_lane(v128!(a), lane, i32_!(b)))
        }
        Op::I16x8ExtractLaneS { dst, src, lane } => set_i32!(dst, simd::i16x8_extract_lane_s(v128!(src), lane)),
        Op::I16x8ExtractLaneU { dst, src, lane } => set_i32!(dst, simd::i16x8_extract_lane_u(v128!(src), lane)),
        Op::I16x8ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::i16x8_replace_lane(v128!(a), lane, i32_!(b)))
        }
        Op::I32x4ExtractLane { dst, src, lane } => set_i32!(dst, simd::i32x4_extract_lane(v128!(src), lane)),
        Op::I32x4ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::i32x4_replace_lane(v128!(a), lane, i32_!(b)))
        }
        Op::I64x2ExtractLane { dst, src, lane } => set_i64!(dst, simd::i64x2_extract_lane(v128!(src), lane)),
        Op::I64x2ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::i64x2_replace_lane(v128!(a), lane, i64_!(b)))
        }
        Op::F32x4ExtractLane { dst, src, lane } => set_i32!(dst, simd::f32x4_extract_lane(v128!(src), lane)),
        Op::F32x4ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::f32x4_replace_lane(v128!(a), lane, u32_!(b)))
        }
        Op::F64x2ExtractLane { dst, src, lane } => set!(dst, simd::f64x2_extract_lane(v128!(src), lane)),
        Op::F64x2ReplaceLane { dst, a, b, lane } => {
            set_v128!(dst, simd::f64x2_replace_lane(v128!(a), lane, get!(b)))
        }
        Op::I8x16Swizzle { dst, a, b } => set_v128!(dst, simd::i8x16_swizzle(v128!(a), v128!(b))),
        Op::I8x16Splat { dst, src } => set_v128!(dst, simd::i8x16_splat(i32_!(src))),
        Op::I16x8Splat { dst, src } => set_v128!(dst, simd::i16x8_splat(i32_!(src))),
        Op::I32x4Splat { dst, src } => set_v128!(dst, simd::i32x4_splat(i32_!(src))),
        Op::I64x2Splat { dst, src } => set_v128!(dst, simd::i64x2_splat(i64_!(src))),
        Op::F32x4Splat { dst, src } => set_v128!(dst, simd::f32x4_splat(u32_!(src))),
        Op::F64x2Splat { dst, src } => set_v128!(dst, simd::f64x2_splat(get!(src))),
        Op::I8x16Eq { dst, a, b } => set_v128!(dst, simd::i8x16_eq(v128!(a), v128!(b))),
        Op::I8x16Ne { dst, a, b } => set_v128!(dst, simd::i8x16_ne(v128!(a), v128!(b))),
        Op::I8x16LtS { dst, a, b } => set_v128!(dst, simd::i8x16_lt_s(v128!(a), v128!(b))),
        Op::I8x16LtU { dst, a, b } => set_v128!(dst, simd::i8x16_lt_u(v128!(a), v128!(b))),
        Op::I8x16GtS { dst, a, b } => set_v128!(dst, simd::i8x16_gt_s(v128!(a), v128!(b))),
        Op::I8x16GtU { dst, a, b } => set_v128!(dst, simd::i8x16_gt_u(v128!(a), v128!(b))),
        Op::I8x16LeS { dst, a, b } => set_v128!(dst, simd::i8x16_le_s(v128!(a), v128!(b))),
        Op::I8x16LeU { dst, a, b } => set_v128!(dst, simd::i8x16_le_u(v128!(a), v128!(b))),
        Op::I8x16GeS { dst, a, b } => set_v128!(dst, simd::i8x16_ge_s(v128!(a), v128!(b))),
        Op::I8x16GeU { dst, a, b } => set_v128!(dst, simd::i8x16_ge_u(v128!(a), v128!(b))),
        Op::I16x8Eq { dst, a, b } => set_v128!(dst, simd::i16x8_eq(v128!(a), v128!(b))),
        Op::I16x8Ne { dst, a, b } => set_v128!(dst, simd::i16x8_ne(v128!(a), v128!(b))),
        Op::I16x8LtS { dst, a, b } => set_v128!(dst, simd::i16x8_lt_s(v128!(a), v128!(b))),
        Op::I16x8LtU { dst, a, b } => set_v128!(dst, simd::i16x8_lt_u(v128!(a), v128!(b))),
        Op::I16x8GtS { dst, a, b } => set_v128!(dst, simd::i16x8_gt_s(v128!(a), v128!(b))),
        Op::I16x8GtU { dst, a, b } => set_v128!(dst, simd::i16x8_gt_u(v128!(a), v128!(b))),
        Op::I16x8LeS { dst, a, b } => set_v128!(dst, simd::i16x8_le_s(v128!(a), v128!(b))),
        Op::I16x8LeU { dst, a, b } => set_v128!(dst, simd::i16x8_le_u(v128!(a), v128!(b))),
        Op::I16x8GeS { dst, a, b } => set_v128!(dst, simd::i16x8_ge_s(v128!(a), v128!(b))),
        Op::I16x8GeU { dst, a, b } => set_v128!(dst, simd::i16x8_ge_u(v128!(a), v128!(b))),
        Op::I32x4Eq { dst, a, b } => set_v128!(dst, simd::i32x4_eq(v128!(a), v128!(b))),
        Op::I32x4Ne { dst, a, b } => set_v128!(dst, simd::i32x4_ne(v128!(a), v128!(b))),
        Op::I32x4LtS { dst, a, b } => set_v128!(dst, simd::i32x4_lt_s(v128!(a), v128!(b))),
        Op::I32x4LtU { dst, a, b } => set_v128!(dst, simd::i32x4_lt_u(v128!(a), v128!(b))),
        Op::I32x4GtS { dst, a, b } => set_v128!(dst, simd::i32x4_gt_s(v128!(a), v128!(b))),
        Op::I32x4GtU { dst, a, b } => set_v128!(dst, simd::i32x4_gt_u(v128!(a), v128!(b))),
        Op::I32x4LeS { dst, a, b } => set_v128!(dst, simd::i32x4_le_s(v128!(a), v128!(b))),
        Op::I32x4LeU { dst, a, b } => set_v128!(dst, simd::i32x4_le_u(v128!(a), v128!(b))),
        Op::I32x4GeS { dst, a, b } => set_v128!(dst, simd::i32x4_ge_s(v128!(a), v128!(b))),
        Op::I32x4GeU { dst, a, b } => set_v128!(dst, simd::i32x4_ge_u(v128!(a), v128!(b))),
        Op::I64x2Eq { dst, a, b } => set_v128!(dst, simd::i64x2_eq(v128!(a), v128!(b))),
        Op::I64x2Ne { dst, a, b } => set_v128!(dst, simd::i64x2_ne(v128!(a), v128!(b))),
        Op::I64x2LtS { dst, a, b } => set_v128!(dst, simd::i64x2_lt_s(v128!(a), v128!(b))),
        Op::I64x2GtS { dst, a, b } => set_v128!(dst, simd::i64x2_gt_s(v128!(a), v128!(b))),
        Op::I64x2LeS { dst, a, b } => set_v128!(dst, simd::i64x2_le_s(v128!(a), v128!(b))),
        Op::I64x2GeS { dst, a, b } => set_v128!(dst, simd::i64x2_ge_s(v128!(a), v128!(b))),
        Op::F32x4Eq { dst, a, b } => set_v128!(dst, simd::f32x4_eq(v128!(a), v128!(b))),
        Op::F32x4Ne { dst, a, b } => set_v128!(dst, simd::f32x4_ne(v128!(a), v128!(b))),
        Op::F32x4Lt { dst, a, b } => set_v128!(dst, simd::f32x4_lt(v128!(a), v128!(b))),
        Op::F32x4Gt { dst, a, b } => set_v128!(dst, simd::f32x4_gt(v128!(a), v128!(b))),
        Op::F32x4Le { dst, a, b } => set_v128!(dst, simd::f32x4_le(v128!(a), v128!(b))),
        Op::F32x4Ge { dst, a, b } => set_v128!(dst, simd::f32x4_ge(v128!(a), v128!(b))),
        Op::F64x2Eq { dst, a, b } => set_v128!(dst, simd::f64x2_eq(v128!(a), v128!(b))),
        Op::F64x2Ne { dst, a, b } => set_v128!(dst, simd::f64x2_ne(v128!(a), v128!(b))),
        Op::F64x2Lt { dst, a, b } => set_v128!(dst, simd::f64x2_lt(v128!(a), v128!(b))),
        Op::F64x2Gt { dst, a, b } => set_v128!(dst, simd::f64x2_gt(v128!(a), v128!(b))),
        Op::F64x2Le { dst, a, b } => set_v128!(dst, simd::f64x2_le(v128!(a), v128!(b))),
        Op::F64x2Ge { dst, a, b } => set_v128!(dst, simd::f64x2_ge(v128!(a), v128!(b))),
        Op::V128Not { dst, src } => set_v128!(dst, simd::v128_not(v128!(src))),
        Op::V128And { dst, a, b } => set_v128!(dst, simd::v128_and(v128!(a), v128!(b))),
        Op::V128AndNot { dst, a, b } => set_v128!(dst, simd::v128_andnot(v128!(a), v128!(b))),
        Op::V128Or { dst, a, b } => set_v128!(dst, simd::v128_or(v128!(a), v128!(b))),
        Op::V128Xor { dst, a, b } => set_v128!(dst, simd::v128_xor(v128!(a), v128!(b))),
        Op::V128Bitselect { dst, args } => {
            set_v128!(dst, simd::v128_bitselect(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        Op::V128AnyTrue { dst, src } => set_i32!(dst, simd::v128_any_true(v128!(src))),
        Op::I8x16Abs { dst, src } => set_v128!(dst, simd::i8x16_abs(v128!(src))),
        Op::I8x16Neg { dst, src } => set_v128!(dst, simd::i8x16_neg(v128!(src))),
        Op::I8x16Popcnt { dst, src } => set_v128!(dst, simd::i8x16_popcnt(v128!(src))),
        Op::I8x16AllTrue { dst, src } => set_i32!(dst, simd::i8x16_all_true(v128!(src))),
        Op::I8x16Bitmask { dst, src } => set_i32!(dst, simd::i8x16_bitmask(v128!(src))),
        Op::I8x16NarrowI16x8S { dst, a, b } => set_v128!(dst, simd::i8x16_narrow_i16x8_s(v128!(a), v128!(b))),
        Op::I8x16NarrowI16x8U { dst, a, b } => set_v128!(dst, simd::i8x16_narrow_i16x8_u(v128!(a), v128!(b))),
        Op::I8x16Shl { dst, a, b } => set_v128!(dst, simd::i8x16_shl(v128!(a), u32_!(b))),
        Op::I8x16ShrS { dst, a, b } => set_v128!(dst, simd::i8x16_shr_s(v128!(a), u32_!(b))),
        Op::I8x16ShrU { dst, a, b } => set_v128!(dst, simd::i8x16_shr_u(v128!(a), u32_!(b))),
        Op::I8x16Add { dst, a, b } => set_v128!(dst, simd::i8x16_add(v128!(a), v128!(b))),
        Op::I8x16AddSatS { dst, a, b } => set_v128!(dst, simd::i8x16_add_sat_s(v128!(a), v128!(b))),
        Op::I8x16AddSatU { dst, a, b } => set_v128!(dst, simd::i8x16_add_sat_u(v128!(a), v128!(b))),
        Op::I8x16Sub { dst, a, b } => set_v128!(dst, simd::i8x16_sub(v128!(a), v128!(b))),
        Op::I8x16SubSatS { dst, a, b } => set_v128!(dst, simd::i8x16_sub_sat_s(v128!(a), v128!(b))),
        Op::I8x16SubSatU { dst, a, b } => set_v128!(dst, simd::i8x16_sub_sat_u(v128!(a), v128!(b))),
        Op::I8x16MinS { dst, a, b } => set_v128!(dst, simd::i8x16_min_s(v128!(a), v128!(b))),
        Op::I8x16MinU { dst, a, b } => set_v128!(dst, simd::i8x16_min_u(v128!(a), v128!(b))),
        Op::I8x16MaxS { dst, a, b } => set_v128!(dst, simd::i8x16_max_s(v128!(a), v128!(b))),
        Op::I8x16MaxU { dst, a, b } => set_v128!(dst, simd::i8x16_max_u(v128!(a), v128!(b))),
        Op::I8x16AvgrU { dst, a, b } => set_v128!(dst, simd::i8x16_avgr_u(v128!(a), v128!(b))),
        Op::I16x8ExtAddPairwiseI8x16S { dst, src } => {
            set_v128!(dst, simd::i16x8_extadd_pairwise_i8x16_s(v128!(src)))
        }
        Op::I16x8ExtAddPairwiseI8x16U { dst, src } => {
            set_v128!(dst, simd::i16x8_extadd_pairwise_i8x16_u(v128!(src)))
        }
        Op::I16x8Abs { dst, src } => set_v128!(dst, simd::i16x8_abs(v128!(src))),
        Op::I16x8Neg { dst, src } => set_v128!(dst, simd::i16x8_neg(v128!(src))),
        Op::I16x8Q15MulrSatS { dst, a, b } => set_v128!(dst, simd::i16x8_q15mulr_sat_s(v128!(a), v128!(b))),
        Op::I16x8AllTrue { dst, src } => set_i32!(dst, simd::i16x8_all_true(v128!(src))),
        Op::I16x8Bitmask { dst, src } => set_i32!(dst, simd::i16x8_bitmask(v128!(src))),
        Op::I16x8NarrowI32x4S { dst, a, b } => set_v128!(dst, simd::i16x8_narrow_i32x4_s(v128!(a), v128!(b))),
        Op::I16x8NarrowI32x4U { dst, a, b } => set_v128!(dst, simd::i16x8_narrow_i32x4_u(v128!(a), v128!(b))),
        Op::I16x8ExtendLowI8x16S { dst, src } => set_v128!(dst, simd::i16x8_extend_low_i8x16_s(v128!(src))),
        Op::I16x8ExtendHighI8x16S { dst, src } => set_v128!(dst, simd::i16x8_extend_high_i8x16_s(v128!(src))),
        Op::I16x8ExtendLowI8x16U { dst, src } => set_v128!(dst, simd::i16x8_extend_low_i8x16_u(v128!(src))),
        Op::I16x8ExtendHighI8x16U { dst, src } => set_v128!(dst, simd::i16x8_extend_high_i8x16_u(v128!(src))),
        Op::I16x8Shl { dst, a, b } => set_v128!(dst, simd::i16x8_shl(v128!(a), u32_!(b))),
        Op::I16x8ShrS { dst, a, b } => set_v128!(dst, simd::i16x8_shr_s(v128!(a), u32_!(b))),
        Op::I16x8ShrU { dst, a, b } => set_v128!(dst, simd::i16x8_shr_u(v128!(a), u32_!(b))),
        Op::I16x8Add { dst, a, b } => set_v128!(dst, simd::i16x8_add(v128!(a), v128!(b))),
        Op::I16x8AddSatS { dst, a, b } => set_v128!(dst, simd::i16x8_add_sat_s(v128!(a), v128!(b))),
        Op::I16x8AddSatU { dst, a, b } => set_v128!(dst, simd::i16x8_add_sat_u(v128!(a), v128!(b))),
        Op::I16x8Sub { dst, a, b } => set_v128!(dst, simd::i16x8_sub(v128!(a), v128!(b))),
        Op::I16x8SubSatS { dst, a, b } => set_v128!(dst, simd::i16x8_sub_sat_s(v128!(a), v128!(b))),
        Op::I16x8SubSatU { dst, a, b } => set_v128!(dst, simd::i16x8_sub_sat_u(v128!(a), v128!(b))),
        Op::I16x8Mul { dst, a, b } => set_v128!(dst, simd::i16x8_mul(v128!(a), v128!(b))),
        Op::I16x8MinS { dst, a, b } => set_v128!(dst, simd::i16x8_min_s(v128!(a), v128!(b))),
        Op::I16x8MinU { dst, a, b } => set_v128!(dst, simd::i16x8_min_u(v128!(a), v128!(b))),
        Op::I16x8MaxS { dst, a, b } => set_v128!(dst, simd::i16x8_max_s(v128!(a), v128!(b))),
        Op::I16x8MaxU { dst, a, b } => set_v128!(dst, simd::i16x8_max_u(v128!(a), v128!(b))),
        Op::I16x8AvgrU { dst, a, b } => set_v128!(dst, simd::i16x8_avgr_u(v128!(a), v128!(b))),
        Op::I16x8ExtMulLowI8x16S { dst, a, b } => {
            set_v128!(dst, simd::i16x8_extmul_low_i8x16_s(v128!(a), v128!(b)))
        }
        Op::I16x8ExtMulHighI8x16S { dst, a, b } => {
            set_v128!(dst, simd::i16x8_extmul_high_i8x16_s(v128!(a), v128!(b)))
        }
        Op::I16x8ExtMulLowI8x16U { dst, a, b } => {
            set_v128!(dst, simd::i16x8_extmul_low_i8x16_u(v128!(a), v128!(b)))
        }
        Op::I16x8ExtMulHighI8x16U { dst, a, b } => {
            set_v128!(dst, simd::i16x8_extmul_high_i8x16_u(v128!(a), v128!(b)))
        }
        Op::I32x4ExtAddPairwiseI16x8S { dst, src } => {
            set_v128!(dst, simd::i32x4_extadd_pairwise_i16x8_s(v128!(src)))
        }
        Op::I32x4ExtAddPairwiseI16x8U { dst, src } => {
            set_v128!(dst, simd::i32x4_extadd_pairwise_i16x8_u(v128!(src)))
        }
        Op::I32x4Abs { dst, src } => set_v128!(dst, simd::i32x4_abs(v128!(src))),
        Op::I32x4Neg { dst, src } => set_v128!(dst, simd::i32x4_neg(v128!(src))),
        Op::I32x4AllTrue { dst, src } => set_i32!(dst, simd::i32x4_all_true(v128!(src))),
        Op::I32x4Bitmask { dst, src } => set_i32!(dst, simd::i32x4_bitmask(v128!(src))),
        Op::I32x4ExtendLowI16x8S { dst, src } => set_v128!(dst, simd::i32x4_extend_low_i16x8_s(v128!(src))),
        Op::I32x4ExtendHighI16x8S { dst, src } => set_v128!(dst, simd::i32x4_extend_high_i16x8_s(v128!(src))),
        Op::I32x4ExtendLowI16x8U { dst, src } => set_v128!(dst, simd::i32x4_extend_low_i16x8_u(v128!(src))),
        Op::I32x4ExtendHighI16x8U { dst, src } => set_v128!(dst, simd::i32x4_extend_high_i16x8_u(v128!(src))),
        Op::I32x4Shl { dst, a, b } => set_v128!(dst, simd::i32x4_shl(v128!(a), u32_!(b))),
        Op::I32x4ShrS { dst, a, b } => set_v128!(dst, simd::i32x4_shr_s(v128!(a), u32_!(b))),
        Op::I32x4ShrU { dst, a, b } => set_v128!(dst, simd::i32x4_shr_u(v128!(a), u32_!(b))),
        Op::I32x4Add { dst, a, b } => set_v128!(dst, simd::i32x4_add(v128!(a), v128!(b))),
        Op::I32x4Sub { dst, a, b } => set_v128!(dst, simd::i32x4_sub(v128!(a), v128!(b))),
        Op::I32x4Mul { dst, a, b } => set_v128!(dst, simd::i32x4_mul(v128!(a), v128!(b))),
        Op::I32x4MinS { dst, a, b } => set_v128!(dst, simd::i32x4_min_s(v128!(a), v128!(b))),
        Op::I32x4MinU { dst, a, b } => set_v128!(dst, simd::i32x4_min_u(v128!(a), v128!(b))),
        Op::I32x4MaxS { dst, a, b } => set_v128!(dst, simd::i32x4_max_s(v128!(a), v128!(b))),
        Op::I32x4MaxU { dst, a, b } => set_v128!(dst, simd::i32x4_max_u(v128!(a), v128!(b))),
        Op::I32x4DotI16x8S { dst, a, b } => set_v128!(dst, simd::i32x4_dot_i16x8_s(v128!(a), v128!(b))),
        Op::I32x4ExtMulLowI16x8S { dst, a, b } => {
            set_v128!(dst, simd::i32x4_extmul_low_i16x8_s(v128!(a), v128!(b)))
        }
        Op::I32x4ExtMulHighI16x8S { dst, a, b } => {
            set_v128!(dst, simd::i32x4_extmul_high_i16x8_s(v128!(a), v128!(b)))
        }
        Op::I32x4ExtMulLowI16x8U { dst, a, b } => {
            set_v128!(dst, simd::i32x4_extmul_low_i16x8_u(v128!(a), v128!(b)))
        }
        Op::I32x4ExtMulHighI16x8U { dst, a, b } => {
            set_v128!(dst, simd::i32x4_extmul_high_i16x8_u(v128!(a), v128!(b)))
        }
        Op::I64x2Abs { dst, src } => set_v128!(dst, simd::i64x2_abs(v128!(src))),
        Op::I64x2Neg { dst, src } => set_v128!(dst, simd::i64x2_neg(v128!(src))),
        Op::I64x2AllTrue { dst, src } => set_i32!(dst, simd::i64x2_all_true(v128!(src))),
        Op::I64x2Bitmask { dst, src } => set_i32!(dst, simd::i64x2_bitmask(v128!(src))),
        Op::I64x2ExtendLowI32x4S { dst, src } => set_v128!(dst, simd::i64x2_extend_low_i32x4_s(v128!(src))),
        Op::I64x2ExtendHighI32x4S { dst, src } => set_v128!(dst, simd::i64x2_extend_high_i32x4_s(v128!(src))),
        Op::I64x2ExtendLowI32x4U { dst, src } => set_v128!(dst, simd::i64x2_extend_low_i32x4_u(v128!(src))),
        Op::I64x2ExtendHighI32x4U { dst, src } => set_v128!(dst, simd::i64x2_extend_high_i32x4_u(v128!(src))),
        Op::I64x2Shl { dst, a, b } => set_v128!(dst, simd::i64x2_shl(v128!(a), u32_!(b))),
        Op::I64x2ShrS { dst, a, b } => set_v128!(dst, simd::i64x2_shr_s(v128!(a), u32_!(b))),
        Op::I64x2ShrU { dst, a, b } => set_v128!(dst, simd::i64x2_shr_u(v128!(a), u32_!(b))),
        Op::I64x2Add { dst, a, b } => set_v128!(dst, simd::i64x2_add(v128!(a), v128!(b))),
        Op::I64x2Sub { dst, a, b } => set_v128!(dst, simd::i64x2_sub(v128!(a), v128!(b))),
        Op::I64x2Mul { dst, a, b } => set_v128!(dst, simd::i64x2_mul(v128!(a), v128!(b))),
        Op::I64x2ExtMulLowI32x4S { dst, a, b } => {
            set_v128!(dst, simd::i64x2_extmul_low_i32x4_s(v128!(a), v128!(b)))
        }
        Op::I64x2ExtMulHighI32x4S { dst, a, b } => {
            set_v128!(dst, simd::i64x2_extmul_high_i32x4_s(v128!(a), v128!(b)))
        }
        Op::I64x2ExtMulLowI32x4U { dst, a, b } => {
            set_v128!(dst, simd::i64x2_extmul_low_i32x4_u(v128!(a), v128!(b)))
        }
        Op::I64x2ExtMulHighI32x4U { dst, a, b } => {
            set_v128!(dst, simd::i64x2_extmul_high_i32x4_u(v128!(a), v128!(b)))
        }
        Op::F32x4Ceil { dst, src } => set_v128!(dst, simd::f32x4_ceil(v128!(src))),
        Op::F32x4Floor { dst, src } => set_v128!(dst, simd::f32x4_floor(v128!(src))),
        Op::F32x4Trunc { dst, src } => set_v128!(dst, simd::f32x4_trunc(v128!(src))),
        Op::F32x4Nearest { dst, src } => set_v128!(dst, simd::f32x4_nearest(v128!(src))),
        Op::F32x4Abs { dst, src } => set_v128!(dst, simd::f32x4_abs(v128!(src))),
        Op::F32x4Neg { dst, src } => set_v128!(dst, simd::f32x4_neg(v128!(src))),
        Op::F32x4Sqrt { dst, src } => set_v128!(dst, simd::f32x4_sqrt(v128!(src))),
        Op::F32x4Add { dst, a, b } => set_v128!(dst, simd::f32x4_add(v128!(a), v128!(b))),
        Op::F32x4Sub { dst, a, b } => set_v128!(dst, simd::f32x4_sub(v128!(a), v128!(b))),
        Op::F32x4Mul { dst, a, b } => set_v128!(dst, simd::f32x4_mul(v128!(a), v128!(b))),
        Op::F32x4Div { dst, a, b } => set_v128!(dst, simd::f32x4_div(v128!(a), v128!(b))),
        Op::F32x4Min { dst, a, b } => set_v128!(dst, simd::f32x4_min(v128!(a), v128!(b))),
        Op::F32x4Max { dst, a, b } => set_v128!(dst, simd::f32x4_max(v128!(a), v128!(b))),
        Op::F32x4PMin { dst, a, b } => set_v128!(dst, simd::f32x4_pmin(v128!(a), v128!(b))),
        Op::F32x4PMax { dst, a, b } => set_v128!(dst, simd::f32x4_pmax(v128!(a), v128!(b))),
        Op::F64x2Ceil { dst, src } => set_v128!(dst, simd::f64x2_ceil(v128!(src))),
        Op::F64x2Floor { dst, src } => set_v128!(dst, simd::f64x2_floor(v128!(src))),
        Op::F64x2Trunc { dst, src } => set_v128!(dst, simd::f64x2_trunc(v128!(src))),
        Op::F64x2Nearest { dst, src } => set_v128!(dst, simd::f64x2_nearest(v128!(src))),
        Op::F64x2Abs { dst, src } => set_v128!(dst, simd::f64x2_abs(v128!(src))),
        Op::F64x2Neg { dst, src } => set_v128!(dst, simd::f64x2_neg(v128!(src))),
        Op::F64x2Sqrt { dst, src } => set_v128!(dst, simd::f64x2_sqrt(v128!(src))),
        Op::F64x2Add { dst, a, b } => set_v128!(dst, simd::f64x2_add(v128!(a), v128!(b))),
        Op::F64x2Sub { dst, a, b } => set_v128!(dst, simd::f64x2_sub(v128!(a), v128!(b))),
        Op::F64x2Mul { dst, a, b } => set_v128!(dst, simd::f64x2_mul(v128!(a), v128!(b))),
        Op::F64x2Div { dst, a, b } => set_v128!(dst, simd::f64x2_div(v128!(a), v128!(b))),
        Op::F64x2Min { dst, a, b } => set_v128!(dst, simd::f64x2_min(v128!(a), v128!(b))),
        Op::F64x2Max { dst, a, b } => set_v128!(dst, simd::f64x2_max(v128!(a), v128!(b))),
        Op::F64x2PMin { dst, a, b } => set_v128!(dst, simd::f64x2_pmin(v128!(a), v128!(b))),
        Op::F64x2PMax { dst, a, b } => set_v128!(dst, simd::f64x2_pmax(v128!(a), v128!(b))),
        Op::I32x4TruncSatF32x4S { dst, src } => set_v128!(dst, simd::i32x4_trunc_sat_f32x4_s(v128!(src))),
        Op::I32x4TruncSatF32x4U { dst, src } => set_v128!(dst, simd::i32x4_trunc_sat_f32x4_u(v128!(src))),
        Op::F32x4ConvertI32x4S { dst, src } => set_v128!(dst, simd::f32x4_convert_i32x4_s(v128!(src))),
        Op::F32x4ConvertI32x4U { dst, src } => set_v128!(dst, simd::f32x4_convert_i32x4_u(v128!(src))),
        Op::I32x4TruncSatF64x2SZero { dst, src } => {
            set_v128!(dst, simd::i32x4_trunc_sat_f64x2_s_zero(v128!(src)))
        }
        Op::I32x4TruncSatF64x2UZero { dst, src } => {
            set_v128!(dst, simd::i32x4_trunc_sat_f64x2_u_zero(v128!(src)))
        }
        Op::F64x2ConvertLowI32x4S { dst, src } => set_v128!(dst, simd::f64x2_convert_low_i32x4_s(v128!(src))),
        Op::F64x2ConvertLowI32x4U { dst, src } => set_v128!(dst, simd::f64x2_convert_low_i32x4_u(v128!(src))),
        Op::F32x4DemoteF64x2Zero { dst, src } => set_v128!(dst, simd::f32x4_demote_f64x2_zero(v128!(src))),
        Op::F64x2PromoteLowF32x4 { dst, src } => set_v128!(dst, simd::f64x2_promote_low_f32x4(v128!(src))),
        Op::F32x4RelaxedMadd { dst, args } => {
            set_v128!(dst, simd::f32x4_relaxed_madd(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        Op::F32x4RelaxedNmadd { dst, args } => {
            set_v128!(dst, simd::f32x4_relaxed_nmadd(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        Op::F64x2RelaxedMadd { dst, args } => {
            set_v128!(dst, simd::f64x2_relaxed_madd(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        Op::F64x2RelaxedNmadd { dst, args } => {
            set_v128!(dst, simd::f64x2_relaxed_nmadd(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        Op::I16x8RelaxedDotI8x16I7x16S { dst, a, b } => {
            set_v128!(dst, simd::i16x8_relaxed_dot_i8x16_i7x16_s(v128!(a), v128!(b)))
        }
        Op::I32x4RelaxedDotI8x16I7x16AddS { dst, args } => {
            set_v128!(dst, simd::i32x4_relaxed_dot_i8x16_i7x16_add_s(v128!(args), v128!(args + 2), v128!(args + 4)))
        }
        // Every other group, named so that a SIMD op without an arm above is a compile error.
        for_each_base_op!(ops_pattern)
        | for_each_compare_op!(ops_pattern)
        | for_each_branch_op!(ops_pattern)
        | for_each_inc_branch_op!(ops_pattern)
        | for_each_acc_op!(acc_ops_pattern)
        | for_each_simd_memory_op!(ops_pattern) => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use life_decode::ir::Group;

    /// Every op of `for_each_op!`, with all fields zero.
    macro_rules! all_ops {
        ($( $(#[$doc:meta])* $name:ident = $snake:ident { $($field:ident : $ty:ty),* $(,)? } $facts:tt; )*) => {
            vec![$( Op::$name { $($field: 0),* } ),*]
        };
    }

    #[test]
    fn execute_runs_exactly_the_simd_group() {
        let ops: Vec<Op> = life_decode::for_each_op!(all_ops);
        let mut pure = 0;
        for op in &ops {
            let mut frame = [0u64; 8];
            // SAFETY: with every field zero, an op names at most slots 0..6 (`v128.bitselect`
            // reads three v128 operands from slot 0 on), all inside the 8-slot frame.
            let handled = unsafe { execute(op, frame.as_mut_ptr()) };
            assert_eq!(handled, op.group() == Group::Simd, "{}", op.name());
            pure += usize::from(handled);
        }
        // Every `i8x16.*` ... `v128.*` op except the 22 memory ones, and the six relaxed ops
        // without a 2.0 twin.
        assert_eq!(pure, 219);
    }

    #[test]
    fn slots_are_little_endian_pairs() {
        let mut frame = [0u64; 8];
        frame[..4].copy_from_slice(&[1 | 2 << 32, 3 | 4 << 32, 10 | 20 << 32, 30 | 40 << 32]);
        // SAFETY: the op names slots 0..6, inside the 8-slot frame.
        assert!(unsafe { execute(&Op::I32x4Add { dst: 4, a: 0, b: 2 }, frame.as_mut_ptr()) });
        assert_eq!(frame[4..6], [11 | 22 << 32, 33 | 44 << 32]);
        // SAFETY: the op names slots 4..7, inside the 8-slot frame.
        assert!(unsafe { execute(&Op::I32x4ExtractLane { dst: 6, src: 4, lane: 3 }, frame.as_mut_ptr()) });
        assert_eq!(frame[6], 44);
        // SAFETY: a memory op is refused before any slot is touched.
        assert!(!unsafe { execute(&Op::V128Load { dst: 0, addr: 2, offset: 0 }, frame.as_mut_ptr()) });
    }
}
