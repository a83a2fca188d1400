//! Memories with guard pages, so compiled code needs no bounds checks.
//!
//! Each memory reserves [`GUARDED_SPAN`] bytes of address space (8 GiB and one page) and makes
//! only its current size accessible; the rest stays mapped without access rights. A wasm32
//! access computes `base + index + offset` with a 32-bit index, a 32-bit static offset and at
//! most 16 bytes of width, so it ends below `base + 2³³ + 16`: it either hits the memory or
//! faults in the reservation. The signal handler (`signals.rs`) turns that fault into the
//! `out of bounds memory access` trap. The memory never moves, `memory.grow` only changes
//! access rights, and the address space costs no memory until pages are touched.
//!
//! Where the handler is not supported (anything but x86-64 Linux) Polymerase does not ask
//! for these memories and checks every access instead.

use life_interp::native::{LinearMemory, MemoryCreator};

pub(crate) use crate::GUARDED_SPAN;

/// Makes [`GuardedMemory`]s; installs the signal handler first.
pub(crate) struct GuardedCreator;

impl MemoryCreator for GuardedCreator {
    fn create(&self, len: usize, max: usize) -> Result<Box<dyn LinearMemory>, String> {
        crate::signals::install()?;
        Ok(Box::new(GuardedMemory::new(len, max)?))
    }
}

/// One memory in its reservation.
pub(crate) struct GuardedMemory {
    base: *mut u8,
    len: usize,
}

// SAFETY: the mapping is owned by this value alone; nothing about it is tied to a thread.
unsafe impl Send for GuardedMemory {}

impl GuardedMemory {
    fn new(len: usize, max: usize) -> Result<GuardedMemory, String> {
        if max > 1 << 32 || len > max {
            return Err(format!("a memory of {max} bytes cannot have guard pages"));
        }
        // SAFETY: a fresh private anonymous mapping; nothing else refers to it.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                GUARDED_SPAN,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(format!(
                "cannot reserve {GUARDED_SPAN} bytes of address space: {}",
                std::io::Error::last_os_error()
            ));
        }
        let mut memory = GuardedMemory { base: base.cast(), len: 0 };
        if !memory.resize(len) {
            return Err(format!("cannot make {len} bytes of memory accessible: {}", std::io::Error::last_os_error()));
        }
        Ok(memory)
    }
}

// SAFETY: `[base, base + len)` is readable and writable and owned by this value; the rest of
// the reservation has no access rights until `resize` grants them, and the reservation lives
// until the drop, so `guarded_len` bytes from `base` are either memory or fault.
unsafe impl LinearMemory for GuardedMemory {
    fn base(&self) -> *mut u8 {
        self.base
    }

    fn len(&self) -> usize {
        self.len
    }

    fn resize(&mut self, new_len: usize) -> bool {
        if new_len > 1 << 32 {
            return false;
        }
        // SAFETY: both ranges lie inside the reservation, which this value owns.
        unsafe {
            if new_len > self.len {
                let start = self.base.add(self.len).cast();
                libc::mprotect(start, new_len - self.len, libc::PROT_READ | libc::PROT_WRITE) == 0
            } else if new_len < self.len {
                // Drop the pages (they read as zero when granted again), then their rights.
                let start = self.base.add(new_len).cast();
                libc::madvise(start, self.len - new_len, libc::MADV_DONTNEED) == 0
                    && libc::mprotect(start, self.len - new_len, libc::PROT_NONE) == 0
            } else {
                true
            }
        }
        .then(|| self.len = new_len)
        .is_some()
    }

    fn guarded_len(&self) -> usize {
        GUARDED_SPAN
    }
}

impl Drop for GuardedMemory {
    fn drop(&mut self) {
        // SAFETY: the reservation is ours and no code uses it any more (the store is dropping
        // its memories).
        unsafe { libc::munmap(self.base.cast(), GUARDED_SPAN) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_and_shrinks_in_place_with_zeros() {
        let mut m = GuardedMemory::new(65536, 4 * 65536).unwrap();
        let base = m.base();
        // SAFETY: within the accessible length throughout.
        unsafe {
            *base.add(65535) = 7;
            assert!(m.resize(3 * 65536));
            assert_eq!(m.base(), base, "growing must not move the memory");
            assert_eq!(*base.add(65535), 7);
            assert_eq!(*base.add(2 * 65536), 0);
            *base.add(2 * 65536) = 9;
            assert!(m.resize(65536));
            assert!(m.resize(3 * 65536));
            assert_eq!(*base.add(2 * 65536), 0, "bytes dropped by a shrink read as zero when regrown");
            assert_eq!(*base.add(65535), 7);
        }
        assert!(!m.resize((1 << 32) + 65536), "a wasm32 memory stops at 4 GiB");
        assert_eq!(m.len(), 3 * 65536);
        assert_eq!(m.guarded_len(), GUARDED_SPAN);
    }

    #[test]
    fn refuses_memories_larger_than_wasm32() {
        assert!(GuardedMemory::new(0, (1 << 32) + 65536).is_err());
    }
}
