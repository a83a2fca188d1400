//! SIMD memory access, lowered on the two 64-bit halves of a `v128` slot pair.
//!
//! The arithmetic SIMD ops run through the interpreter's own implementation
//! (`life_interp::native_support::execute_simd`, see `Lower::simd_fallback`), so both engines
//! share one definition of every lane operation; only the memory ops, which need the bounds
//! check and the native memory view, are lowered here.

use crate::lower::{Callees, Lower};
use cranelift_codegen::ir::{InstBuilder, types::*};
use life_decode::ir::Op;

/// Whether `op` is a SIMD load or store.
pub(crate) fn is_memory(op: &Op) -> bool {
    let name = op.name();
    name.starts_with("v128_load") || name.starts_with("v128_store")
}

/// Lowers a SIMD load or store.
pub(crate) fn lower_memory<C: Callees>(l: &mut Lower<'_, '_, C>, op: Op) {
    let flags = Lower::<C>::heap_flags();
    match op {
        Op::V128Load { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 16);
            let b = l.builder();
            let lo = b.ins().load(I64, flags, p, 0);
            let hi = b.ins().load(I64, flags, p, 8);
            l.simd_set(dst, lo, hi);
        }
        Op::V128Store { addr, value, offset } => {
            let p = l.simd_address(addr, offset, 16);
            let (lo, hi) = l.simd_get(value);
            let b = l.builder();
            b.ins().store(flags, lo, p, 0);
            b.ins().store(flags, hi, p, 8);
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
        Op::V128Load8Splat { dst, addr, offset } => splat(l, dst, addr, offset, 1, 0x0101_0101_0101_0101),
        Op::V128Load16Splat { dst, addr, offset } => splat(l, dst, addr, offset, 2, 0x0001_0001_0001_0001),
        Op::V128Load32Splat { dst, addr, offset } => splat(l, dst, addr, offset, 4, 0x0000_0001_0000_0001),
        Op::V128Load64Splat { dst, addr, offset } => splat(l, dst, addr, offset, 8, 1),
        Op::V128Load32Zero { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 4);
            let b = l.builder();
            let lo = b.ins().uload32(flags, p, 0);
            let hi = b.ins().iconst(I64, 0);
            l.simd_set(dst, lo, hi);
        }
        Op::V128Load64Zero { dst, addr, offset } => {
            let p = l.simd_address(addr, offset, 8);
            let b = l.builder();
            let lo = b.ins().load(I64, flags, p, 0);
            let hi = b.ins().iconst(I64, 0);
            l.simd_set(dst, lo, hi);
        }
        Op::V128Load8Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 1),
        Op::V128Load16Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 2),
        Op::V128Load32Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 4),
        Op::V128Load64Lane { vec, addr, offset, lane } => load_lane(l, vec, addr, offset, lane, 8),
        Op::V128Store8Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 1),
        Op::V128Store16Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 2),
        Op::V128Store32Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 4),
        Op::V128Store64Lane { addr, vec, offset, lane } => store_lane(l, vec, addr, offset, lane, 8),
        op => unreachable!("`{op}` is not a SIMD memory op"),
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

/// Loads `size` bytes and repeats them over both halves (a multiply by `pattern`).
fn splat<C: Callees>(l: &mut Lower<'_, '_, C>, dst: u32, addr: u32, offset: u32, size: u32, pattern: i64) {
    let flags = Lower::<C>::heap_flags();
    let p = l.simd_address(addr, offset, size);
    let b = l.builder();
    let x = match size {
        1 => b.ins().uload8(I64, flags, p, 0),
        2 => b.ins().uload16(I64, flags, p, 0),
        4 => b.ins().uload32(flags, p, 0),
        _ => b.ins().load(I64, flags, p, 0),
    };
    let v = if pattern == 1 { x } else { b.ins().imul_imm_s(x, pattern) };
    l.simd_set(dst, v, v);
}

/// Where lane `lane` of `size` bytes lies: which half, and the bit shift inside it.
fn lane_position(lane: u8, size: u32) -> (u32, i64) {
    let byte = lane as u32 * size;
    (byte / 8, ((byte % 8) * 8) as i64)
}

fn load_lane<C: Callees>(l: &mut Lower<'_, '_, C>, vec: u32, addr: u32, offset: u32, lane: u8, size: u32) {
    let flags = Lower::<C>::heap_flags();
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
    let flags = Lower::<C>::heap_flags();
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
