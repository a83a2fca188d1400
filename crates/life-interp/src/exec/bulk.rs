//! Bulk table and memory operations, kept out of the dispatch loop: they are large and rare,
//! and inlined they would cost the loop registers.

use crate::Store;
use life_decode::TrapCode;

/// Wasm `table.fill`.
#[inline(never)]
pub fn table_fill(
    store: &mut Store,
    instance: u32,
    table: u32,
    i: usize,
    value: u64,
    n: usize,
) -> Result<(), TrapCode> {
    let t = store.instances[instance as usize].tables[table as usize];
    let dst = store.tables[t as usize].elements.get_mut(i..i + n).ok_or(TrapCode::TableOutOfBounds)?;
    dst.fill(value);
    Ok(())
}

/// Wasm `table.copy`, checking both ranges before writing.
#[inline(never)]
pub fn table_copy(
    store: &mut Store,
    instance: u32,
    dst_table: u32,
    src_table: u32,
    d: usize,
    s: usize,
    n: usize,
) -> Result<(), TrapCode> {
    let inst = &store.instances[instance as usize];
    let (dt, st) = (inst.tables[dst_table as usize] as usize, inst.tables[src_table as usize] as usize);
    if s + n > store.tables[st].elements.len() || d + n > store.tables[dt].elements.len() {
        return Err(TrapCode::TableOutOfBounds);
    }
    if dt == st {
        store.tables[dt].elements.copy_within(s..s + n, d);
    } else {
        let src: Vec<u64> = store.tables[st].elements[s..s + n].to_vec();
        store.tables[dt].elements[d..d + n].copy_from_slice(&src);
    }
    Ok(())
}

/// Wasm `table.init` from element segment `elem` (empty once dropped).
#[inline(never)]
pub fn table_init(
    store: &mut Store,
    instance: u32,
    table: u32,
    elem: u32,
    d: usize,
    s: usize,
    n: usize,
) -> Result<(), TrapCode> {
    let inst = &store.instances[instance as usize];
    let t = inst.tables[table as usize] as usize;
    let seg = &inst.elems[elem as usize];
    let (Some(src), true) = (seg.get(s..s + n), d + n <= store.tables[t].elements.len()) else {
        return Err(TrapCode::TableOutOfBounds);
    };
    let src = src.to_vec();
    store.tables[t].elements[d..d + n].copy_from_slice(&src);
    Ok(())
}

/// Wasm `memory.init` from data segment `data` (empty once dropped) into memory `mem`.
#[inline(never)]
pub fn memory_init(
    store: &mut Store,
    instance: u32,
    mem: u32,
    data: u32,
    d: usize,
    s: usize,
    n: usize,
) -> Result<(), TrapCode> {
    let inst = &store.instances[instance as usize];
    let bytes: &[u8] =
        if inst.dropped_datas[data as usize] { &[] } else { &inst.module.decoded.datas[data as usize].bytes };
    let mem = inst.memories[mem as usize] as usize;
    let src = bytes.get(s..s + n).ok_or(TrapCode::MemoryOutOfBounds)?;
    let dst = store.memories[mem].data.get_mut(d..d + n).ok_or(TrapCode::MemoryOutOfBounds)?;
    dst.copy_from_slice(src);
    Ok(())
}

/// Wasm `memory.grow` of memory `mem`: the old size in pages, or -1.
#[inline(never)]
pub fn memory_grow(store: &mut Store, instance: u32, mem: u32, delta: u32) -> i32 {
    let m = store.instances[instance as usize].memories[mem as usize];
    store.memories[m as usize].grow(delta as u64) as i32
}

/// Wasm `memory.fill` of memory `mem` (the interpreter's and Polymerase's path for memories
/// other than memory 0).
#[inline(never)]
pub fn memory_fill(store: &mut Store, instance: u32, mem: u32, d: usize, val: u8, n: usize) -> Result<(), TrapCode> {
    let m = store.instances[instance as usize].memories[mem as usize];
    let dst = store.memories[m as usize].data.get_mut(d..d + n).ok_or(TrapCode::MemoryOutOfBounds)?;
    dst.fill(val);
    Ok(())
}

/// Wasm `memory.copy` from memory `src_mem` to memory `dst_mem`, checking both ranges before
/// writing (the two indices may name one memory, even two imports of one memory).
#[inline(never)]
pub fn memory_copy(
    store: &mut Store,
    instance: u32,
    dst_mem: u32,
    src_mem: u32,
    d: usize,
    s: usize,
    n: usize,
) -> Result<(), TrapCode> {
    let inst = &store.instances[instance as usize];
    let (dm, sm) = (inst.memories[dst_mem as usize] as usize, inst.memories[src_mem as usize] as usize);
    if s + n > store.memories[sm].data.len() || d + n > store.memories[dm].data.len() {
        return Err(TrapCode::MemoryOutOfBounds);
    }
    if dm == sm {
        store.memories[dm].data.copy_within(s..s + n, d);
    } else {
        let (src, dst) = if sm < dm {
            let (low, high) = store.memories.split_at_mut(dm);
            (&low[sm], &mut high[0])
        } else {
            let (low, high) = store.memories.split_at_mut(sm);
            (&high[0], &mut low[dm])
        };
        dst.data[d..d + n].copy_from_slice(&src.data[s..s + n]);
    }
    Ok(())
}
