//! Interrupting running guest code from another thread, and wall-clock timeouts.

use std::{
    sync::{
        Arc, Condvar, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

/// Stops guest code running in a store, from any thread. Cheap to clone.
///
/// The guest notices at its next loop header, function entry or metered block and stops with
/// an `interrupted` trap; the store stays usable. Needs `VmConfig::interruptible` (or metering,
/// or a timeout), which compiles those checks in.
#[derive(Debug, Clone, Default)]
pub struct InterruptHandle {
    flag: Arc<AtomicBool>,
}

impl InterruptHandle {
    /// Asks the running call to stop.
    pub fn interrupt(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    pub(crate) fn clear(&self) {
        self.flag.store(false, Ordering::Relaxed);
    }

    pub(crate) fn flag(&self) -> *const AtomicBool {
        Arc::as_ptr(&self.flag)
    }
}

/// Interrupts a store after a delay unless dropped first.
pub(crate) struct Watchdog {
    cancel: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watchdog {
    pub(crate) fn start(handle: InterruptHandle, after: Duration) -> Watchdog {
        let cancel = Arc::new((Mutex::new(false), Condvar::new()));
        let theirs = cancel.clone();
        let thread = std::thread::spawn(move || {
            let (lock, cvar) = &*theirs;
            let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (cancelled, _) = cvar.wait_timeout_while(guard, after, |c| !*c).unwrap_or_else(|e| e.into_inner());
            if !*cancelled {
                handle.interrupt();
            }
        });
        Watchdog { cancel, thread: Some(thread) }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, cvar) = &*self.cancel;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        cvar.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
