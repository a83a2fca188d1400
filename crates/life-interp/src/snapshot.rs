//! Snapshots: a store's state (memories, globals, tables, segments, gas) and paused calls as
//! bytes, to restore in a fresh store of the same module, possibly in another process.
//!
//! The format is little-endian and versioned (`LIFESNAP` + version). Restoring checks every
//! count and index against the store it is restored into, so a corrupt or hostile snapshot is
//! an error, never undefined behaviour. Entity addresses are not translated: the target store
//! must be built the same way (same module, same imports in the same order), which is what
//! [`Vm::restore`](crate::Vm::restore) does.

use crate::{Error, Store};
use life_decode::{FuncType, ValType};

const MAGIC: &[u8; 8] = b"LIFESNAP";
const VERSION: u32 = 1;

/// Appends little-endian values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u128(&mut self, v: u128) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn bytes(&mut self, b: &[u8]) {
        self.u64(b.len() as u64);
        self.0.extend_from_slice(b);
    }
    pub fn u64s(&mut self, v: &[u64]) {
        self.u64(v.len() as u64);
        for &x in v {
            self.u64(x);
        }
    }
    pub fn func_type(&mut self, ty: &FuncType) {
        for list in [ty.params(), ty.results()] {
            self.u32(list.len() as u32);
            for &t in list {
                self.u8(val_type_code(t));
            }
        }
    }
}

/// Reads what [`Writer`] wrote; every read is bounds-checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

#[cold]
pub(crate) fn bad(what: &str) -> Error {
    Error::Snapshot(what.to_string())
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if n > self.bytes.len() {
            return Err(bad("truncated"));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }
    pub fn u8(&mut self) -> Result<u8, Error> {
        Ok(self.take(1)?[0])
    }
    pub fn u32(&mut self) -> Result<u32, Error> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("4 bytes")))
    }
    pub fn u64(&mut self) -> Result<u64, Error> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().expect("8 bytes")))
    }
    pub fn u128(&mut self) -> Result<u128, Error> {
        Ok(u128::from_le_bytes(self.take(16)?.try_into().expect("16 bytes")))
    }
    pub fn len(&mut self, max: usize) -> Result<usize, Error> {
        let n = self.u64()?;
        usize::try_from(n).ok().filter(|&n| n <= max).ok_or_else(|| bad("a length is out of range"))
    }
    pub fn bytes(&mut self) -> Result<&'a [u8], Error> {
        let n = self.len(self.bytes.len())?;
        self.take(n)
    }
    pub fn u64s(&mut self) -> Result<Vec<u64>, Error> {
        let n = self.len(self.bytes.len() / 8)?;
        (0..n).map(|_| self.u64()).collect()
    }
    pub fn func_type(&mut self) -> Result<FuncType, Error> {
        let mut lists = [Vec::new(), Vec::new()];
        for list in &mut lists {
            let n = self.u32()? as usize;
            if n > self.bytes.len() {
                return Err(bad("a signature is too long"));
            }
            for _ in 0..n {
                list.push(val_type_from(self.u8()?)?);
            }
        }
        let [params, results] = lists;
        Ok(FuncType::new(params, results))
    }
    pub fn finish(&self) -> Result<(), Error> {
        if self.bytes.is_empty() { Ok(()) } else { Err(bad("trailing bytes")) }
    }
}

fn val_type_code(t: ValType) -> u8 {
    match t {
        ValType::I32 => 0,
        ValType::I64 => 1,
        ValType::F32 => 2,
        ValType::F64 => 3,
        ValType::V128 => 4,
        ValType::FuncRef => 5,
        ValType::ExternRef => 6,
    }
}

fn val_type_from(c: u8) -> Result<ValType, Error> {
    Ok(match c {
        0 => ValType::I32,
        1 => ValType::I64,
        2 => ValType::F32,
        3 => ValType::F64,
        4 => ValType::V128,
        5 => ValType::FuncRef,
        6 => ValType::ExternRef,
        _ => return Err(bad("unknown value type")),
    })
}

pub(crate) fn header(w: &mut Writer, kind: u8) {
    w.0.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.u8(kind);
}

pub(crate) fn check_header(r: &mut Reader<'_>, kind: u8) -> Result<(), Error> {
    if r.take(8)? != MAGIC {
        return Err(bad("not a Life snapshot"));
    }
    if r.u32()? != VERSION {
        return Err(bad("unsupported version"));
    }
    if r.u8()? != kind {
        return Err(bad("wrong kind of snapshot"));
    }
    Ok(())
}

/// Snapshot kinds.
pub(crate) const STORE: u8 = 1;
pub(crate) const PAUSED_CALL: u8 = 2;

impl Store {
    /// Writes the store's mutable state to bytes: every memory, global and table, the dropped
    /// segments of every instance, and the gas counters. Functions and modules are not included:
    /// restore into a store built the same way.
    pub fn snapshot(&self) -> Vec<u8> {
        let mut w = Writer::default();
        header(&mut w, STORE);
        w.u64(self.memories.len() as u64);
        for m in &self.memories {
            w.bytes(&m.data);
        }
        w.u64(self.globals.len() as u64);
        for g in &self.globals {
            w.u128(g.value);
        }
        w.u64(self.tables.len() as u64);
        for t in &self.tables {
            w.u64s(&t.elements);
        }
        w.u64(self.instances.len() as u64);
        for i in &self.instances {
            w.u64(i.elems.len() as u64);
            for e in &i.elems {
                w.u64s(e);
            }
            w.u64(i.dropped_datas.len() as u64);
            for &d in &i.dropped_datas {
                w.u8(d as u8);
            }
        }
        w.u64(self.gas_left);
        w.u64(self.gas_given);
        w.0
    }

    /// Restores state written by [`Store::snapshot`] into this store, which must hold the same
    /// entities (the same modules instantiated the same way).
    ///
    /// # Errors
    ///
    /// [`Error::Snapshot`] if the snapshot is corrupt or does not fit this store; the store is
    /// unchanged then. [`Error::MemoryAllocation`] if a memory cannot grow to its size in the snapshot;
    /// the store is then partly restored.
    pub fn restore(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let mut r = Reader::new(bytes);
        check_header(&mut r, STORE)?;
        let count = |r: &mut Reader<'_>, have: usize, what: &str| -> Result<(), Error> {
            if r.len(usize::MAX)? != have { Err(bad(&format!("{what} count differs"))) } else { Ok(()) }
        };
        count(&mut r, self.memories.len(), "memory")?;
        let mut memories = Vec::with_capacity(self.memories.len());
        for m in &self.memories {
            let data = r.bytes()?;
            let pages = (data.len() / crate::PAGE_SIZE) as u64;
            if data.len() % crate::PAGE_SIZE != 0 || pages > m.max_pages {
                return Err(bad("a memory has an impossible size"));
            }
            memories.push(data);
        }
        count(&mut r, self.globals.len(), "global")?;
        let globals = (0..self.globals.len()).map(|_| r.u128()).collect::<Result<Vec<_>, _>>()?;
        // A reference must name a function of this store: engines index with it unchecked.
        let nfuncs = self.funcs.len() as u128;
        if self.globals.iter().zip(&globals).any(|(g, &v)| g.ty.content == ValType::FuncRef && v > nfuncs) {
            return Err(bad("a global holds a reference to a function the store does not have"));
        }
        count(&mut r, self.tables.len(), "table")?;
        let mut tables = Vec::with_capacity(self.tables.len());
        for t in &self.tables {
            let elements = r.u64s()?;
            if elements.len() as u64 > t.max
                || elements
                    .iter()
                    .any(|&e| e > self.funcs.len() as u64 && t.ty.element == life_decode::RefType::FuncRef)
            {
                return Err(bad("a table has an impossible size or element"));
            }
            tables.push(elements);
        }
        count(&mut r, self.instances.len(), "instance")?;
        let mut segments = Vec::with_capacity(self.instances.len());
        for i in &self.instances {
            count(&mut r, i.elems.len(), "element segment")?;
            let elems = (0..i.elems.len()).map(|_| r.u64s()).collect::<Result<Vec<_>, _>>()?;
            let decoded = &i.module.decoded;
            for (seg, elements) in decoded.elems.iter().zip(&elems) {
                if seg.ty == life_decode::RefType::FuncRef && elements.iter().any(|&e| e as u128 > nfuncs) {
                    return Err(bad("an element segment holds a reference to a function the store does not have"));
                }
            }
            count(&mut r, i.dropped_datas.len(), "data segment")?;
            let dropped = (0..i.dropped_datas.len()).map(|_| Ok(r.u8()? != 0)).collect::<Result<Vec<_>, Error>>()?;
            segments.push((elems, dropped));
        }
        let (gas_left, gas_given) = (r.u64()?, r.u64()?);
        r.finish()?;
        // Everything checked: apply.
        for (m, data) in self.memories.iter_mut().zip(memories) {
            if !m.data.resize(data.len()) {
                return Err(Error::MemoryAllocation("cannot resize linear memory to restore a snapshot".into()));
            }
            m.data.copy_from_slice(data);
            m.ty.limits.min = (data.len() / crate::PAGE_SIZE) as u64;
        }
        for (g, v) in self.globals.iter_mut().zip(globals) {
            g.value = v;
        }
        for (t, e) in self.tables.iter_mut().zip(tables) {
            t.ty.limits.min = e.len() as u64;
            t.elements = e;
        }
        for (i, (elems, dropped)) in self.instances.iter_mut().zip(segments) {
            i.elems = elems;
            i.dropped_datas = dropped;
        }
        self.gas_left = gas_left;
        self.gas_given = gas_given;
        Ok(())
    }
}
