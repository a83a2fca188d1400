//! Operations on descriptors: reading, writing, seeking, metadata, directory listing and the
//! preopened-directory queries.

use super::Call;
use crate::{
    ctx::{Descriptor, Handle, Stream},
    error::errno,
    memory::GuestMemory,
    sys,
    types::*,
};
use cap_fs_ext::{FileTypeExt, MetadataExt};
use std::{
    io::{self, Read, Seek, SeekFrom, Write},
    time::{Duration, SystemTime, UNIX_EPOCH},
};

/// The most bytes one `fd_read`, `fd_write`, `fd_pread` or `fd_pwrite` moves.
///
/// Overlapping `iovec`s could otherwise ask for far more than the guest's memory holds;
/// a short transfer is always allowed, and libc loops.
const MAX_TRANSFER: usize = 16 << 20;

/// Total length of `iovecs`, capped at [`MAX_TRANSFER`].
fn transfer_len(iovecs: &[(u32, u32)]) -> usize {
    iovecs.iter().fold(0usize, |total, &(_, len)| total.saturating_add(len as usize)).min(MAX_TRANSFER)
}

/// Nanoseconds since the epoch, or 0 when the time is unknown or before 1970.
pub(crate) fn nanos(t: io::Result<SystemTime>) -> u64 {
    t.ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

/// The WASI file type of a host file type.
pub(crate) fn filetype(ft: cap_std::fs::FileType) -> u8 {
    if ft.is_dir() {
        FILETYPE_DIRECTORY
    } else if ft.is_file() {
        FILETYPE_REGULAR_FILE
    } else if ft.is_symlink() {
        FILETYPE_SYMBOLIC_LINK
    } else if ft.is_char_device() {
        FILETYPE_CHARACTER_DEVICE
    } else if ft.is_block_device() {
        FILETYPE_BLOCK_DEVICE
    } else if ft.is_socket() {
        FILETYPE_SOCKET_STREAM
    } else {
        FILETYPE_UNKNOWN
    }
}

/// Writes a `filestat` for `meta` at `ptr`.
pub(crate) fn write_filestat(mem: &mut GuestMemory<'_>, ptr: u32, meta: &cap_std::fs::Metadata) -> WasiResult {
    let mut buf = [0u8; FILESTAT_SIZE];
    buf[0..8].copy_from_slice(&meta.dev().to_le_bytes());
    buf[8..16].copy_from_slice(&meta.ino().to_le_bytes());
    buf[16] = filetype(meta.file_type());
    buf[24..32].copy_from_slice(&meta.nlink().to_le_bytes());
    buf[32..40].copy_from_slice(&meta.len().to_le_bytes());
    let atim = nanos(meta.accessed().map(cap_std::time::SystemTime::into_std));
    let mtim = nanos(meta.modified().map(cap_std::time::SystemTime::into_std));
    buf[40..48].copy_from_slice(&atim.to_le_bytes());
    buf[48..56].copy_from_slice(&mtim.to_le_bytes());
    buf[56..64].copy_from_slice(&sys::ctime(meta).to_le_bytes());
    mem.write(ptr, &buf)
}

/// The new access and modification times of `*_set_times`, checking the flags.
///
/// `None` leaves a time unchanged; both `ATIM` and `ATIM_NOW` (or the `MTIM` pair) is `INVAL`.
pub(crate) fn new_times(atim: u64, mtim: u64, flags: u32) -> WasiResult<(Option<SystemTime>, Option<SystemTime>)> {
    let flags = u16::try_from(flags).map_err(|_| Errno::Inval)?;
    let pick = |set: u16, now: u16, t: u64| match (flags & set != 0, flags & now != 0) {
        (true, true) => Err(Errno::Inval),
        (true, false) => Ok(Some(UNIX_EPOCH + Duration::from_nanos(t))),
        (false, true) => Ok(Some(SystemTime::now())),
        (false, false) => Ok(None),
    };
    Ok((pick(FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW, atim)?, pick(FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW, mtim)?))
}

/// `fd_advise(fd, offset: filesize, len: filesize, advice) -> errno`.
///
/// Advice is a hint; Life checks the arguments and otherwise ignores it.
pub(crate) fn fd_advise(call: &mut Call<'_>) -> WasiResult {
    let d = call.ctx.fds.get(call.u32(0)?)?;
    d.as_file()?;
    match call.u32(3)? {
        0..=5 => Ok(()),
        _ => Err(Errno::Inval),
    }
}

/// `fd_allocate(fd, offset: filesize, len: filesize) -> errno`: grows the file to at least
/// `offset + len` bytes, as `posix_fallocate` does.
pub(crate) fn fd_allocate(call: &mut Call<'_>) -> WasiResult {
    let (fd, offset, len) = (call.u32(0)?, call.u64(1)?, call.u64(2)?);
    let file = call.ctx.fds.get(fd)?.as_writable_file()?;
    let end = offset.checked_add(len).filter(|&e| e <= i64::MAX as u64).ok_or(Errno::Fbig)?;
    let size = file.metadata().map_err(|e| errno(&e))?.len();
    if end > size {
        file.set_len(end).map_err(|e| errno(&e))?;
    }
    Ok(())
}

/// `fd_close(fd) -> errno`.
pub(crate) fn fd_close(call: &mut Call<'_>) -> WasiResult {
    let fd = call.u32(0)?;
    call.ctx.fds.remove(fd).map(drop)
}

/// `fd_datasync(fd) -> errno`.
pub(crate) fn fd_datasync(call: &mut Call<'_>) -> WasiResult {
    sync(call, false)
}

/// `fd_sync(fd) -> errno`.
pub(crate) fn fd_sync(call: &mut Call<'_>) -> WasiResult {
    sync(call, true)
}

fn sync(call: &mut Call<'_>, all: bool) -> WasiResult {
    let d = call.ctx.fds.get(call.u32(0)?)?;
    let r = match &d.handle {
        Handle::File(f) if all => f.sync_all(),
        Handle::File(f) => f.sync_data(),
        Handle::Dir(_) => Ok(()),
        Handle::Stream(_) => return Err(Errno::Inval),
    };
    r.map_err(|e| errno(&e))
}

/// The WASI file type of an open descriptor.
fn fd_filetype(d: &Descriptor) -> WasiResult<u8> {
    Ok(match &d.handle {
        Handle::Stream(Stream::Stdin(i)) => i.filetype(),
        Handle::Stream(Stream::Stdout(o)) => o.filetype(),
        Handle::File(f) => filetype(f.metadata().map_err(|e| errno(&e))?.file_type()),
        Handle::Dir(_) => FILETYPE_DIRECTORY,
    })
}

/// `fd_fdstat_get(fd) -> (errno, fdstat)`.
pub(crate) fn fd_fdstat_get(call: &mut Call<'_>) -> WasiResult {
    let (fd, ptr) = (call.u32(0)?, call.u32(1)?);
    let d = call.ctx.fds.get(fd)?;
    let mut buf = [0u8; 24];
    buf[0] = fd_filetype(d)?;
    buf[2..4].copy_from_slice(&d.flags.to_le_bytes());
    buf[8..16].copy_from_slice(&d.rights_base.to_le_bytes());
    buf[16..24].copy_from_slice(&d.rights_inheriting.to_le_bytes());
    call.mem.write(ptr, &buf)
}

/// `fd_fdstat_set_flags(fd, flags: fdflags) -> errno`.
///
/// `APPEND` and `NONBLOCK` can be set and cleared; the synchronous-I/O flags are `NOTSUP`.
/// `APPEND` is applied by `fd_write`, which moves to the end of the file first.
pub(crate) fn fd_fdstat_set_flags(call: &mut Call<'_>) -> WasiResult {
    let (fd, flags) = (call.u32(0)?, call.u32(1)?);
    let flags = u16::try_from(flags).map_err(|_| Errno::Inval)?;
    if flags & (FDFLAGS_DSYNC | FDFLAGS_RSYNC | FDFLAGS_SYNC) != 0 {
        return Err(Errno::Notsup);
    }
    let d = call.ctx.fds.get_mut(fd)?;
    if flags & FDFLAGS_APPEND != 0 && d.read_only {
        return Err(Errno::Rofs);
    }
    d.flags = flags & (FDFLAGS_APPEND | FDFLAGS_NONBLOCK);
    Ok(())
}

/// `fd_fdstat_set_rights(fd, base: rights, inheriting: rights) -> errno`: rights can only
/// be dropped, never gained.
pub(crate) fn fd_fdstat_set_rights(call: &mut Call<'_>) -> WasiResult {
    let (fd, base, inheriting) = (call.u32(0)?, call.u64(1)?, call.u64(2)?);
    let d = call.ctx.fds.get_mut(fd)?;
    if base & !d.rights_base != 0 || inheriting & !d.rights_inheriting != 0 {
        return Err(Errno::Notcapable);
    }
    d.rights_base = base;
    d.rights_inheriting = inheriting;
    Ok(())
}

/// `fd_filestat_get(fd) -> (errno, filestat)`. A standard stream reports only its type.
pub(crate) fn fd_filestat_get(call: &mut Call<'_>) -> WasiResult {
    let (fd, ptr) = (call.u32(0)?, call.u32(1)?);
    let d = call.ctx.fds.get(fd)?;
    let meta = match &d.handle {
        Handle::File(f) => f.metadata(),
        Handle::Dir(dir) => dir.dir_metadata(),
        Handle::Stream(_) => {
            let mut buf = [0u8; FILESTAT_SIZE];
            buf[16] = fd_filetype(d)?;
            return call.mem.write(ptr, &buf);
        }
    };
    let meta = meta.map_err(|e| errno(&e))?;
    write_filestat(&mut call.mem, ptr, &meta)
}

/// `fd_filestat_set_size(fd, size: filesize) -> errno`.
pub(crate) fn fd_filestat_set_size(call: &mut Call<'_>) -> WasiResult {
    let (fd, size) = (call.u32(0)?, call.u64(1)?);
    let file = call.ctx.fds.get(fd)?.as_writable_file()?;
    if size > i64::MAX as u64 {
        return Err(Errno::Fbig);
    }
    file.set_len(size).map_err(|e| errno(&e))
}

/// `fd_filestat_set_times(fd, atim: timestamp, mtim: timestamp, fst_flags) -> errno`.
pub(crate) fn fd_filestat_set_times(call: &mut Call<'_>) -> WasiResult {
    let fd = call.u32(0)?;
    let (atime, mtime) = new_times(call.u64(1)?, call.u64(2)?, call.u32(3)?)?;
    let d = call.ctx.fds.get(fd)?;
    if d.read_only {
        return Err(Errno::Rofs);
    }
    // `std::fs::File::set_times` works on any descriptor; a duplicate shares the file.
    let std_file = match &d.handle {
        Handle::File(f) => f.try_clone().map(cap_std::fs::File::into_std),
        Handle::Dir(dir) => dir.try_clone().map(cap_std::fs::Dir::into_std_file),
        Handle::Stream(_) => return Err(Errno::Badf),
    };
    let mut times = std::fs::FileTimes::new();
    if let Some(t) = atime {
        times = times.set_accessed(t);
    }
    if let Some(t) = mtime {
        times = times.set_modified(t);
    }
    std_file.and_then(|f| f.set_times(times)).map_err(|e| errno(&e))
}

/// `fd_pread(fd, iovs, iovs_len, offset: filesize) -> (errno, size)`.
pub(crate) fn fd_pread(call: &mut Call<'_>) -> WasiResult {
    let (fd, iovs, count, offset, nread_ptr) = (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u64(3)?, call.u32(4)?);
    let iovecs = call.mem.iovecs(iovs, count)?;
    let d = call.ctx.fds.get(fd)?;
    let file = readable_file(d)?;
    let mut buf = vec![0; transfer_len(&iovecs)];
    let mut filled = 0;
    while filled < buf.len() {
        match sys::read_at(file, &mut buf[filled..], offset.saturating_add(filled as u64)) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(errno(&e)),
        }
    }
    let n = call.mem.scatter(&iovecs, &buf[..filled])?;
    call.mem.write_u32(nread_ptr, n as u32)
}

/// `fd_pwrite(fd, iovs, iovs_len, offset: filesize) -> (errno, size)`.
pub(crate) fn fd_pwrite(call: &mut Call<'_>) -> WasiResult {
    let (fd, iovs, count, offset, nwritten_ptr) =
        (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u64(3)?, call.u32(4)?);
    let mut data = call.mem.gather(iovs, count)?;
    data.truncate(MAX_TRANSFER);
    let file = call.ctx.fds.get(fd)?.as_writable_file()?;
    let n = sys::write_at(file, &data, offset).map_err(|e| errno(&e))?;
    call.mem.write_u32(nwritten_ptr, n as u32)
}

/// The file behind `d` if it may be read: `BADF` when it was opened without `FD_READ`.
fn readable_file(d: &Descriptor) -> WasiResult<&cap_std::fs::File> {
    let file = d.as_file()?;
    if d.rights_base & RIGHT_FD_READ == 0 {
        return Err(Errno::Badf);
    }
    Ok(file)
}

/// `fd_read(fd, iovs, iovs_len) -> (errno, size)`.
pub(crate) fn fd_read(call: &mut Call<'_>) -> WasiResult {
    let (fd, iovs, count, nread_ptr) = (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u32(3)?);
    let iovecs = call.mem.iovecs(iovs, count)?;
    call.mem.slice(nread_ptr, 4)?;
    let mut buf = vec![0; transfer_len(&iovecs)];
    let d = call.ctx.fds.get_mut(fd)?;
    let n = match &mut d.handle {
        Handle::Stream(Stream::Stdin(input)) => input.read(&mut buf)?,
        Handle::Stream(Stream::Stdout(_)) => return Err(Errno::Badf),
        Handle::File(_) | Handle::Dir(_) => {
            let mut file = readable_file(d)?;
            loop {
                match file.read(&mut buf) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(errno(&e)),
                }
            }
        }
    };
    let n = call.mem.scatter(&iovecs, &buf[..n])?;
    call.mem.write_u32(nread_ptr, n as u32)
}

/// `fd_write(fd, iovs, iovs_len) -> (errno, size)`.
pub(crate) fn fd_write(call: &mut Call<'_>) -> WasiResult {
    let (fd, iovs, count, nwritten_ptr) = (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u32(3)?);
    let mut data = call.mem.gather(iovs, count)?;
    data.truncate(MAX_TRANSFER);
    call.mem.slice(nwritten_ptr, 4)?;
    let d = call.ctx.fds.get_mut(fd)?;
    let n = match &mut d.handle {
        Handle::Stream(Stream::Stdout(output)) => output.write(&data)?,
        Handle::Stream(Stream::Stdin(_)) => return Err(Errno::Badf),
        Handle::File(_) | Handle::Dir(_) => {
            let append = d.flags & FDFLAGS_APPEND != 0;
            let mut file = d.as_writable_file()?;
            if append {
                file.seek(SeekFrom::End(0)).map_err(|e| errno(&e))?;
            }
            loop {
                match file.write(&data) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(errno(&e)),
                }
            }
        }
    };
    call.mem.write_u32(nwritten_ptr, n as u32)
}

/// `fd_seek(fd, offset: filedelta, whence) -> (errno, filesize)`.
pub(crate) fn fd_seek(call: &mut Call<'_>) -> WasiResult {
    let (fd, offset, whence, ptr) = (call.u32(0)?, call.u64(1)? as i64, call.u32(2)?, call.u32(3)?);
    let pos = match whence {
        WHENCE_SET => SeekFrom::Start(u64::try_from(offset).map_err(|_| Errno::Inval)?),
        WHENCE_CUR => SeekFrom::Current(offset),
        WHENCE_END => SeekFrom::End(offset),
        _ => return Err(Errno::Inval),
    };
    call.mem.slice(ptr, 8)?;
    let new = seek(call.ctx.fds.get(fd)?, pos)?;
    call.mem.write_u64(ptr, new)
}

/// `fd_tell(fd) -> (errno, filesize)`.
pub(crate) fn fd_tell(call: &mut Call<'_>) -> WasiResult {
    let (fd, ptr) = (call.u32(0)?, call.u32(1)?);
    let pos = seek(call.ctx.fds.get(fd)?, SeekFrom::Current(0))?;
    call.mem.write_u64(ptr, pos)
}

fn seek(d: &Descriptor, pos: SeekFrom) -> WasiResult<u64> {
    match &d.handle {
        Handle::File(f) => {
            let mut f: &cap_std::fs::File = f;
            f.seek(pos).map_err(|e| errno(&e))
        }
        Handle::Stream(_) => Err(Errno::Spipe),
        Handle::Dir(_) => Err(Errno::Isdir),
    }
}

/// `fd_prestat_get(fd) -> (errno, prestat)`: `BADF` for anything but a preopened directory,
/// which is how wasi-libc finds the end of the preopens.
pub(crate) fn fd_prestat_get(call: &mut Call<'_>) -> WasiResult {
    let (fd, ptr) = (call.u32(0)?, call.u32(1)?);
    let name = call.ctx.fds.get(fd)?.preopen.as_ref().ok_or(Errno::Badf)?;
    let mut buf = [0u8; 8];
    // Tag 0 is `preopentype::dir`.
    buf[4..8].copy_from_slice(&(name.len() as u32).to_le_bytes());
    call.mem.write(ptr, &buf)
}

/// `fd_prestat_dir_name(fd, path: *u8, path_len: size) -> errno`: the guest's name of a
/// preopened directory, without a terminating NUL.
pub(crate) fn fd_prestat_dir_name(call: &mut Call<'_>) -> WasiResult {
    let (fd, ptr, len) = (call.u32(0)?, call.u32(1)?, call.u32(2)?);
    let name = call.ctx.fds.get(fd)?.preopen.as_ref().ok_or(Errno::Badf)?;
    if (len as usize) < name.len() {
        return Err(Errno::Nametoolong);
    }
    call.mem.write(ptr, name.as_bytes())
}

/// `fd_renumber(fd, to: fd) -> errno`: moves `fd` to `to`, closing what `to` was.
pub(crate) fn fd_renumber(call: &mut Call<'_>) -> WasiResult {
    let (from, to) = (call.u32(0)?, call.u32(1)?);
    call.ctx.fds.renumber(from, to)
}

/// One directory entry, as listed by `fd_readdir`.
pub(crate) struct Dirent {
    name: Vec<u8>,
    ino: u64,
    filetype: u8,
}

/// The entries of `dir`: `.` and `..` first, then the rest sorted by name, so listings are
/// stable across calls.
fn list(dir: &cap_std::fs::Dir) -> io::Result<Vec<Dirent>> {
    let ino_of = |meta: io::Result<cap_std::fs::Metadata>| meta.map_or(0, |m| m.ino());
    let mut entries = vec![
        Dirent { name: b".".to_vec(), ino: ino_of(dir.dir_metadata()), filetype: FILETYPE_DIRECTORY },
        // At the root of a preopen `..` is outside the sandbox, and its inode is reported as 0.
        Dirent { name: b"..".to_vec(), ino: ino_of(dir.metadata("..")), filetype: FILETYPE_DIRECTORY },
    ];
    let mut rest = Vec::new();
    for entry in dir.entries()? {
        let entry = entry?;
        let filetype = entry.file_type().map_or(FILETYPE_UNKNOWN, filetype);
        rest.push(Dirent { ino: sys::dirent_ino(&entry), name: sys::name_bytes(entry.file_name()), filetype });
    }
    rest.sort_by(|a, b| a.name.cmp(&b.name));
    entries.extend(rest);
    Ok(entries)
}

/// `fd_readdir(fd, buf: *u8, buf_len: size, cookie: dircookie) -> (errno, size)`.
///
/// Each entry is a 24-byte `dirent` (`d_next`, `d_ino`, `d_namlen`, `d_type`) followed by
/// the name. Entries are written from the one at `cookie` until the buffer is full; the last
/// may be cut short, and a full buffer tells the guest to call again from a later cookie.
/// A call with cookie 0 lists the directory afresh.
pub(crate) fn fd_readdir(call: &mut Call<'_>) -> WasiResult {
    let (fd, buf, buf_len, cookie, used_ptr) = (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u64(3)?, call.u32(4)?);
    call.mem.slice(buf, buf_len)?;
    call.mem.slice(used_ptr, 4)?;
    let d = call.ctx.fds.get_mut(fd)?;
    let dir = d.as_dir()?;
    if cookie == 0 || d.dirents.is_empty() {
        d.dirents = list(dir).map_err(|e| errno(&e))?;
    }
    let mut out = Vec::new();
    let start = usize::try_from(cookie).unwrap_or(usize::MAX);
    for (i, e) in d.dirents.iter().enumerate().skip(start) {
        if out.len() >= buf_len as usize {
            break;
        }
        let mut header = [0u8; DIRENT_SIZE];
        header[0..8].copy_from_slice(&(i as u64 + 1).to_le_bytes());
        header[8..16].copy_from_slice(&e.ino.to_le_bytes());
        header[16..20].copy_from_slice(&(e.name.len() as u32).to_le_bytes());
        header[20] = e.filetype;
        out.extend_from_slice(&header);
        out.extend_from_slice(&e.name);
    }
    out.truncate(buf_len as usize);
    call.mem.write(buf, &out)?;
    call.mem.write_u32(used_ptr, out.len() as u32)
}
