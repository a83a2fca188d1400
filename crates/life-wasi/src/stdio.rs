//! Standard streams: inherited from the host process, supplied by the embedder, or in memory.

use crate::types::{FILETYPE_CHARACTER_DEVICE, FILETYPE_UNKNOWN, WasiResult};
use std::{
    io::{self, IsTerminal, Read, Write},
    sync::{Arc, Mutex},
};

/// Where standard input comes from.
#[derive(Default)]
pub(crate) enum Input {
    /// Nothing: reads return end of file.
    #[default]
    Empty,
    /// The host process's standard input.
    Inherit,
    /// The embedder's reader.
    Reader(Box<dyn Read + Send>),
}

/// Where standard output or error goes.
#[derive(Default)]
pub(crate) enum Output {
    /// Nowhere: writes succeed and are dropped.
    #[default]
    Sink,
    /// The host process's standard output.
    Stdout,
    /// The host process's standard error.
    Stderr,
    /// The embedder's writer.
    Writer(Box<dyn Write + Send>),
}

impl Input {
    pub(crate) fn read(&mut self, buf: &mut [u8]) -> WasiResult<usize> {
        let r = match self {
            Input::Empty => Ok(0),
            Input::Inherit => io::stdin().lock().read(buf),
            Input::Reader(r) => r.read(buf),
        };
        r.map_err(|e| crate::error::errno(&e))
    }

    /// `CHARACTER_DEVICE` for a terminal, so that wasi-libc's `isatty` agrees with the host.
    pub(crate) fn filetype(&self) -> u8 {
        match self {
            Input::Inherit if io::stdin().is_terminal() => FILETYPE_CHARACTER_DEVICE,
            _ => FILETYPE_UNKNOWN,
        }
    }
}

impl Output {
    /// Writes all of `data` and flushes, so output interleaves with the host's as it happens.
    pub(crate) fn write(&mut self, data: &[u8]) -> WasiResult<usize> {
        let r = match self {
            Output::Sink => Ok(()),
            Output::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(data).and_then(|()| out.flush())
            }
            Output::Stderr => io::stderr().lock().write_all(data),
            Output::Writer(w) => w.write_all(data).and_then(|()| w.flush()),
        };
        r.map(|()| data.len()).map_err(|e| crate::error::errno(&e))
    }

    /// `CHARACTER_DEVICE` for a terminal, so that wasi-libc's `isatty` agrees with the host.
    pub(crate) fn filetype(&self) -> u8 {
        let tty = match self {
            Output::Stdout => io::stdout().is_terminal(),
            Output::Stderr => io::stderr().is_terminal(),
            Output::Sink | Output::Writer(_) => false,
        };
        if tty { FILETYPE_CHARACTER_DEVICE } else { FILETYPE_UNKNOWN }
    }
}

/// An in-memory output stream shared by its clones, to capture what a guest writes.
///
/// ```
/// use life_wasi::OutputBuffer;
/// use std::io::Write;
/// let buf = OutputBuffer::new();
/// buf.clone().write_all(b"hi").unwrap();
/// assert_eq!(buf.contents(), b"hi");
/// ```
#[derive(Debug, Clone, Default)]
pub struct OutputBuffer(Arc<Mutex<Vec<u8>>>);

impl OutputBuffer {
    /// An empty buffer.
    pub fn new() -> Self {
        OutputBuffer::default()
    }

    /// Everything written so far.
    pub fn contents(&self) -> Vec<u8> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Everything written so far, as text (invalid UTF-8 replaced).
    pub fn to_string_lossy(&self) -> String {
        String::from_utf8_lossy(&self.contents()).into_owned()
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
