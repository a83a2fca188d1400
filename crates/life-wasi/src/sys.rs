//! The few operations the standard library and cap-std do not offer portably.
//!
//! On Unix they use the OS; elsewhere they report `NOTSUP`, so the rest of the crate stays
//! free of `cfg`.

#[cfg(not(unix))]
use crate::types::Errno;
use crate::types::{CLOCK_PROCESS_CPUTIME, WasiResult};
use std::io;

/// Reads at `offset` without moving the file position (`pread`).
pub(crate) fn read_at(file: &cap_std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    #[cfg(unix)]
    {
        cap_std::fs::FileExt::read_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        let _ = (file, buf, offset);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// Writes at `offset` without moving the file position (`pwrite`).
pub(crate) fn write_at(file: &cap_std::fs::File, buf: &[u8], offset: u64) -> io::Result<usize> {
    #[cfg(unix)]
    {
        cap_std::fs::FileExt::write_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        let _ = (file, buf, offset);
        Err(io::ErrorKind::Unsupported.into())
    }
}

/// CPU time of the process (or, for `CLOCK_THREAD_CPUTIME`, of the calling thread) in
/// nanoseconds.
pub(crate) fn cpu_time(clock: u32) -> WasiResult<u64> {
    #[cfg(unix)]
    {
        use rustix::time::{ClockId, clock_gettime};
        let id = if clock == CLOCK_PROCESS_CPUTIME { ClockId::ProcessCPUTime } else { ClockId::ThreadCPUTime };
        let t = clock_gettime(id);
        Ok((t.tv_sec as u64).saturating_mul(1_000_000_000).saturating_add(t.tv_nsec as u64))
    }
    #[cfg(not(unix))]
    {
        let _ = clock;
        Err(Errno::Notsup)
    }
}

/// The status-change time of a file in nanoseconds since the epoch (its modification time
/// where there is no such thing).
pub(crate) fn ctime(meta: &cap_std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use cap_std::fs::MetadataExt;
        (meta.ctime() as u64).saturating_mul(1_000_000_000).saturating_add(meta.ctime_nsec() as u64)
    }
    #[cfg(not(unix))]
    {
        crate::funcs::fd::nanos(meta.modified().map(cap_std::time::SystemTime::into_std))
    }
}

/// The inode number of a directory entry (0 where the platform has none).
pub(crate) fn dirent_ino(entry: &cap_std::fs::DirEntry) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::DirEntryExt::ino(entry)
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        0
    }
}

/// The bytes of a file name (UTF-8, lossily, where names are not bytes).
pub(crate) fn name_bytes(name: std::ffi::OsString) -> Vec<u8> {
    #[cfg(unix)]
    {
        std::os::unix::ffi::OsStringExt::into_vec(name)
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().into_owned().into_bytes()
    }
}
