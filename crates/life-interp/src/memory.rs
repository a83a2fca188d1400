//! Where the bytes of a linear memory live.
//!
//! The interpreter keeps a memory's bytes in a `Vec<u8>`: it checks every access against the
//! length, so the bytes may move when the memory grows. A native engine may want more: a
//! memory that never moves and is followed by pages that fault on any access, so compiled code
//! can leave out bounds checks and let the hardware catch what is out of bounds. Such an engine
//! hands the store a [`MemoryCreator`] (through [`Compiler::memory_creator`]) and the store asks
//! it for every memory. Mapping pages is platform code, so it lives in the engine, not here.
//!
//! [`Compiler::memory_creator`]: crate::Compiler::memory_creator

use std::ops::{Deref, DerefMut};

/// The bytes of one linear memory, in memory a [`MemoryCreator`] provides.
///
/// # Safety
///
/// `base()` must point to `len()` readable and writable bytes, owned by this value, that
/// nothing else uses; they must stay valid (and keep their contents) until the next `resize`
/// or the drop. The `guard()` bytes after them must fault on every access for as long as the
/// value lives.
pub unsafe trait LinearMemory: Send {
    /// Address of the first byte.
    fn base(&self) -> *mut u8;

    /// Current length in bytes (a multiple of [`PAGE_SIZE`](crate::PAGE_SIZE)).
    fn len(&self) -> usize;

    /// Whether the memory has no bytes.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes the length to `new_len` bytes, at most the maximum given to
    /// [`MemoryCreator::create`]. Bytes added read as zero; bytes below both lengths keep their
    /// values. Returns `false`, changing nothing, when the memory cannot be resized.
    fn resize(&mut self, new_len: usize) -> bool;

    /// How many bytes from `base()` on are either the memory or pages that fault on any access:
    /// native code may skip the bounds check of an access that cannot reach beyond them.
    fn guarded_len(&self) -> usize;
}

/// Makes the memories of a store whose native engine asks for it
/// ([`Compiler::memory_creator`](crate::Compiler::memory_creator)). The interpreter keeps a
/// memory in a `Vec<u8>` and checks every access; a native engine may want memories that never
/// move and are followed by pages that fault, so its code can leave the checks to the hardware.
///
/// A creator of plain heap memories (no guard pages, so `guarded_len` is the length):
///
/// ```
/// use life_interp::native::{LinearMemory, MemoryCreator};
///
/// struct Heap(Vec<u8>);
///
/// // SAFETY: the vector owns its bytes, which move only in `resize`.
/// unsafe impl LinearMemory for Heap {
///     fn base(&self) -> *mut u8 {
///         self.0.as_ptr().cast_mut()
///     }
///     fn len(&self) -> usize {
///         self.0.len()
///     }
///     fn resize(&mut self, new_len: usize) -> bool {
///         self.0.resize(new_len, 0);
///         true
///     }
///     fn guarded_len(&self) -> usize {
///         self.0.len()
///     }
/// }
///
/// struct Heaps;
///
/// impl MemoryCreator for Heaps {
///     fn create(&self, len: usize, _max: usize) -> Result<Box<dyn LinearMemory>, String> {
///         Ok(Box::new(Heap(vec![0; len])))
///     }
/// }
///
/// let mut memory = Heaps.create(65536, 2 * 65536).unwrap();
/// assert!(memory.resize(2 * 65536));
/// assert_eq!(memory.len(), 2 * 65536);
/// ```
pub trait MemoryCreator: Send + Sync {
    /// A zero-filled memory of `len` bytes that may grow to `max` bytes.
    ///
    /// # Errors
    ///
    /// A description of why the memory could not be made (such as the system refusing to
    /// reserve address space); the store reports it as [`Error::MemoryAllocation`](crate::Error::MemoryAllocation).
    fn create(&self, len: usize, max: usize) -> Result<Box<dyn LinearMemory>, String>;
}

/// A memory's bytes: the interpreter's own vector, or a creator's memory.
pub(crate) enum Bytes {
    Vec(Vec<u8>),
    Created(Box<dyn LinearMemory>),
}

impl Bytes {
    /// `len` zero bytes in a vector; `None` if they cannot be allocated.
    pub fn zeroed(len: usize) -> Option<Bytes> {
        let mut data = Vec::new();
        data.try_reserve_exact(len).ok()?;
        data.resize(len, 0);
        Some(Bytes::Vec(data))
    }

    /// Changes the length to `new_len`, zero-filling what is added; `false` if it cannot.
    pub fn resize(&mut self, new_len: usize) -> bool {
        match self {
            Bytes::Vec(data) => {
                if new_len > data.len() && data.try_reserve_exact(new_len - data.len()).is_err() {
                    return false;
                }
                data.resize(new_len, 0);
                true
            }
            Bytes::Created(m) => m.resize(new_len),
        }
    }

    /// See [`LinearMemory::guarded_len`]; a vector has no guard.
    pub fn guarded_len(&self) -> usize {
        match self {
            Bytes::Vec(data) => data.len(),
            Bytes::Created(m) => m.guarded_len(),
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Vec(data) => data,
            // SAFETY: `LinearMemory`'s contract: `len` valid bytes at `base`, owned by `m`.
            Bytes::Created(m) => unsafe { std::slice::from_raw_parts(m.base(), m.len()) },
        }
    }
}

impl DerefMut for Bytes {
    #[inline]
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            Bytes::Vec(data) => data,
            // SAFETY: as in `deref`, and `&mut self` makes the borrow exclusive.
            Bytes::Created(m) => unsafe { std::slice::from_raw_parts_mut(m.base(), m.len()) },
        }
    }
}
