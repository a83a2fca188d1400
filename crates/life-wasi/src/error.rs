//! Host I/O errors to WASI error numbers.
//!
//! On Unix the OS error number is mapped exactly; elsewhere, and for errors without one, the
//! `io::ErrorKind` decides.
//! Note: cap-std reports a path that would leave the sandbox (`..` past the root, an absolute
//! path, a symbolic link that leads out) as `PermissionDenied` with no OS error number; that
//! becomes `NOTCAPABLE`, the error WASI defines for it.

use crate::types::Errno;
use std::io;

/// The WASI error number for a host I/O error.
pub(crate) fn errno(e: &io::Error) -> Errno {
    #[cfg(unix)]
    if let Some(raw) = e.raw_os_error() {
        return from_os(rustix::io::Errno::from_raw_os_error(raw));
    }
    from_kind(e.kind())
}

#[cfg(unix)]
fn from_os(e: rustix::io::Errno) -> Errno {
    use rustix::io::Errno as E;
    match e {
        E::TOOBIG => Errno::TooBig,
        E::ACCESS => Errno::Acces,
        E::AGAIN => Errno::Again,
        E::BADF => Errno::Badf,
        E::BUSY => Errno::Busy,
        E::EXIST => Errno::Exist,
        E::FAULT => Errno::Fault,
        E::FBIG => Errno::Fbig,
        E::ILSEQ => Errno::Ilseq,
        E::INTR => Errno::Intr,
        E::INVAL => Errno::Inval,
        E::ISDIR => Errno::Isdir,
        E::LOOP => Errno::Loop,
        E::MFILE | E::NFILE => Errno::Mfile,
        E::MLINK => Errno::Mlink,
        E::NAMETOOLONG => Errno::Nametoolong,
        E::NOENT => Errno::Noent,
        E::NOMEM => Errno::Nomem,
        E::NOSPC | E::DQUOT => Errno::Nospc,
        E::NOSYS => Errno::Nosys,
        E::NOTDIR => Errno::Notdir,
        E::NOTEMPTY => Errno::Notempty,
        E::NOTSUP => Errno::Notsup,
        E::OVERFLOW => Errno::Overflow,
        E::PERM => Errno::Perm,
        E::PIPE => Errno::Pipe,
        E::ROFS => Errno::Rofs,
        E::SPIPE => Errno::Spipe,
        E::TXTBSY => Errno::Txtbsy,
        E::XDEV => Errno::Xdev,
        _ => Errno::Io,
    }
}

fn from_kind(kind: io::ErrorKind) -> Errno {
    use io::ErrorKind as K;
    match kind {
        K::NotFound => Errno::Noent,
        // cap-std's "a path led outside of the filesystem" (see the module doc).
        K::PermissionDenied => Errno::Notcapable,
        K::AlreadyExists => Errno::Exist,
        K::WouldBlock => Errno::Again,
        K::InvalidInput | K::InvalidData => Errno::Inval,
        K::Interrupted => Errno::Intr,
        K::Unsupported => Errno::Notsup,
        K::OutOfMemory => Errno::Nomem,
        K::BrokenPipe => Errno::Pipe,
        K::NotADirectory => Errno::Notdir,
        K::IsADirectory => Errno::Isdir,
        K::DirectoryNotEmpty => Errno::Notempty,
        K::ReadOnlyFilesystem => Errno::Rofs,
        K::StorageFull => Errno::Nospc,
        K::NotSeekable => Errno::Spipe,
        K::FileTooLarge => Errno::Fbig,
        K::ResourceBusy => Errno::Busy,
        K::CrossesDevices => Errno::Xdev,
        K::TooManyLinks => Errno::Mlink,
        K::InvalidFilename => Errno::Nametoolong,
        K::ArgumentListTooLong => Errno::TooBig,
        _ => Errno::Io,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_escapes_are_notcapable() {
        let e = io::Error::new(io::ErrorKind::PermissionDenied, "a path led outside of the filesystem");
        assert_eq!(errno(&e), Errno::Notcapable);
    }

    #[cfg(unix)]
    #[test]
    fn os_errors_map_exactly() {
        let e = io::Error::from_raw_os_error(rustix::io::Errno::NOENT.raw_os_error());
        assert_eq!(errno(&e), Errno::Noent);
        let e = io::Error::from_raw_os_error(rustix::io::Errno::ACCESS.raw_os_error());
        assert_eq!(errno(&e), Errno::Acces);
    }
}
