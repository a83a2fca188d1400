//! `Trap`: why a call stopped, and the guest stack at that moment.

use life_decode::TrapCode;
use std::fmt;

/// Why execution trapped.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TrapKind {
    /// A WebAssembly trap with the spec's reason.
    Code(TrapCode),
    /// A host function failed with this message.
    Host(String),
    /// The guest asked to exit the process with this code (WASI `proc_exit`).
    Exit(i32),
    /// A host function asked to suspend the guest (see `Store::invoke_resumable`).
    Suspend,
    /// A function could not be translated on its first call (lazy translation; see
    /// `VmConfig::lazy_translation`): it exceeds a translation limit.
    Translation(String),
}

/// One guest frame of a trap's stack trace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceFrame {
    /// Function index in its module.
    pub func_index: u32,
    /// Function name from the `name` section, if any.
    pub name: Option<String>,
}

impl fmt::Display for TraceFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.name {
            Some(name) => write!(f, "{name} (func {})", self.func_index),
            None => write!(f, "func {}", self.func_index),
        }
    }
}

#[derive(Debug, Clone)]
struct TrapInner {
    kind: TrapKind,
    trace: Vec<TraceFrame>,
    /// The host function's own error, for [`Trap::downcast_ref`] and `source()`.
    error: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
}

/// A trap: execution stopped abnormally. Boxed so `Result<_, Trap>` stays one word.
#[derive(Debug, Clone)]
pub struct Trap(Box<TrapInner>);

impl Trap {
    /// A trap of the given kind, with no stack trace yet.
    #[cold]
    pub fn new(kind: TrapKind) -> Self {
        Trap(Box::new(TrapInner { kind, trace: Vec::new(), error: None }))
    }

    /// A host error carrying the host's own error value: the trap's message is its `Display`,
    /// and the embedder gets it back with [`Trap::downcast_ref`] (or `source()`).
    ///
    /// ```
    /// use life_interp::Trap;
    /// #[derive(Debug)]
    /// struct Refused(u32);
    /// impl std::fmt::Display for Refused {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    ///         write!(f, "refused request {}", self.0)
    ///     }
    /// }
    /// impl std::error::Error for Refused {}
    ///
    /// let trap = Trap::error(Refused(7));
    /// assert_eq!(trap.to_string(), "host error: refused request 7");
    /// assert_eq!(trap.downcast_ref::<Refused>().map(|r| r.0), Some(7));
    /// ```
    #[cold]
    pub fn error(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        let mut trap = Trap::host(error.to_string());
        trap.0.error = Some(std::sync::Arc::new(error));
        trap
    }

    /// The host error this trap carries, if it is an `E` (see [`Trap::error`]).
    pub fn downcast_ref<E: std::error::Error + 'static>(&self) -> Option<&E> {
        self.0.error.as_deref().and_then(|e| (e as &(dyn std::error::Error + 'static)).downcast_ref())
    }

    /// A host error with a message, for host functions to return.
    #[cold]
    pub fn host(message: impl Into<String>) -> Self {
        Trap::new(TrapKind::Host(message.into()))
    }

    /// What a host function returns to suspend the guest; the call then pauses with
    /// `PauseReason::Host` and continues when `Store::resume` supplies the host's results.
    pub fn suspend() -> Self {
        Trap::new(TrapKind::Suspend)
    }

    /// The trap's kind.
    pub fn kind(&self) -> &TrapKind {
        &self.0.kind
    }

    /// The spec trap code, if this is a WebAssembly trap.
    pub fn code(&self) -> Option<TrapCode> {
        match self.0.kind {
            TrapKind::Code(c) => Some(c),
            _ => None,
        }
    }

    /// Guest frames, innermost first.
    pub fn trace(&self) -> &[TraceFrame] {
        &self.0.trace
    }

    /// The same trap (kind and host error) with `trace` as its stack trace.
    pub(crate) fn replace_trace(mut self, trace: Vec<TraceFrame>) -> Self {
        self.0.trace = trace;
        self
    }

    pub(crate) fn with_trace(mut self, trace: Vec<TraceFrame>) -> Self {
        if self.0.trace.is_empty() {
            self.0.trace = trace;
        }
        self
    }

    /// The message followed by the stack trace, one frame per line.
    pub fn display_with_trace(&self) -> String {
        let mut s = self.to_string();
        for (i, frame) in self.0.trace.iter().enumerate() {
            s.push_str(&format!("\n  {i}: {frame}"));
        }
        s
    }
}

impl From<TrapCode> for Trap {
    #[cold]
    fn from(code: TrapCode) -> Self {
        Trap::new(TrapKind::Code(code))
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.kind {
            TrapKind::Code(c) => write!(f, "{c}"),
            TrapKind::Host(m) => write!(f, "host error: {m}"),
            TrapKind::Exit(code) => write!(f, "exit with code {code}"),
            TrapKind::Suspend => f.write_str("a host function asked to suspend"),
            TrapKind::Translation(m) => write!(f, "function could not be translated: {m}"),
        }
    }
}

impl std::error::Error for Trap {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.error.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_is_one_pointer() {
        assert_eq!(std::mem::size_of::<Trap>(), std::mem::size_of::<usize>());
        assert_eq!(std::mem::size_of::<Result<(), Trap>>(), std::mem::size_of::<usize>());
    }
}
