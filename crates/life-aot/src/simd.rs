//! SIMD: memory access on the two 64-bit halves of a `v128` slot pair, and the lane
//! arithmetic on Cranelift vector types.
//!
//! A `v128` lives in two `i64` slots; `Lower::get_v128` and `set_v128` move it between the slots
//! and a vector register, and remember which vector a pair of halves came from, so a chain of
//! SIMD ops in a block stays in vector registers and halves nobody reads cost nothing.
//!
//! [`lower_pure`] lowers the lane ops the way wasmtime's translator does (its
//! `code_translator.rs` is the reference for which Cranelift instructions match Wasm bit for
//! bit), with one difference: `min`/`max` NaN lanes take the interpreter's value (see
//! [`fminmax`]) so both engines agree on every bit. What the host cannot lower (see
//! `SimdSupport`) runs through the interpreter's implementation
//! (`life_interp::native_support::execute_simd`, see `Lower::simd_fallback`).

use crate::lower::{Callees, Lower, Ty};
use cranelift_codegen::ir::{
    ConstantData, InstBuilder, Type, Value,
    condcodes::{FloatCC, IntCC},
    types::*,
};
use life_decode::{
    acc_ops_pattern, for_each_acc_op, for_each_base_op, for_each_branch_op, for_each_compare_op,
    for_each_inc_branch_op, for_each_simd_op, ir::Op, ops_pattern,
};

/// Lowers a SIMD load or store.
pub(crate) fn lower_memory<C: Callees>(l: &mut Lower<'_, '_, C>, op: Op) {
    let flags = l.heap_flags();
    match op {
        // Loaded as a vector (Cranelift keeps every load, used or not); the halves are taken
        // out of it only if something reads them.
        Op::V128Load { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 16);
            let v = l.builder().ins().load(I64X2, flags, p, 0);
            l.simd_set_vec(dst, v);
        }
        Op::V128Store { addr, value, offset } => {
            let p = l.simd_address(addr, offset, 16);
            match l.cached_v128(value) {
                Some(v) => {
                    l.builder().ins().store(flags, v, p, 0);
                }
                None => {
                    // The high half first: with guard pages, a store that is partly out of
                    // bounds faults there and writes nothing, as the spec requires.
                    let (lo, hi) = l.simd_get(value);
                    let b = l.builder();
                    b.ins().store(flags, hi, p, 8);
                    b.ins().store(flags, lo, p, 0);
                }
            }
        }
        Op::V128Load8x8S { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().sload8x8(flags, p, 0))
        }
        Op::V128Load8x8U { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().uload8x8(flags, p, 0))
        }
        Op::V128Load16x4S { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().sload16x4(flags, p, 0))
        }
        Op::V128Load16x4U { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().uload16x4(flags, p, 0))
        }
        Op::V128Load32x2S { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().sload32x2(flags, p, 0))
        }
        Op::V128Load32x2U { dst, addr, offset } => {
            extend_load(l, dst, addr, offset, |b, p| b.ins().uload32x2(flags, p, 0))
        }
        Op::V128Load8Splat { dst, addr, offset } => load_splat(l, dst, addr, offset, I8X16, 0x0101_0101_0101_0101),
        Op::V128Load16Splat { dst, addr, offset } => load_splat(l, dst, addr, offset, I16X8, 0x0001_0001_0001_0001),
        Op::V128Load32Splat { dst, addr, offset } => load_splat(l, dst, addr, offset, I32X4, 0x0000_0001_0000_0001),
        Op::V128Load64Splat { dst, addr, offset } => load_splat(l, dst, addr, offset, I64X2, 1),
        Op::V128Load32Zero { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 4);
            let b = l.builder();
            let lo = b.ins().uload32(flags, p, 0);
            let hi = b.ins().iconst(I64, 0);
            let v = b.ins().scalar_to_vector(I64X2, lo);
            l.set_v128_halves(dst, lo, hi, v);
        }
        Op::V128Load64Zero { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 8);
            let b = l.builder();
            let lo = b.ins().load(I64, flags, p, 0);
            let hi = b.ins().iconst(I64, 0);
            let v = b.ins().scalar_to_vector(I64X2, lo);
            l.set_v128_halves(dst, lo, hi, v);
        }
        Op::V128Load8Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 1),
        Op::V128Load16Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 2),
        Op::V128Load32Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 4),
        Op::V128Load64Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 8),
        Op::V128Store8Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 1),
        Op::V128Store16Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 2),
        Op::V128Store32Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 4),
        Op::V128Store64Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 8),
        // Every other group, named so that a SIMD memory op without an arm is a compile error.
        for_each_base_op!(ops_pattern)
        | for_each_compare_op!(ops_pattern)
        | for_each_branch_op!(ops_pattern)
        | for_each_inc_branch_op!(ops_pattern)
        | for_each_acc_op!(acc_ops_pattern)
        | for_each_simd_op!(ops_pattern) => unreachable!("`{op}` is not a SIMD memory op"),
    }
}

type Build<'x> = cranelift_frontend::FunctionBuilder<'x>;

fn extend_load<C: Callees>(
    l: &mut Lower<'_, '_, C>,
    dst: u32,
    addr: u32,
    offset: u32,
    f: impl FnOnce(&mut Build<'_>, cranelift_codegen::ir::Value) -> cranelift_codegen::ir::Value,
) {
    let p = l.simd_address(addr, offset, 8);
    let v = f(l.builder(), p);
    l.simd_set_vec(dst, v);
}

/// Loads a lane of `ty` and repeats it over both halves (a multiply by `pattern`), and over a
/// vector for the SIMD ops that may follow.
fn load_splat<C: Callees>(l: &mut Lower<'_, '_, C>, dst: u32, addr: u32, offset: u32, ty: Type, pattern: i64) {
    let flags = l.heap_flags();
    let size = ty.lane_bits() / 8;
    let p = l.simd_address(addr, offset, size);
    let b = l.builder();
    let x = match size {
        1 => b.ins().uload8(I64, flags, p, 0),
        2 => b.ins().uload16(I64, flags, p, 0),
        4 => b.ins().uload32(flags, p, 0),
        _ => b.ins().load(I64, flags, p, 0),
    };
    let h = if pattern == 1 { x } else { b.ins().imul_imm_s(x, pattern) };
    let lane = if size == 8 { x } else { b.ins().ireduce(ty.lane_type(), x) };
    let v = b.ins().splat(ty, lane);
    l.set_v128_halves(dst, h, h, v);
}

/// Where lane `lane` of `size` bytes lies: which half, and the bit shift inside it.
fn lane_position(lane: u8, size: u32) -> (u32, i64) {
    let byte = lane as u32 * size;
    (byte / 8, ((byte % 8) * 8) as i64)
}

/// The vector type whose lanes are `size` bytes.
fn lanes_of(size: u32) -> Type {
    match size {
        1 => I8X16,
        2 => I16X8,
        4 => I32X4,
        _ => I64X2,
    }
}

/// A lane load: into the vector when it is at hand (see `Lower::cached_v128`), else into the
/// half that holds the lane.
fn load_lane<C: Callees>(l: &mut Lower<'_, '_, C>, vec: u32, addr: u32, offset: u32, lane: u8, size: u32) {
    let flags = l.heap_flags();
    if l.cached_v128(vec).is_some() {
        let ty = lanes_of(size);
        let v = l.get_v128(ty, vec);
        let p = l.simd_address(addr, offset, size);
        let b = l.builder();
        let x = b.ins().load(ty.lane_type(), flags, p, 0);
        let v = b.ins().insertlane(v, x, lane);
        l.simd_set_vec(vec, v);
        return;
    }
    let (lo, hi) = l.simd_get(vec);
    let p = l.simd_address(addr, offset, size);
    let (half, shift) = lane_position(lane, size);
    let b = l.builder();
    let x = match size {
        1 => b.ins().uload8(I64, flags, p, 0),
        2 => b.ins().uload16(I64, flags, p, 0),
        4 => b.ins().uload32(flags, p, 0),
        _ => b.ins().load(I64, flags, p, 0),
    };
    let h = if half == 0 { lo } else { hi };
    let mask = if size == 8 { -1i64 } else { ((1i64 << (size * 8)) - 1) << shift };
    let kept = b.ins().band_imm_s(h, !mask);
    let x = if shift == 0 { x } else { b.ins().ishl_imm_u(x, shift) };
    let h = b.ins().bor(kept, x);
    if half == 0 { l.simd_set(vec, h, hi) } else { l.simd_set(vec, lo, h) }
}

fn store_lane<C: Callees>(l: &mut Lower<'_, '_, C>, vec: u32, addr: u32, offset: u32, lane: u8, size: u32) {
    let flags = l.heap_flags();
    if l.cached_v128(vec).is_some() {
        let v = l.get_v128(lanes_of(size), vec);
        let p = l.simd_address(addr, offset, size);
        let b = l.builder();
        let x = b.ins().extractlane(v, lane);
        b.ins().store(flags, x, p, 0);
        return;
    }
    let (lo, hi) = l.simd_get(vec);
    let p = l.simd_address(addr, offset, size);
    let (half, shift) = lane_position(lane, size);
    let b = l.builder();
    let h = if half == 0 { lo } else { hi };
    let x = if shift == 0 { h } else { b.ins().ushr_imm_u(h, shift) };
    match size {
        1 => b.ins().istore8(flags, x, p, 0),
        2 => b.ins().istore16(flags, x, p, 0),
        4 => b.ins().istore32(flags, x, p, 0),
        _ => b.ins().store(flags, x, p, 0),
    };
}

// ---- Lane arithmetic ----

/// Lowers pure SIMD op `op` (one `execute_simd` handles) with vector instructions; returns
/// false, emitting nothing, for an op the host cannot lower (the caller falls back).
pub(crate) fn lower_pure<C: Callees>(l: &mut Lower<'_, '_, C>, op: Op) -> bool {
    use IntCC::*;
    let support = l.simd_support();
    if !support.lanes {
        return false;
    }
    match op {
        // ---- Lanes ----
        Op::I8x16Shuffle { dst, a, lanes } => {
            // The lane indices are constants the translator writes just before (see
            // `translate/mod.rs`, `shuffle`); validation bounds them below 32.
            let (lo, hi) = l.simd_get(lanes);
            let (Some(lo), Some(hi)) = (l.iconst_of(lo), l.iconst_of(hi)) else { return false };
            if !support.shuffle {
                return false;
            }
            let mask = ((hi as u64 as u128) << 64 | lo as u64 as u128).to_le_bytes();
            let (x, y) = (l.get_v128(I8X16, a), l.get_v128(I8X16, a + 2));
            let b = l.builder();
            let mask = b.func.dfg.immediates.push(ConstantData::from(&mask[..]));
            let r = b.ins().shuffle(x, y, mask);
            l.set_v128(dst, r);
        }
        Op::I8x16Swizzle { dst, a, b } => {
            if !support.shuffle {
                return false;
            }
            // Indices of 16 and above select 0 in both.
            binary(l, I8X16, dst, a, b, |b, x, y| b.ins().swizzle(x, y))
        }
        Op::I8x16ExtractLaneS { dst, src, lane } => extract(l, I8X16, dst, src, lane, true),
        Op::I8x16ExtractLaneU { dst, src, lane } => extract(l, I8X16, dst, src, lane, false),
        Op::I16x8ExtractLaneS { dst, src, lane } => extract(l, I16X8, dst, src, lane, true),
        Op::I16x8ExtractLaneU { dst, src, lane } => extract(l, I16X8, dst, src, lane, false),
        Op::I32x4ExtractLane { dst, src, lane } => extract(l, I32X4, dst, src, lane, false),
        Op::I64x2ExtractLane { dst, src, lane } => extract(l, I64X2, dst, src, lane, false),
        Op::F32x4ExtractLane { dst, src, lane } => extract(l, F32X4, dst, src, lane, false),
        Op::F64x2ExtractLane { dst, src, lane } => extract(l, F64X2, dst, src, lane, false),
        Op::I8x16ReplaceLane { dst, a, b, lane } => replace(l, I8X16, dst, a, b, lane),
        Op::I16x8ReplaceLane { dst, a, b, lane } => replace(l, I16X8, dst, a, b, lane),
        Op::I32x4ReplaceLane { dst, a, b, lane } => replace(l, I32X4, dst, a, b, lane),
        Op::I64x2ReplaceLane { dst, a, b, lane } => replace(l, I64X2, dst, a, b, lane),
        Op::F32x4ReplaceLane { dst, a, b, lane } => replace(l, F32X4, dst, a, b, lane),
        Op::F64x2ReplaceLane { dst, a, b, lane } => replace(l, F64X2, dst, a, b, lane),
        Op::I8x16Splat { dst, src } => splat(l, I8X16, dst, src),
        Op::I16x8Splat { dst, src } => splat(l, I16X8, dst, src),
        Op::I32x4Splat { dst, src } => splat(l, I32X4, dst, src),
        Op::I64x2Splat { dst, src } => splat(l, I64X2, dst, src),
        Op::F32x4Splat { dst, src } => splat(l, F32X4, dst, src),
        Op::F64x2Splat { dst, src } => splat(l, F64X2, dst, src),

        // ---- Comparisons: all-ones or all-zeros lanes ----
        Op::I8x16Eq { dst, a, b } => icmp(l, I8X16, dst, a, b, Equal),
        Op::I8x16Ne { dst, a, b } => icmp(l, I8X16, dst, a, b, NotEqual),
        Op::I8x16LtS { dst, a, b } => icmp(l, I8X16, dst, a, b, SignedLessThan),
        Op::I8x16LtU { dst, a, b } => icmp(l, I8X16, dst, a, b, UnsignedLessThan),
        Op::I8x16GtS { dst, a, b } => icmp(l, I8X16, dst, a, b, SignedGreaterThan),
        Op::I8x16GtU { dst, a, b } => icmp(l, I8X16, dst, a, b, UnsignedGreaterThan),
        Op::I8x16LeS { dst, a, b } => icmp(l, I8X16, dst, a, b, SignedLessThanOrEqual),
        Op::I8x16LeU { dst, a, b } => icmp(l, I8X16, dst, a, b, UnsignedLessThanOrEqual),
        Op::I8x16GeS { dst, a, b } => icmp(l, I8X16, dst, a, b, SignedGreaterThanOrEqual),
        Op::I8x16GeU { dst, a, b } => icmp(l, I8X16, dst, a, b, UnsignedGreaterThanOrEqual),
        Op::I16x8Eq { dst, a, b } => icmp(l, I16X8, dst, a, b, Equal),
        Op::I16x8Ne { dst, a, b } => icmp(l, I16X8, dst, a, b, NotEqual),
        Op::I16x8LtS { dst, a, b } => icmp(l, I16X8, dst, a, b, SignedLessThan),
        Op::I16x8LtU { dst, a, b } => icmp(l, I16X8, dst, a, b, UnsignedLessThan),
        Op::I16x8GtS { dst, a, b } => icmp(l, I16X8, dst, a, b, SignedGreaterThan),
        Op::I16x8GtU { dst, a, b } => icmp(l, I16X8, dst, a, b, UnsignedGreaterThan),
        Op::I16x8LeS { dst, a, b } => icmp(l, I16X8, dst, a, b, SignedLessThanOrEqual),
        Op::I16x8LeU { dst, a, b } => icmp(l, I16X8, dst, a, b, UnsignedLessThanOrEqual),
        Op::I16x8GeS { dst, a, b } => icmp(l, I16X8, dst, a, b, SignedGreaterThanOrEqual),
        Op::I16x8GeU { dst, a, b } => icmp(l, I16X8, dst, a, b, UnsignedGreaterThanOrEqual),
        Op::I32x4Eq { dst, a, b } => icmp(l, I32X4, dst, a, b, Equal),
        Op::I32x4Ne { dst, a, b } => icmp(l, I32X4, dst, a, b, NotEqual),
        Op::I32x4LtS { dst, a, b } => icmp(l, I32X4, dst, a, b, SignedLessThan),
        Op::I32x4LtU { dst, a, b } => icmp(l, I32X4, dst, a, b, UnsignedLessThan),
        Op::I32x4GtS { dst, a, b } => icmp(l, I32X4, dst, a, b, SignedGreaterThan),
        Op::I32x4GtU { dst, a, b } => icmp(l, I32X4, dst, a, b, UnsignedGreaterThan),
        Op::I32x4LeS { dst, a, b } => icmp(l, I32X4, dst, a, b, SignedLessThanOrEqual),
        Op::I32x4LeU { dst, a, b } => icmp(l, I32X4, dst, a, b, UnsignedLessThanOrEqual),
        Op::I32x4GeS { dst, a, b } => icmp(l, I32X4, dst, a, b, SignedGreaterThanOrEqual),
        Op::I32x4GeU { dst, a, b } => icmp(l, I32X4, dst, a, b, UnsignedGreaterThanOrEqual),
        Op::I64x2Eq { dst, a, b } => icmp(l, I64X2, dst, a, b, Equal),
        Op::I64x2Ne { dst, a, b } => icmp(l, I64X2, dst, a, b, NotEqual),
        Op::I64x2LtS { dst, a, b } => icmp(l, I64X2, dst, a, b, SignedLessThan),
        Op::I64x2GtS { dst, a, b } => icmp(l, I64X2, dst, a, b, SignedGreaterThan),
        Op::I64x2LeS { dst, a, b } => icmp(l, I64X2, dst, a, b, SignedLessThanOrEqual),
        Op::I64x2GeS { dst, a, b } => icmp(l, I64X2, dst, a, b, SignedGreaterThanOrEqual),
        // `ne` holds for unordered lanes, like the scalar `ne`.
        Op::F32x4Eq { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::Equal),
        Op::F32x4Ne { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::NotEqual),
        Op::F32x4Lt { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::LessThan),
        Op::F32x4Gt { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::GreaterThan),
        Op::F32x4Le { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::LessThanOrEqual),
        Op::F32x4Ge { dst, a, b } => fcmp(l, F32X4, dst, a, b, FloatCC::GreaterThanOrEqual),
        Op::F64x2Eq { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::Equal),
        Op::F64x2Ne { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::NotEqual),
        Op::F64x2Lt { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::LessThan),
        Op::F64x2Gt { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::GreaterThan),
        Op::F64x2Le { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::LessThanOrEqual),
        Op::F64x2Ge { dst, a, b } => fcmp(l, F64X2, dst, a, b, FloatCC::GreaterThanOrEqual),

        // ---- Bitwise ----
        Op::V128Not { dst, src } => unary(l, I64X2, dst, src, |b, x| b.ins().bnot(x)),
        Op::V128And { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().band(x, y)),
        Op::V128AndNot { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().band_not(x, y)),
        Op::V128Or { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().bor(x, y)),
        Op::V128Xor { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().bxor(x, y)),
        Op::V128Bitselect { dst, args } => {
            // Wasm's operands are `v1 v2 c`; Cranelift's `bitselect` takes the mask first.
            let (x, y, c) = (l.get_v128(I8X16, args), l.get_v128(I8X16, args + 2), l.get_v128(I8X16, args + 4));
            let r = l.builder().ins().bitselect(c, x, y);
            l.set_v128(dst, r);
        }
        Op::V128AnyTrue { dst, src } => to_i32(l, I8X16, dst, src, |b, x| b.ins().vany_true(x)),
        Op::I8x16AllTrue { dst, src } => to_i32(l, I8X16, dst, src, |b, x| b.ins().vall_true(x)),
        Op::I16x8AllTrue { dst, src } => to_i32(l, I16X8, dst, src, |b, x| b.ins().vall_true(x)),
        Op::I32x4AllTrue { dst, src } => to_i32(l, I32X4, dst, src, |b, x| b.ins().vall_true(x)),
        Op::I64x2AllTrue { dst, src } => to_i32(l, I64X2, dst, src, |b, x| b.ins().vall_true(x)),
        Op::I8x16Bitmask { dst, src } => to_i32(l, I8X16, dst, src, |b, x| b.ins().vhigh_bits(I32, x)),
        Op::I16x8Bitmask { dst, src } => to_i32(l, I16X8, dst, src, |b, x| b.ins().vhigh_bits(I32, x)),
        Op::I32x4Bitmask { dst, src } => to_i32(l, I32X4, dst, src, |b, x| b.ins().vhigh_bits(I32, x)),
        Op::I64x2Bitmask { dst, src } => to_i32(l, I64X2, dst, src, |b, x| b.ins().vhigh_bits(I32, x)),

        // ---- Shifts: the count is taken modulo the lane width, as in Cranelift ----
        Op::I8x16Shl { dst, a, b } => shift(l, I8X16, dst, a, b, |b, x, n| b.ins().ishl(x, n)),
        Op::I8x16ShrS { dst, a, b } => shift(l, I8X16, dst, a, b, |b, x, n| b.ins().sshr(x, n)),
        Op::I8x16ShrU { dst, a, b } => shift(l, I8X16, dst, a, b, |b, x, n| b.ins().ushr(x, n)),
        Op::I16x8Shl { dst, a, b } => shift(l, I16X8, dst, a, b, |b, x, n| b.ins().ishl(x, n)),
        Op::I16x8ShrS { dst, a, b } => shift(l, I16X8, dst, a, b, |b, x, n| b.ins().sshr(x, n)),
        Op::I16x8ShrU { dst, a, b } => shift(l, I16X8, dst, a, b, |b, x, n| b.ins().ushr(x, n)),
        Op::I32x4Shl { dst, a, b } => shift(l, I32X4, dst, a, b, |b, x, n| b.ins().ishl(x, n)),
        Op::I32x4ShrS { dst, a, b } => shift(l, I32X4, dst, a, b, |b, x, n| b.ins().sshr(x, n)),
        Op::I32x4ShrU { dst, a, b } => shift(l, I32X4, dst, a, b, |b, x, n| b.ins().ushr(x, n)),
        Op::I64x2Shl { dst, a, b } => shift(l, I64X2, dst, a, b, |b, x, n| b.ins().ishl(x, n)),
        Op::I64x2ShrS { dst, a, b } => shift(l, I64X2, dst, a, b, |b, x, n| b.ins().sshr(x, n)),
        Op::I64x2ShrU { dst, a, b } => shift(l, I64X2, dst, a, b, |b, x, n| b.ins().ushr(x, n)),

        // ---- Integer arithmetic ----
        Op::I8x16Abs { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().iabs(x)),
        Op::I16x8Abs { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().iabs(x)),
        Op::I32x4Abs { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().iabs(x)),
        Op::I64x2Abs { dst, src } => unary(l, I64X2, dst, src, |b, x| b.ins().iabs(x)),
        Op::I8x16Neg { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().ineg(x)),
        Op::I16x8Neg { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().ineg(x)),
        Op::I32x4Neg { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().ineg(x)),
        Op::I64x2Neg { dst, src } => unary(l, I64X2, dst, src, |b, x| b.ins().ineg(x)),
        Op::I8x16Popcnt { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().popcnt(x)),
        Op::I8x16Add { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
        Op::I16x8Add { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
        Op::I32x4Add { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
        Op::I64x2Add { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().iadd(x, y)),
        Op::I8x16Sub { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().isub(x, y)),
        Op::I16x8Sub { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().isub(x, y)),
        Op::I32x4Sub { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().isub(x, y)),
        Op::I64x2Sub { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().isub(x, y)),
        Op::I16x8Mul { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().imul(x, y)),
        Op::I32x4Mul { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().imul(x, y)),
        Op::I64x2Mul { dst, a, b } => binary(l, I64X2, dst, a, b, |b, x, y| b.ins().imul(x, y)),
        Op::I8x16AddSatS { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().sadd_sat(x, y)),
        Op::I8x16AddSatU { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().uadd_sat(x, y)),
        Op::I8x16SubSatS { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().ssub_sat(x, y)),
        Op::I8x16SubSatU { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().usub_sat(x, y)),
        Op::I16x8AddSatS { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().sadd_sat(x, y)),
        Op::I16x8AddSatU { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().uadd_sat(x, y)),
        Op::I16x8SubSatS { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().ssub_sat(x, y)),
        Op::I16x8SubSatU { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().usub_sat(x, y)),
        Op::I8x16MinS { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().smin(x, y)),
        Op::I8x16MinU { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().umin(x, y)),
        Op::I8x16MaxS { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().smax(x, y)),
        Op::I8x16MaxU { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().umax(x, y)),
        Op::I16x8MinS { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().smin(x, y)),
        Op::I16x8MinU { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().umin(x, y)),
        Op::I16x8MaxS { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().smax(x, y)),
        Op::I16x8MaxU { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().umax(x, y)),
        Op::I32x4MinS { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().smin(x, y)),
        Op::I32x4MinU { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().umin(x, y)),
        Op::I32x4MaxS { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().smax(x, y)),
        Op::I32x4MaxU { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().umax(x, y)),
        Op::I8x16AvgrU { dst, a, b } => binary(l, I8X16, dst, a, b, |b, x, y| b.ins().avg_round(x, y)),
        Op::I16x8AvgrU { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().avg_round(x, y)),
        // Saturates `(x * y + 0x4000) >> 15`, the one overflow being -32768 * -32768.
        Op::I16x8Q15MulrSatS { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().sqmul_round_sat(x, y)),
        Op::I32x4DotI16x8S { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| {
            let (xl, yl) = (b.ins().swiden_low(x), b.ins().swiden_low(y));
            let low = b.ins().imul(xl, yl);
            let (xh, yh) = (b.ins().swiden_high(x), b.ins().swiden_high(y));
            let high = b.ins().imul(xh, yh);
            b.ins().iadd_pairwise(low, high)
        }),

        // ---- Widening and narrowing ----
        Op::I8x16NarrowI16x8S { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().snarrow(x, y)),
        Op::I8x16NarrowI16x8U { dst, a, b } => binary(l, I16X8, dst, a, b, |b, x, y| b.ins().unarrow(x, y)),
        Op::I16x8NarrowI32x4S { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().snarrow(x, y)),
        Op::I16x8NarrowI32x4U { dst, a, b } => binary(l, I32X4, dst, a, b, |b, x, y| b.ins().unarrow(x, y)),
        Op::I16x8ExtendLowI8x16S { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().swiden_low(x)),
        Op::I16x8ExtendHighI8x16S { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().swiden_high(x)),
        Op::I16x8ExtendLowI8x16U { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().uwiden_low(x)),
        Op::I16x8ExtendHighI8x16U { dst, src } => unary(l, I8X16, dst, src, |b, x| b.ins().uwiden_high(x)),
        Op::I32x4ExtendLowI16x8S { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().swiden_low(x)),
        Op::I32x4ExtendHighI16x8S { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().swiden_high(x)),
        Op::I32x4ExtendLowI16x8U { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().uwiden_low(x)),
        Op::I32x4ExtendHighI16x8U { dst, src } => unary(l, I16X8, dst, src, |b, x| b.ins().uwiden_high(x)),
        Op::I64x2ExtendLowI32x4S { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().swiden_low(x)),
        Op::I64x2ExtendHighI32x4S { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().swiden_high(x)),
        Op::I64x2ExtendLowI32x4U { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().uwiden_low(x)),
        Op::I64x2ExtendHighI32x4U { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().uwiden_high(x)),
        Op::I16x8ExtAddPairwiseI8x16S { dst, src } => extadd(l, I8X16, dst, src, true),
        Op::I16x8ExtAddPairwiseI8x16U { dst, src } => extadd(l, I8X16, dst, src, false),
        Op::I32x4ExtAddPairwiseI16x8S { dst, src } => extadd(l, I16X8, dst, src, true),
        Op::I32x4ExtAddPairwiseI16x8U { dst, src } => extadd(l, I16X8, dst, src, false),
        Op::I16x8ExtMulLowI8x16S { dst, a, b } => extmul(l, I8X16, dst, a, b, true, false),
        Op::I16x8ExtMulHighI8x16S { dst, a, b } => extmul(l, I8X16, dst, a, b, true, true),
        Op::I16x8ExtMulLowI8x16U { dst, a, b } => extmul(l, I8X16, dst, a, b, false, false),
        Op::I16x8ExtMulHighI8x16U { dst, a, b } => extmul(l, I8X16, dst, a, b, false, true),
        Op::I32x4ExtMulLowI16x8S { dst, a, b } => extmul(l, I16X8, dst, a, b, true, false),
        Op::I32x4ExtMulHighI16x8S { dst, a, b } => extmul(l, I16X8, dst, a, b, true, true),
        Op::I32x4ExtMulLowI16x8U { dst, a, b } => extmul(l, I16X8, dst, a, b, false, false),
        Op::I32x4ExtMulHighI16x8U { dst, a, b } => extmul(l, I16X8, dst, a, b, false, true),
        Op::I64x2ExtMulLowI32x4S { dst, a, b } => extmul(l, I32X4, dst, a, b, true, false),
        Op::I64x2ExtMulHighI32x4S { dst, a, b } => extmul(l, I32X4, dst, a, b, true, true),
        Op::I64x2ExtMulLowI32x4U { dst, a, b } => extmul(l, I32X4, dst, a, b, false, false),
        Op::I64x2ExtMulHighI32x4U { dst, a, b } => extmul(l, I32X4, dst, a, b, false, true),

        // ---- Floats ----
        Op::F32x4Ceil { .. }
        | Op::F32x4Floor { .. }
        | Op::F32x4Trunc { .. }
        | Op::F32x4Nearest { .. }
        | Op::F64x2Ceil { .. }
        | Op::F64x2Floor { .. }
        | Op::F64x2Trunc { .. }
        | Op::F64x2Nearest { .. }
        | Op::I32x4TruncSatF64x2UZero { .. }
            if !support.round =>
        {
            return false;
        }
        // A NaN lane comes out quieted with its payload, as from the interpreter's scalar rules.
        Op::F32x4Ceil { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().ceil(x)),
        Op::F32x4Floor { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().floor(x)),
        Op::F32x4Trunc { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().trunc(x)),
        Op::F32x4Nearest { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().nearest(x)),
        Op::F32x4Sqrt { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().sqrt(x)),
        Op::F64x2Ceil { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().ceil(x)),
        Op::F64x2Floor { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().floor(x)),
        Op::F64x2Trunc { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().trunc(x)),
        Op::F64x2Nearest { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().nearest(x)),
        Op::F64x2Sqrt { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().sqrt(x)),
        // Sign-bit operations that keep NaN payloads.
        Op::F32x4Abs { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().fabs(x)),
        Op::F32x4Neg { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().fneg(x)),
        Op::F64x2Abs { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().fabs(x)),
        Op::F64x2Neg { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().fneg(x)),
        Op::F32x4Add { dst, a, b } => binary(l, F32X4, dst, a, b, |b, x, y| b.ins().fadd(x, y)),
        Op::F32x4Sub { dst, a, b } => binary(l, F32X4, dst, a, b, |b, x, y| b.ins().fsub(x, y)),
        Op::F32x4Mul { dst, a, b } => binary(l, F32X4, dst, a, b, |b, x, y| b.ins().fmul(x, y)),
        Op::F32x4Div { dst, a, b } => binary(l, F32X4, dst, a, b, |b, x, y| b.ins().fdiv(x, y)),
        Op::F64x2Add { dst, a, b } => binary(l, F64X2, dst, a, b, |b, x, y| b.ins().fadd(x, y)),
        Op::F64x2Sub { dst, a, b } => binary(l, F64X2, dst, a, b, |b, x, y| b.ins().fsub(x, y)),
        Op::F64x2Mul { dst, a, b } => binary(l, F64X2, dst, a, b, |b, x, y| b.ins().fmul(x, y)),
        Op::F64x2Div { dst, a, b } => binary(l, F64X2, dst, a, b, |b, x, y| b.ins().fdiv(x, y)),
        Op::F32x4Min { dst, a, b } => fminmax(l, F32X4, dst, a, b, false),
        Op::F32x4Max { dst, a, b } => fminmax(l, F32X4, dst, a, b, true),
        Op::F64x2Min { dst, a, b } => fminmax(l, F64X2, dst, a, b, false),
        Op::F64x2Max { dst, a, b } => fminmax(l, F64X2, dst, a, b, true),
        Op::F32x4PMin { dst, a, b } => pminmax(l, F32X4, dst, a, b, false),
        Op::F32x4PMax { dst, a, b } => pminmax(l, F32X4, dst, a, b, true),
        Op::F64x2PMin { dst, a, b } => pminmax(l, F64X2, dst, a, b, false),
        Op::F64x2PMax { dst, a, b } => pminmax(l, F64X2, dst, a, b, true),

        // ---- Conversions: Cranelift's saturate like Wasm's (NaN to 0) ----
        Op::I32x4TruncSatF32x4S { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().fcvt_to_sint_sat(I32X4, x)),
        Op::I32x4TruncSatF32x4U { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().fcvt_to_uint_sat(I32X4, x)),
        Op::I32x4TruncSatF64x2SZero { dst, src } => unary(l, F64X2, dst, src, |b, x| {
            let wide = b.ins().fcvt_to_sint_sat(I64X2, x);
            let zero = zeros(b);
            b.ins().snarrow(wide, zero)
        }),
        Op::I32x4TruncSatF64x2UZero { dst, src } => unary(l, F64X2, dst, src, |b, x| {
            let wide = b.ins().fcvt_to_uint_sat(I64X2, x);
            let zero = zeros(b);
            b.ins().uunarrow(wide, zero)
        }),
        Op::F32x4ConvertI32x4S { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().fcvt_from_sint(F32X4, x)),
        Op::F32x4ConvertI32x4U { dst, src } => unary(l, I32X4, dst, src, |b, x| b.ins().fcvt_from_uint(F32X4, x)),
        Op::F64x2ConvertLowI32x4S { dst, src } => unary(l, I32X4, dst, src, |b, x| {
            let wide = b.ins().swiden_low(x);
            b.ins().fcvt_from_sint(F64X2, wide)
        }),
        Op::F64x2ConvertLowI32x4U { dst, src } => unary(l, I32X4, dst, src, |b, x| {
            let wide = b.ins().uwiden_low(x);
            b.ins().fcvt_from_uint(F64X2, wide)
        }),
        Op::F32x4DemoteF64x2Zero { dst, src } => unary(l, F64X2, dst, src, |b, x| b.ins().fvdemote(x)),
        Op::F64x2PromoteLowF32x4 { dst, src } => unary(l, F32X4, dst, src, |b, x| b.ins().fvpromote_low(x)),

        // ---- Relaxed SIMD: the deterministic profile's choices, as in `semantics::simd` ----
        Op::F32x4RelaxedMadd { dst, args } => madd(l, F32X4, dst, args, false),
        Op::F32x4RelaxedNmadd { dst, args } => madd(l, F32X4, dst, args, true),
        Op::F64x2RelaxedMadd { dst, args } => madd(l, F64X2, dst, args, false),
        Op::F64x2RelaxedNmadd { dst, args } => madd(l, F64X2, dst, args, true),
        Op::I16x8RelaxedDotI8x16I7x16S { dst, a, b } => binary(l, I8X16, dst, a, b, dot_i8x16),
        Op::I32x4RelaxedDotI8x16I7x16AddS { dst, args } => {
            let (x, y, c) = (l.get_v128(I8X16, args), l.get_v128(I8X16, args + 2), l.get_v128(I32X4, args + 4));
            let b = l.builder();
            let dot = dot_i8x16(b, x, y);
            let (lo, hi) = (b.ins().swiden_low(dot), b.ins().swiden_high(dot));
            let sum = b.ins().iadd_pairwise(lo, hi);
            let r = b.ins().iadd(sum, c);
            l.set_v128(dst, r);
        }
        _ => return false,
    }
    true
}

type Vbuild<'x, 'y> = &'x mut Build<'y>;

fn unary<C: Callees>(
    l: &mut Lower<'_, '_, C>,
    ty: Type,
    dst: u32,
    src: u32,
    f: impl FnOnce(Vbuild<'_, '_>, Value) -> Value,
) {
    let x = l.get_v128(ty, src);
    let r = f(l.builder(), x);
    l.set_v128(dst, r);
}

fn binary<C: Callees>(
    l: &mut Lower<'_, '_, C>,
    ty: Type,
    dst: u32,
    a: u32,
    b: u32,
    f: impl FnOnce(Vbuild<'_, '_>, Value, Value) -> Value,
) {
    let x = l.get_v128(ty, a);
    let y = l.get_v128(ty, b);
    let r = f(l.builder(), x, y);
    l.set_v128(dst, r);
}

fn icmp<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, cc: IntCC) {
    binary(l, ty, dst, a, b, |b, x, y| b.ins().icmp(cc, x, y))
}

fn fcmp<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, cc: FloatCC) {
    binary(l, ty, dst, a, b, |b, x, y| b.ins().fcmp(cc, x, y))
}

/// A lane shift by the `i32` in slot `b`.
fn shift<C: Callees>(
    l: &mut Lower<'_, '_, C>,
    ty: Type,
    dst: u32,
    a: u32,
    b: u32,
    f: impl FnOnce(Vbuild<'_, '_>, Value, Value) -> Value,
) {
    let x = l.get_v128(ty, a);
    let n = l.get_ty(Ty::I32, b);
    let r = f(l.builder(), x, n);
    l.set_v128(dst, r);
}

/// An op from a vector to an `i32` (or an `i8` truth value, extended).
fn to_i32<C: Callees>(
    l: &mut Lower<'_, '_, C>,
    ty: Type,
    dst: u32,
    src: u32,
    f: impl FnOnce(Vbuild<'_, '_>, Value) -> Value,
) {
    let x = l.get_v128(ty, src);
    let b = l.builder();
    let r = f(b, x);
    let r = if b.func.dfg.value_type(r) == I32 { r } else { b.ins().uextend(I32, r) };
    l.set_ty(Ty::I32, dst, r);
}

fn zeros(b: Vbuild<'_, '_>) -> Value {
    let c = b.func.dfg.constants.insert(vec![0u8; 16].into());
    b.ins().vconst(I64X2, c)
}

/// The slot-form type of one lane of `ty`, and the scalar type of a lane as an op sees it.
fn lane_ty(ty: Type) -> Ty {
    match ty.lane_type() {
        I64 => Ty::I64,
        F32 => Ty::F32,
        F64 => Ty::F64,
        _ => Ty::I32,
    }
}

fn splat<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, src: u32) {
    let x = l.get_ty(lane_ty(ty), src);
    let b = l.builder();
    let x = if ty.lane_bits() < 32 { b.ins().ireduce(ty.lane_type(), x) } else { x };
    let v = b.ins().splat(ty, x);
    l.set_v128(dst, v);
}

/// `extract_lane`: from the vector when it is at hand, else by shifting the half.
fn extract<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, src: u32, lane: u8, signed: bool) {
    let lt = ty.lane_type();
    let (x, as_ty) = if l.cached_v128(src).is_some() {
        let v = l.get_v128(ty, src);
        (l.builder().ins().extractlane(v, lane), lane_ty(ty))
    } else {
        let bit = lane as u32 * lt.bits();
        let h = l.get_ty(Ty::I64, src + bit / 64);
        let b = l.builder();
        let shift = (bit % 64) as i64;
        let x = if shift == 0 { h } else { b.ins().ushr_imm_u(h, shift) };
        match lt.bits() {
            64 => (x, Ty::I64),
            32 => (b.ins().ireduce(I32, x), Ty::I32),
            _ => (b.ins().ireduce(lt, x), Ty::I32),
        }
    };
    let b = l.builder();
    let x = match lt {
        I8 | I16 if signed => b.ins().sextend(I32, x),
        I8 | I16 => b.ins().uextend(I32, x),
        _ => x,
    };
    l.set_ty(as_ty, dst, x);
}

/// `replace_lane`: in the vector when it is at hand, else in the half with a mask.
fn replace<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, lane: u8) {
    let lt = ty.lane_type();
    if l.cached_v128(a).is_some() {
        let v = l.get_v128(ty, a);
        let x = l.get_ty(lane_ty(ty), b);
        let bld = l.builder();
        let x = if lt.bits() < 32 { bld.ins().ireduce(lt, x) } else { x };
        let r = bld.ins().insertlane(v, x, lane);
        l.set_v128(dst, r);
        return;
    }
    let (lo, hi) = l.simd_get(a);
    // The slot form of an `i32` or `f32` is zero-extended; narrower lanes need the mask.
    let x = l.get_ty(Ty::I64, b);
    let bits = lt.bits();
    let bit = lane as u32 * bits;
    let shift = (bit % 64) as i64;
    let bld = l.builder();
    let h = if bit < 64 { lo } else { hi };
    let h = if bits == 64 {
        x
    } else {
        let ones = (1i64 << bits) - 1;
        let kept = bld.ins().band_imm_s(h, !(ones << shift));
        let x = if bits < 32 { bld.ins().band_imm_s(x, ones) } else { x };
        let x = if shift == 0 { x } else { bld.ins().ishl_imm_u(x, shift) };
        bld.ins().bor(kept, x)
    };
    if bit < 64 { l.simd_set(dst, h, hi) } else { l.simd_set(dst, lo, h) }
}

/// `extadd_pairwise`: both halves widened, then adjacent lanes added.
fn extadd<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, src: u32, signed: bool) {
    unary(l, ty, dst, src, |b, x| {
        let (lo, hi) = if signed {
            (b.ins().swiden_low(x), b.ins().swiden_high(x))
        } else {
            (b.ins().uwiden_low(x), b.ins().uwiden_high(x))
        };
        b.ins().iadd_pairwise(lo, hi)
    })
}

/// `extmul_{low,high}`: the chosen halves widened, then multiplied.
fn extmul<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, signed: bool, high: bool) {
    binary(l, ty, dst, a, b, |b, x, y| {
        let mut widen = |v| match (signed, high) {
            (true, false) => b.ins().swiden_low(v),
            (true, true) => b.ins().swiden_high(v),
            (false, false) => b.ins().uwiden_low(v),
            (false, true) => b.ins().uwiden_high(v),
        };
        let (x, y) = (widen(x), widen(y));
        b.ins().imul(x, y)
    })
}

/// `min`/`max`: Cranelift's `fmin`/`fmax` are Wasm's (NaN if either lane is, -0 below +0), but
/// their NaN is always the canonical one, with either sign. The interpreter's is `x + y`, an
/// input's payload quieted (an arithmetic NaN, also allowed); NaN lanes take that too, so
/// both engines agree on every bit.
fn fminmax<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, max: bool) {
    binary(l, ty, dst, a, b, |b, x, y| {
        let r = if max { b.ins().fmax(x, y) } else { b.ins().fmin(x, y) };
        let nan = b.ins().fcmp(FloatCC::Unordered, x, y);
        let nan = b.ins().bitcast(ty, vector_flags(), nan);
        let sum = b.ins().fadd(x, y);
        b.ins().bitselect(nan, sum, r)
    })
}

/// `pmin` is `y < x ? y : x`, `pmax` is `x < y ? y : x`: one operand's exact bits, as wasmtime
/// lowers them (a compare and a select, never a `min` instruction).
fn pminmax<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, a: u32, b: u32, max: bool) {
    binary(l, ty, dst, a, b, |b, x, y| {
        let lt = if max { b.ins().fcmp(FloatCC::LessThan, x, y) } else { b.ins().fcmp(FloatCC::LessThan, y, x) };
        let lt = b.ins().bitcast(ty, vector_flags(), lt);
        b.ins().bitselect(lt, y, x)
    })
}

/// `relaxed_madd` unfused: `fmul` then `fadd` (`nmadd` negates `a` first), never `fma`, so no
/// CPU feature changes the result; NaN lanes become the canonical NaN, as in the interpreter.
fn madd<C: Callees>(l: &mut Lower<'_, '_, C>, ty: Type, dst: u32, args: u32, negate: bool) {
    let (x, y, z) = (l.get_v128(ty, args), l.get_v128(ty, args + 2), l.get_v128(ty, args + 4));
    let b = l.builder();
    let x = if negate { b.ins().fneg(x) } else { x };
    let product = b.ins().fmul(x, y);
    let r = b.ins().fadd(product, z);
    let nan = b.ins().fcmp(FloatCC::Unordered, r, r);
    let nan = b.ins().bitcast(ty, vector_flags(), nan);
    let canonical: Vec<u8> = if ty == F32X4 {
        [0x7fc0_0000u32; 4].iter().flat_map(|x| x.to_le_bytes()).collect()
    } else {
        [0x7ff8_0000_0000_0000u64; 2].iter().flat_map(|x| x.to_le_bytes()).collect()
    };
    let canonical = b.func.dfg.constants.insert(canonical.into());
    let canonical = b.ins().vconst(ty, canonical);
    let r = b.ins().bitselect(nan, canonical, r);
    l.set_v128(dst, r);
}

/// `i16x8.relaxed_dot_i8x16_i7x16_s` of two `i8x16` vectors: signed products, pair sums
/// saturated. Each product fits in 16 bits; the wrapping pairwise sum overflows only for
/// 16384 + 16384, to -32768, which no true sum reaches (the least is -32512), so those lanes
/// are the ones to saturate to 32767.
fn dot_i8x16(b: Vbuild<'_, '_>, x: Value, y: Value) -> Value {
    let (xl, xh) = (b.ins().swiden_low(x), b.ins().swiden_high(x));
    let (yl, yh) = (b.ins().swiden_low(y), b.ins().swiden_high(y));
    let (lo, hi) = (b.ins().imul(xl, yl), b.ins().imul(xh, yh));
    let sum = b.ins().iadd_pairwise(lo, hi);
    let min = b.func.dfg.constants.insert([0x00u8, 0x80].repeat(8).into());
    let min = b.ins().vconst(I16X8, min);
    let over = b.ins().icmp(IntCC::Equal, sum, min);
    b.ins().iadd(sum, over)
}

fn vector_flags() -> cranelift_codegen::ir::MemFlagsData {
    cranelift_codegen::ir::MemFlagsData::new().with_endianness(cranelift_codegen::ir::Endianness::Little)
}
