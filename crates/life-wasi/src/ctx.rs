//! `WasiCtx` and its builder: what a guest may see (arguments, environment, standard streams,
//! preopened directories), and the descriptor table that holds it at run time.

use crate::{
    stdio::{Input, Output},
    types::*,
};
use cap_std::{ambient_authority, fs::Dir};
use std::{
    io::{self, Read, Write},
    path::Path,
    time::Instant,
};

/// The most descriptors a guest may hold open at once; `path_open` past it fails with `MFILE`.
///
/// This keeps a guest from exhausting the host process's own descriptors.
const MAX_FDS: usize = 1024;

/// The state of one WASI guest: its arguments, environment, clocks and open descriptors.
///
/// Build one with [`WasiCtx::builder`] and wrap it in a [`Wasi`](crate::Wasi) to resolve imports.
/// By default a guest has no arguments, no environment variables, no directories, an empty
/// standard input and standard output and error that discard what is written.
pub struct WasiCtx {
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<String>,
    pub(crate) fds: FdTable,
    /// The origin of `CLOCK_MONOTONIC`.
    pub(crate) start: Instant,
}

impl std::fmt::Debug for WasiCtx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WasiCtx")
            .field("args", &self.args)
            .field("env", &self.env)
            .field("open_fds", &self.fds.entries.iter().filter(|e| e.is_some()).count())
            .finish_non_exhaustive()
    }
}

impl WasiCtx {
    /// A builder for a context.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::default()
    }
}

/// Builds a [`WasiCtx`]: only what is given here is visible to the guest.
///
/// ```
/// use life_wasi::{OutputBuffer, WasiCtx};
/// let out = OutputBuffer::new();
/// let ctx = WasiCtx::builder()
///     .args(["prog.wasm", "--verbose"])
///     .env("LANG", "C")
///     .stdin_bytes("input\n")
///     .stdout(out.clone())
///     .build();
/// # let _ = ctx;
/// ```
#[derive(Default)]
pub struct WasiCtxBuilder {
    args: Vec<String>,
    env: Vec<String>,
    stdin: Input,
    stdout: Output,
    stderr: Output,
    preopens: Vec<Preopen>,
}

struct Preopen {
    dir: Dir,
    guest_path: String,
    read_only: bool,
}

impl WasiCtxBuilder {
    /// Appends one command-line argument; the first is the program's name.
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// Appends command-line arguments; the first is the program's name.
    pub fn args<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Adds environment variable `key` with `value`. The guest sees no other variable.
    pub fn env(mut self, key: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        self.env.push(format!("{}={}", key.as_ref(), value.as_ref()));
        self
    }

    /// Adds environment variables.
    pub fn envs<K: AsRef<str>, V: AsRef<str>>(mut self, vars: impl IntoIterator<Item = (K, V)>) -> Self {
        for (k, v) in vars {
            self = self.env(k, v);
        }
        self
    }

    /// Gives the guest this process's standard input, output and error.
    pub fn inherit_stdio(mut self) -> Self {
        self.stdin = Input::Inherit;
        self.stdout = Output::Stdout;
        self.stderr = Output::Stderr;
        self
    }

    /// Standard input reads from `reader`.
    pub fn stdin(mut self, reader: impl Read + Send + 'static) -> Self {
        self.stdin = Input::Reader(Box::new(reader));
        self
    }

    /// Standard input reads these bytes, then end of file.
    pub fn stdin_bytes(self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin(io::Cursor::new(bytes.into()))
    }

    /// Standard output writes to `writer`, for example an [`OutputBuffer`](crate::OutputBuffer).
    pub fn stdout(mut self, writer: impl Write + Send + 'static) -> Self {
        self.stdout = Output::Writer(Box::new(writer));
        self
    }

    /// Standard error writes to `writer`, for example an [`OutputBuffer`](crate::OutputBuffer).
    pub fn stderr(mut self, writer: impl Write + Send + 'static) -> Self {
        self.stderr = Output::Writer(Box::new(writer));
        self
    }

    /// Lets the guest use host directory `host_path` under the name `guest_path`.
    ///
    /// The guest reaches nothing outside it: paths are resolved by `cap-std`, which refuses
    /// `..` past the directory, absolute paths and symbolic links that lead out.
    /// With `read_only`, anything that would change the directory or a file in it fails
    /// with `ROFS`.
    /// Preopens get descriptors 3, 4, ... in the order they are added.
    ///
    /// # Errors
    ///
    /// The host directory cannot be opened (the OS's error, as `std::fs` reports it).
    pub fn preopened_dir(
        mut self,
        host_path: impl AsRef<Path>,
        guest_path: impl Into<String>,
        read_only: bool,
    ) -> io::Result<Self> {
        let dir = Dir::open_ambient_dir(host_path, ambient_authority())?;
        self.preopens.push(Preopen { dir, guest_path: guest_path.into(), read_only });
        Ok(self)
    }

    /// The context.
    pub fn build(self) -> WasiCtx {
        let mut fds = FdTable { entries: Vec::new() };
        fds.entries.push(Some(Descriptor::stream(Stream::Stdin(self.stdin), RIGHTS_STDIN)));
        fds.entries.push(Some(Descriptor::stream(Stream::Stdout(self.stdout), RIGHTS_STDOUT)));
        fds.entries.push(Some(Descriptor::stream(Stream::Stdout(self.stderr), RIGHTS_STDOUT)));
        for p in self.preopens {
            let mut d = Descriptor::dir(p.dir, RIGHTS_DIR, RIGHTS_DIR | RIGHTS_FILE, p.read_only);
            d.preopen = Some(p.guest_path);
            fds.entries.push(Some(d));
        }
        WasiCtx { args: self.args, env: self.env, fds, start: Instant::now() }
    }
}

/// A standard stream.
pub(crate) enum Stream {
    Stdin(Input),
    Stdout(Output),
}

/// What a descriptor refers to.
pub(crate) enum Handle {
    Stream(Stream),
    File(cap_std::fs::File),
    Dir(Dir),
}

/// One open descriptor.
pub(crate) struct Descriptor {
    pub handle: Handle,
    pub rights_base: u64,
    pub rights_inheriting: u64,
    /// The `fdflags` the guest set (`APPEND`, `NONBLOCK`, ...).
    pub flags: u16,
    /// Opened under a read-only preopen: nothing through it may change the file system.
    pub read_only: bool,
    /// The guest's name for a preopened directory.
    pub preopen: Option<String>,
    /// The entries of the last `fd_readdir` from cookie 0, which later cookies index.
    pub dirents: Vec<crate::funcs::fd::Dirent>,
}

impl Descriptor {
    fn stream(stream: Stream, rights: u64) -> Self {
        Descriptor::new(Handle::Stream(stream), rights, 0, false)
    }

    pub(crate) fn dir(dir: Dir, base: u64, inheriting: u64, read_only: bool) -> Self {
        Descriptor::new(Handle::Dir(dir), base, inheriting, read_only)
    }

    pub(crate) fn new(handle: Handle, base: u64, inheriting: u64, read_only: bool) -> Self {
        Descriptor {
            handle,
            rights_base: base,
            rights_inheriting: inheriting,
            flags: 0,
            read_only,
            preopen: None,
            dirents: Vec::new(),
        }
    }

    /// The directory, or `NOTDIR`.
    pub(crate) fn as_dir(&self) -> WasiResult<&Dir> {
        match &self.handle {
            Handle::Dir(d) => Ok(d),
            _ => Err(Errno::Notdir),
        }
    }

    /// The directory, failing with `ROFS` when it is under a read-only preopen.
    pub(crate) fn as_writable_dir(&self) -> WasiResult<&Dir> {
        let dir = self.as_dir()?;
        if self.read_only {
            return Err(Errno::Rofs);
        }
        Ok(dir)
    }

    /// The regular file, `ISDIR` for a directory, `BADF` for a stream.
    pub(crate) fn as_file(&self) -> WasiResult<&cap_std::fs::File> {
        match &self.handle {
            Handle::File(f) => Ok(f),
            Handle::Dir(_) => Err(Errno::Isdir),
            Handle::Stream(_) => Err(Errno::Badf),
        }
    }

    /// The file, failing with `ROFS` under a read-only preopen and `BADF` when it was not
    /// opened for writing.
    pub(crate) fn as_writable_file(&self) -> WasiResult<&cap_std::fs::File> {
        let file = self.as_file()?;
        if self.read_only {
            return Err(Errno::Rofs);
        }
        if self.rights_base & RIGHT_FD_WRITE == 0 {
            return Err(Errno::Badf);
        }
        Ok(file)
    }
}

/// The guest's descriptors, indexed by number.
pub(crate) struct FdTable {
    entries: Vec<Option<Descriptor>>,
}

impl FdTable {
    pub(crate) fn get(&self, fd: u32) -> WasiResult<&Descriptor> {
        self.entries.get(fd as usize).and_then(Option::as_ref).ok_or(Errno::Badf)
    }

    pub(crate) fn get_mut(&mut self, fd: u32) -> WasiResult<&mut Descriptor> {
        self.entries.get_mut(fd as usize).and_then(Option::as_mut).ok_or(Errno::Badf)
    }

    /// Stores `d` under the lowest free number, as POSIX `open` does.
    pub(crate) fn insert(&mut self, d: Descriptor) -> WasiResult<u32> {
        if let Some(i) = self.entries.iter().position(Option::is_none) {
            self.entries[i] = Some(d);
            return Ok(i as u32);
        }
        if self.entries.len() >= MAX_FDS {
            return Err(Errno::Mfile);
        }
        self.entries.push(Some(d));
        Ok(self.entries.len() as u32 - 1)
    }

    pub(crate) fn remove(&mut self, fd: u32) -> WasiResult<Descriptor> {
        self.entries.get_mut(fd as usize).and_then(Option::take).ok_or(Errno::Badf)
    }

    /// Moves `from` to `to`, closing what `to` held. Both must be open.
    pub(crate) fn renumber(&mut self, from: u32, to: u32) -> WasiResult {
        self.get(from)?;
        self.get(to)?;
        if from != to {
            let d = self.remove(from)?;
            self.entries[to as usize] = Some(d);
        }
        Ok(())
    }
}
