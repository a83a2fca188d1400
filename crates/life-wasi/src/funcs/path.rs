//! Operations on paths relative to a directory descriptor.
//!
//! Every path is resolved by cap-std against the directory's handle, never as a host path:
//! cap-std refuses `..` past the directory, absolute paths and symbolic links that lead out,
//! with its own checks or the kernel's (`openat2` with `RESOLVE_BENEATH` on Linux), and
//! `error::errno` turns that refusal into `NOTCAPABLE`.
//! Operations that change the file system first check the directory's read-only flag.

use super::{Call, fd};
use crate::{
    ctx::{Descriptor, Handle},
    error::errno,
    types::*,
};
use cap_fs_ext::{DirExt, FollowSymlinks, OpenOptionsFollowExt, OpenOptionsMaybeDirExt, SystemTimeSpec};
use cap_std::fs::{Dir, OpenOptions};

/// The guest's path at argument `ptr`, `len`. An empty path names nothing (`NOENT`).
fn path<'a>(call: &'a Call<'_>, ptr: usize, len: usize) -> WasiResult<&'a str> {
    let p = call.mem.str(call.u32(ptr)?, call.u32(len)?)?;
    if p.is_empty() {
        return Err(Errno::Noent);
    }
    Ok(p)
}

/// `path_create_directory(fd, path: string) -> errno`.
pub(crate) fn path_create_directory(call: &mut Call<'_>) -> WasiResult {
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    dir.create_dir(path(call, 1, 2)?).map_err(|e| errno(&e))
}

/// `path_remove_directory(fd, path: string) -> errno`.
pub(crate) fn path_remove_directory(call: &mut Call<'_>) -> WasiResult {
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    dir.remove_dir(path(call, 1, 2)?).map_err(|e| errno(&e))
}

/// `path_unlink_file(fd, path: string) -> errno`.
pub(crate) fn path_unlink_file(call: &mut Call<'_>) -> WasiResult {
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    dir.remove_file(path(call, 1, 2)?).map_err(|e| errno(&e))
}

/// `path_rename(fd, old_path: string, new_fd: fd, new_path: string) -> errno`.
pub(crate) fn path_rename(call: &mut Call<'_>) -> WasiResult {
    let from = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    let to = call.ctx.fds.get(call.u32(3)?)?.as_writable_dir()?;
    from.rename(path(call, 1, 2)?, to, path(call, 4, 5)?).map_err(|e| errno(&e))
}

/// `path_link(old_fd, old_flags: lookupflags, old_path, new_fd, new_path) -> errno`.
///
/// The link is always made to the named entry itself, as Linux's `link` does; a
/// `SYMLINK_FOLLOW` lookup flag is refused with `INVAL`, as in wasmtime (the official test
/// suite accepts `INVAL` or `NOENT`).
pub(crate) fn path_link(call: &mut Call<'_>) -> WasiResult {
    let from = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    let to = call.ctx.fds.get(call.u32(4)?)?.as_writable_dir()?;
    if call.u32(1)? & LOOKUP_SYMLINK_FOLLOW != 0 {
        return Err(Errno::Inval);
    }
    from.hard_link(path(call, 2, 3)?, to, path(call, 5, 6)?).map_err(|e| errno(&e))
}

/// `path_symlink(old_path: string, fd, new_path: string) -> errno`.
///
/// cap-std refuses an absolute `old_path`; a relative one that points outside can be made,
/// but never followed.
pub(crate) fn path_symlink(call: &mut Call<'_>) -> WasiResult {
    let dir = call.ctx.fds.get(call.u32(2)?)?.as_writable_dir()?;
    let target = call.mem.str(call.u32(0)?, call.u32(1)?)?;
    DirExt::symlink(dir, target, path(call, 3, 4)?).map_err(|e| errno(&e))
}

/// `path_readlink(fd, path: string, buf: *u8, buf_len: size) -> (errno, size)`.
///
/// The contents are cut to `buf_len` bytes, as POSIX `readlink` does.
pub(crate) fn path_readlink(call: &mut Call<'_>) -> WasiResult {
    let (buf, buf_len, used_ptr) = (call.u32(3)?, call.u32(4)?, call.u32(5)?);
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_dir()?;
    let target = dir.read_link(path(call, 1, 2)?).map_err(|e| errno(&e))?;
    let target = crate::sys::name_bytes(target.into_os_string());
    let n = target.len().min(buf_len as usize);
    call.mem.write(buf, &target[..n])?;
    call.mem.write_u32(used_ptr, n as u32)
}

/// `path_filestat_get(fd, flags: lookupflags, path: string) -> (errno, filestat)`.
pub(crate) fn path_filestat_get(call: &mut Call<'_>) -> WasiResult {
    let (follow, out) = (call.u32(1)? & LOOKUP_SYMLINK_FOLLOW != 0, call.u32(4)?);
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_dir()?;
    let p = path(call, 2, 3)?;
    let meta = if follow { dir.metadata(p) } else { dir.symlink_metadata(p) };
    let meta = meta.map_err(|e| errno(&e))?;
    fd::write_filestat(&mut call.mem, out, &meta)
}

/// `path_filestat_set_times(fd, flags, path, atim: timestamp, mtim: timestamp, fst_flags)
/// -> errno`.
pub(crate) fn path_filestat_set_times(call: &mut Call<'_>) -> WasiResult {
    let follow = call.u32(1)? & LOOKUP_SYMLINK_FOLLOW != 0;
    let (atime, mtime) = fd::new_times(call.u64(4)?, call.u64(5)?, call.u32(6)?)?;
    let dir = call.ctx.fds.get(call.u32(0)?)?.as_writable_dir()?;
    let spec =
        |t: Option<std::time::SystemTime>| t.map(|t| SystemTimeSpec::Absolute(cap_std::time::SystemTime::from_std(t)));
    let p = path(call, 2, 3)?;
    let r = if follow {
        dir.set_times(p, spec(atime), spec(mtime))
    } else {
        dir.set_symlink_times(p, spec(atime), spec(mtime))
    };
    r.map_err(|e| errno(&e))
}

/// `path_open(fd, dirflags: lookupflags, path: string, oflags, fs_rights_base: rights,
/// fs_rights_inheriting: rights, fdflags) -> (errno, fd)`.
///
/// The new descriptor gets the rights asked for, limited to what the directory passes on
/// and to what its type supports. `TRUNC` needs the directory's `PATH_FILESTAT_SET_SIZE`
/// right (`NOTCAPABLE` without it); `DIRECTORY` with a write right (`FD_WRITE`,
/// `FD_ALLOCATE`, `FD_FILESTAT_SET_SIZE`) is `ISDIR`, as opening a directory for writing is
/// on POSIX. Opening for writing (asking for `FD_WRITE`,
/// `FD_ALLOCATE` or `FD_FILESTAT_SET_SIZE` for a file, or `CREAT`, `TRUNC` or `APPEND`)
/// under a read-only preopen fails with `ROFS`. Without `SYMLINK_FOLLOW` a symbolic link in the last
/// component is not followed (`LOOP`, as `O_NOFOLLOW`); with it, cap-std follows links only
/// while they stay inside the directory.
pub(crate) fn path_open(call: &mut Call<'_>) -> WasiResult {
    let follow = call.u32(1)? & LOOKUP_SYMLINK_FOLLOW != 0;
    let oflags = u16::try_from(call.u32(4)?).map_err(|_| Errno::Inval)?;
    let (base, inheriting) = (call.u64(5)?, call.u64(6)?);
    let fdflags = u16::try_from(call.u32(7)?).map_err(|_| Errno::Inval)?;
    let fd_ptr = call.u32(8)?;
    call.mem.slice(fd_ptr, 4)?;
    if fdflags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC) != 0 {
        return Err(Errno::Notsup);
    }
    let parent = call.ctx.fds.get(call.u32(0)?)?;
    let dir = parent.as_dir()?;
    let p = path(call, 2, 3)?;
    if oflags & OFLAGS_TRUNC != 0 && parent.rights_base & RIGHT_PATH_FILESTAT_SET_SIZE == 0 {
        return Err(Errno::Notcapable);
    }
    let directory = oflags & OFLAGS_DIRECTORY != 0;
    if directory && base & RIGHTS_WRITE_INTENT != 0 {
        return Err(Errno::Isdir);
    }
    let write =
        base & RIGHTS_WRITE_INTENT != 0 || oflags & (OFLAGS_CREAT | OFLAGS_TRUNC) != 0 || fdflags & FDFLAGS_APPEND != 0;
    if write && parent.read_only {
        return Err(Errno::Rofs);
    }
    let base = base & parent.rights_inheriting;
    let inheriting = inheriting & parent.rights_inheriting;
    let read_only = parent.read_only;
    let mut d = if directory {
        if oflags & (OFLAGS_CREAT | OFLAGS_TRUNC) != 0 {
            return Err(Errno::Inval);
        }
        let sub = if follow { dir.open_dir(p) } else { dir.open_dir_nofollow(p) };
        Descriptor::dir(sub.map_err(|e| errno(&e))?, base & RIGHTS_DIR, inheriting, read_only)
    } else {
        open_file(dir, p, follow, oflags, base, write)?.into_descriptor(base, inheriting, read_only)
    };
    d.flags = fdflags & (FDFLAGS_APPEND | FDFLAGS_NONBLOCK);
    let fd = call.ctx.fds.insert(d)?;
    call.mem.write_u32(fd_ptr, fd)
}

/// What `path_open` found at the path.
enum Opened {
    File(cap_std::fs::File),
    Dir(Dir),
}

impl Opened {
    fn into_descriptor(self, base: u64, inheriting: u64, read_only: bool) -> Descriptor {
        match self {
            Opened::File(f) => Descriptor::new(Handle::File(f), base & RIGHTS_FILE, inheriting, read_only),
            Opened::Dir(d) => Descriptor::dir(d, base & RIGHTS_DIR, inheriting, read_only),
        }
    }
}

/// Opens `p` under `dir` as a file, or as a directory when it turns out to be one (as POSIX
/// `open` without `O_DIRECTORY` does).
fn open_file(dir: &Dir, p: &str, follow: bool, oflags: u16, base: u64, write: bool) -> WasiResult<Opened> {
    let mut options = OpenOptions::new();
    let creating = oflags & (OFLAGS_CREAT | OFLAGS_TRUNC) != 0;
    // The host needs write access to create or truncate, even when the guest asked for no
    // write right; the descriptor's rights still refuse `fd_write` then.
    // `APPEND` is not the host's `O_APPEND`: `fd_write` moves to the end before each write,
    // so `fd_fdstat_set_flags` can turn it off again, and `fd_pwrite` writes where it is
    // told (POSIX's rule; Linux would append).
    options
        .read(base & (RIGHT_FD_READ | RIGHT_FD_READDIR) != 0 || !write)
        .write(base & RIGHTS_WRITE_INTENT != 0 || creating)
        .create(oflags & OFLAGS_CREAT != 0)
        .create_new(oflags & OFLAGS_CREAT != 0 && oflags & OFLAGS_EXCL != 0)
        .truncate(oflags & OFLAGS_TRUNC != 0)
        .follow(if follow { FollowSymlinks::Yes } else { FollowSymlinks::No })
        .maybe_dir(!write);
    let file = dir.open_with(p, &options).map_err(|e| errno(&e))?;
    let is_dir = file.metadata().map_err(|e| errno(&e))?.is_dir();
    Ok(if is_dir { Opened::Dir(Dir::from_std_file(file.into_std())) } else { Opened::File(file) })
}
