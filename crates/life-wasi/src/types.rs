//! The `wasi_snapshot_preview1` ABI: error numbers, flags, rights and the byte layouts of the
//! structures guests pass by pointer.
//!
//! Values and layouts follow `wasi_snapshot_preview1.witx` as rendered in wasi-libc's
//! `wasi/api.h` (<https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md>).
//! Every structure is little-endian with the C alignment rules of wasm32.

/// A WASI error number (`errno`), returned by every function as its `i32` result.
///
/// Only the values Life produces are listed; the numbering is the ABI's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Errno {
    /// Argument list too long.
    TooBig = 1,
    /// Permission denied.
    Acces = 2,
    /// Resource unavailable, try again.
    Again = 6,
    /// Bad file descriptor.
    Badf = 8,
    /// Device or resource busy.
    Busy = 10,
    /// File exists.
    Exist = 20,
    /// Bad address: a guest pointer outside linear memory.
    Fault = 21,
    /// File too large.
    Fbig = 22,
    /// Illegal byte sequence (a path that is not UTF-8).
    Ilseq = 25,
    /// Interrupted function.
    Intr = 27,
    /// Invalid argument.
    Inval = 28,
    /// I/O error.
    Io = 29,
    /// Is a directory.
    Isdir = 31,
    /// Too many levels of symbolic links.
    Loop = 32,
    /// Too many open file descriptors.
    Mfile = 33,
    /// Too many links.
    Mlink = 34,
    /// File name too long.
    Nametoolong = 37,
    /// No such file or directory.
    Noent = 44,
    /// Not enough space.
    Nomem = 48,
    /// No space left on device.
    Nospc = 51,
    /// Function not supported.
    Nosys = 52,
    /// Not a directory or a symbolic link to one.
    Notdir = 54,
    /// Directory not empty.
    Notempty = 55,
    /// Not a socket.
    Notsock = 57,
    /// Not supported.
    Notsup = 58,
    /// Value too large to be stored in the data type.
    Overflow = 61,
    /// Operation not permitted.
    Perm = 63,
    /// Broken pipe.
    Pipe = 64,
    /// Read-only file system: a write under a read-only preopened directory.
    Rofs = 69,
    /// Invalid seek.
    Spipe = 70,
    /// Text file busy.
    Txtbsy = 74,
    /// Cross-device link.
    Xdev = 75,
    /// Capabilities insufficient: the path leads outside the sandbox.
    Notcapable = 76,
}

/// The result of a WASI function body: success, or an error number for the guest.
pub(crate) type WasiResult<T = ()> = Result<T, Errno>;

// ---- File types (`filetype`, u8) ----

pub(crate) const FILETYPE_UNKNOWN: u8 = 0;
pub(crate) const FILETYPE_BLOCK_DEVICE: u8 = 1;
pub(crate) const FILETYPE_CHARACTER_DEVICE: u8 = 2;
pub(crate) const FILETYPE_DIRECTORY: u8 = 3;
pub(crate) const FILETYPE_REGULAR_FILE: u8 = 4;
pub(crate) const FILETYPE_SOCKET_STREAM: u8 = 6;
pub(crate) const FILETYPE_SYMBOLIC_LINK: u8 = 7;

// ---- Descriptor flags (`fdflags`, u16) ----

pub(crate) const FDFLAGS_APPEND: u16 = 1 << 0;
pub(crate) const FDFLAGS_DSYNC: u16 = 1 << 1;
pub(crate) const FDFLAGS_NONBLOCK: u16 = 1 << 2;
pub(crate) const FDFLAGS_RSYNC: u16 = 1 << 3;
pub(crate) const FDFLAGS_SYNC: u16 = 1 << 4;

// ---- Open flags (`oflags`, u16) ----

pub(crate) const OFLAGS_CREAT: u16 = 1 << 0;
pub(crate) const OFLAGS_DIRECTORY: u16 = 1 << 1;
pub(crate) const OFLAGS_EXCL: u16 = 1 << 2;
pub(crate) const OFLAGS_TRUNC: u16 = 1 << 3;

/// `lookupflags`: follow a symbolic link in the last path component.
pub(crate) const LOOKUP_SYMLINK_FOLLOW: u32 = 1 << 0;

// ---- Time-setting flags (`fstflags`, u16) ----

pub(crate) const FSTFLAGS_ATIM: u16 = 1 << 0;
pub(crate) const FSTFLAGS_ATIM_NOW: u16 = 1 << 1;
pub(crate) const FSTFLAGS_MTIM: u16 = 1 << 2;
pub(crate) const FSTFLAGS_MTIM_NOW: u16 = 1 << 3;

// ---- Clocks (`clockid`, u32) ----

pub(crate) const CLOCK_REALTIME: u32 = 0;
pub(crate) const CLOCK_MONOTONIC: u32 = 1;
pub(crate) const CLOCK_PROCESS_CPUTIME: u32 = 2;
pub(crate) const CLOCK_THREAD_CPUTIME: u32 = 3;

// ---- Seeking (`whence`, u8) ----

pub(crate) const WHENCE_SET: u32 = 0;
pub(crate) const WHENCE_CUR: u32 = 1;
pub(crate) const WHENCE_END: u32 = 2;

// ---- Polling ----

pub(crate) const EVENTTYPE_CLOCK: u8 = 0;
pub(crate) const EVENTTYPE_FD_READ: u8 = 1;
pub(crate) const EVENTTYPE_FD_WRITE: u8 = 2;
/// `subclockflags`: the timeout is an absolute time of the clock, not a duration.
pub(crate) const SUBCLOCK_ABSTIME: u16 = 1 << 0;

/// The size of a `subscription` in guest memory.
pub(crate) const SUBSCRIPTION_SIZE: u32 = 48;
/// The size of an `event` in guest memory.
pub(crate) const EVENT_SIZE: u32 = 32;
/// The size of a `filestat` in guest memory.
pub(crate) const FILESTAT_SIZE: usize = 64;
/// The size of the header of a `dirent`, which the name follows.
pub(crate) const DIRENT_SIZE: usize = 24;

// ---- Rights (`rights`, u64) ----

pub(crate) const RIGHT_FD_DATASYNC: u64 = 1 << 0;
pub(crate) const RIGHT_FD_READ: u64 = 1 << 1;
pub(crate) const RIGHT_FD_SEEK: u64 = 1 << 2;
pub(crate) const RIGHT_FD_FDSTAT_SET_FLAGS: u64 = 1 << 3;
pub(crate) const RIGHT_FD_SYNC: u64 = 1 << 4;
pub(crate) const RIGHT_FD_TELL: u64 = 1 << 5;
pub(crate) const RIGHT_FD_WRITE: u64 = 1 << 6;
pub(crate) const RIGHT_FD_ADVISE: u64 = 1 << 7;
pub(crate) const RIGHT_FD_ALLOCATE: u64 = 1 << 8;
pub(crate) const RIGHT_PATH_CREATE_DIRECTORY: u64 = 1 << 9;
pub(crate) const RIGHT_PATH_CREATE_FILE: u64 = 1 << 10;
pub(crate) const RIGHT_PATH_LINK_SOURCE: u64 = 1 << 11;
pub(crate) const RIGHT_PATH_LINK_TARGET: u64 = 1 << 12;
pub(crate) const RIGHT_PATH_OPEN: u64 = 1 << 13;
pub(crate) const RIGHT_FD_READDIR: u64 = 1 << 14;
pub(crate) const RIGHT_PATH_READLINK: u64 = 1 << 15;
pub(crate) const RIGHT_PATH_RENAME_SOURCE: u64 = 1 << 16;
pub(crate) const RIGHT_PATH_RENAME_TARGET: u64 = 1 << 17;
pub(crate) const RIGHT_PATH_FILESTAT_GET: u64 = 1 << 18;
pub(crate) const RIGHT_PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
pub(crate) const RIGHT_PATH_FILESTAT_SET_TIMES: u64 = 1 << 20;
pub(crate) const RIGHT_FD_FILESTAT_GET: u64 = 1 << 21;
pub(crate) const RIGHT_FD_FILESTAT_SET_SIZE: u64 = 1 << 22;
pub(crate) const RIGHT_FD_FILESTAT_SET_TIMES: u64 = 1 << 23;
pub(crate) const RIGHT_PATH_SYMLINK: u64 = 1 << 24;
pub(crate) const RIGHT_PATH_REMOVE_DIRECTORY: u64 = 1 << 25;
pub(crate) const RIGHT_PATH_UNLINK_FILE: u64 = 1 << 26;
pub(crate) const RIGHT_POLL_FD_READWRITE: u64 = 1 << 27;

/// Every right a regular file can have.
pub(crate) const RIGHTS_FILE: u64 = RIGHT_FD_DATASYNC
    | RIGHT_FD_READ
    | RIGHT_FD_SEEK
    | RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_TELL
    | RIGHT_FD_WRITE
    | RIGHT_FD_ADVISE
    | RIGHT_FD_ALLOCATE
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_SIZE
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_POLL_FD_READWRITE;

/// Every right a directory can have.
pub(crate) const RIGHTS_DIR: u64 = RIGHT_FD_FDSTAT_SET_FLAGS
    | RIGHT_FD_SYNC
    | RIGHT_FD_ADVISE
    | RIGHT_PATH_CREATE_DIRECTORY
    | RIGHT_PATH_CREATE_FILE
    | RIGHT_PATH_LINK_SOURCE
    | RIGHT_PATH_LINK_TARGET
    | RIGHT_PATH_OPEN
    | RIGHT_FD_READDIR
    | RIGHT_PATH_READLINK
    | RIGHT_PATH_RENAME_SOURCE
    | RIGHT_PATH_RENAME_TARGET
    | RIGHT_PATH_FILESTAT_GET
    | RIGHT_PATH_FILESTAT_SET_SIZE
    | RIGHT_PATH_FILESTAT_SET_TIMES
    | RIGHT_FD_FILESTAT_GET
    | RIGHT_FD_FILESTAT_SET_TIMES
    | RIGHT_PATH_SYMLINK
    | RIGHT_PATH_REMOVE_DIRECTORY
    | RIGHT_PATH_UNLINK_FILE;

/// The rights that show a wish to write to a file when `path_open` asks for them.
///
/// Under a read-only preopen, `path_open` refuses these with `ROFS`, as a read-only mount
/// would. `FD_FILESTAT_SET_TIMES` and `FD_DATASYNC` are not among them: wasi-libc asks for
/// them whatever the access mode.
pub(crate) const RIGHTS_WRITE_INTENT: u64 = RIGHT_FD_WRITE | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE;

/// Rights of standard input.
pub(crate) const RIGHTS_STDIN: u64 =
    RIGHT_FD_READ | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;

/// Rights of standard output and standard error.
pub(crate) const RIGHTS_STDOUT: u64 =
    RIGHT_FD_WRITE | RIGHT_FD_FDSTAT_SET_FLAGS | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
