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

/// Wasm `memory.init` from data segment `data` (empty once dropped) into memory 0.
#[inline(never)]
pub fn memory_init(store: &mut Store, instance: u32, data: u32, d: usize, s: usize, n: usize) -> Result<(), TrapCode> {
    let inst = &store.instances[instance as usize];
    let bytes: &[u8] =
        if inst.dropped_datas[data as usize] { &[] } else { &inst.module.decoded.datas[data as usize].bytes };
    let mem = inst.memories[0] as usize;
    let src = bytes.get(s..s + n).ok_or(TrapCode::MemoryOutOfBounds)?;
    let dst = store.memories[mem].data.get_mut(d..d + n).ok_or(TrapCode::MemoryOutOfBounds)?;
    dst.copy_from_slice(src);
    Ok(())
}
