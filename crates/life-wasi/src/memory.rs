//! `GuestMemory`: bounds-checked access to the caller's linear memory.
//!
//! Every guest pointer goes through here, and a range outside memory is `EFAULT` for the
//! guest rather than a trap or a panic in the host.
//! Offsets are computed in `u64`, so `ptr + len` cannot overflow.

use crate::types::{Errno, WasiResult};

/// The caller's linear memory, or an empty slice when the module has none.
pub(crate) struct GuestMemory<'a> {
    bytes: &'a mut [u8],
}

impl<'a> GuestMemory<'a> {
    pub(crate) fn new(bytes: &'a mut [u8]) -> Self {
        GuestMemory { bytes }
    }

    fn range(&self, ptr: u32, len: u64) -> WasiResult<std::ops::Range<usize>> {
        let end = u64::from(ptr) + len;
        if end > self.bytes.len() as u64 {
            return Err(Errno::Fault);
        }
        Ok(ptr as usize..end as usize)
    }

    /// `len` bytes at `ptr`.
    pub(crate) fn slice(&self, ptr: u32, len: u32) -> WasiResult<&[u8]> {
        let r = self.range(ptr, u64::from(len))?;
        Ok(&self.bytes[r])
    }

    /// `len` writable bytes at `ptr`.
    pub(crate) fn slice_mut(&mut self, ptr: u32, len: u32) -> WasiResult<&mut [u8]> {
        let r = self.range(ptr, u64::from(len))?;
        Ok(&mut self.bytes[r])
    }

    /// Copies `data` to `ptr`.
    pub(crate) fn write(&mut self, ptr: u32, data: &[u8]) -> WasiResult {
        let r = self.range(ptr, data.len() as u64)?;
        self.bytes[r].copy_from_slice(data);
        Ok(())
    }

    fn array<const N: usize>(&self, ptr: u32) -> WasiResult<[u8; N]> {
        let r = self.range(ptr, N as u64)?;
        let mut out = [0; N];
        out.copy_from_slice(&self.bytes[r]);
        Ok(out)
    }

    pub(crate) fn read_u8(&self, ptr: u32) -> WasiResult<u8> {
        self.array::<1>(ptr).map(|b| b[0])
    }

    pub(crate) fn read_u16(&self, ptr: u32) -> WasiResult<u16> {
        self.array(ptr).map(u16::from_le_bytes)
    }

    pub(crate) fn read_u32(&self, ptr: u32) -> WasiResult<u32> {
        self.array(ptr).map(u32::from_le_bytes)
    }

    pub(crate) fn read_u64(&self, ptr: u32) -> WasiResult<u64> {
        self.array(ptr).map(u64::from_le_bytes)
    }

    pub(crate) fn write_u32(&mut self, ptr: u32, value: u32) -> WasiResult {
        self.write(ptr, &value.to_le_bytes())
    }

    pub(crate) fn write_u64(&mut self, ptr: u32, value: u64) -> WasiResult {
        self.write(ptr, &value.to_le_bytes())
    }

    /// The guest's string at `ptr`, which must be UTF-8 (`ILSEQ` otherwise).
    pub(crate) fn str(&self, ptr: u32, len: u32) -> WasiResult<&str> {
        std::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Errno::Ilseq)
    }

    /// The `(buf, len)` pairs of an `iovec` or `ciovec` array, each checked against memory.
    pub(crate) fn iovecs(&self, iovs: u32, count: u32) -> WasiResult<Vec<(u32, u32)>> {
        let table = self.slice(iovs, count.checked_mul(8).ok_or(Errno::Fault)?)?;
        table
            .chunks_exact(8)
            .map(|entry| {
                let buf = u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]);
                let len = u32::from_le_bytes([entry[4], entry[5], entry[6], entry[7]]);
                self.range(buf, u64::from(len)).map(|_| (buf, len))
            })
            .collect()
    }

    /// The bytes of a `ciovec` array, gathered into one buffer.
    pub(crate) fn gather(&self, iovs: u32, count: u32) -> WasiResult<Vec<u8>> {
        let mut out = Vec::new();
        for (buf, len) in self.iovecs(iovs, count)? {
            out.extend_from_slice(self.slice(buf, len)?);
        }
        Ok(out)
    }

    /// Spreads `data` over the buffers of an `iovec` array; returns how many bytes fit.
    pub(crate) fn scatter(&mut self, iovecs: &[(u32, u32)], mut data: &[u8]) -> WasiResult<usize> {
        let mut written = 0;
        for &(buf, len) in iovecs {
            if data.is_empty() {
                break;
            }
            let n = data.len().min(len as usize);
            self.write(buf, &data[..n])?;
            written += n;
            data = &data[n..];
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_bounds_is_fault() {
        let mut bytes = [0u8; 16];
        let mut mem = GuestMemory::new(&mut bytes);
        assert_eq!(mem.write_u32(12, 7), Ok(()));
        assert_eq!(mem.read_u32(12), Ok(7));
        assert_eq!(mem.write_u32(13, 7), Err(Errno::Fault));
        assert_eq!(mem.slice(u32::MAX, 2).err(), Some(Errno::Fault));
        assert_eq!(mem.iovecs(0, u32::MAX).err(), Some(Errno::Fault));
        // One iovec at 0 pointing at (8, 100): the buffer runs past the end.
        mem.write_u32(0, 8).unwrap();
        mem.write_u32(4, 100).unwrap();
        assert_eq!(mem.iovecs(0, 1).err(), Some(Errno::Fault));
    }
}
