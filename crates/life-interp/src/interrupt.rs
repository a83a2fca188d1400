//! Interrupting running guest code from another thread, and wall-clock timeouts.
//!
//! Guest code polls one flag per store at its interrupt points (loop headers, function entries,
//! metered blocks). An [`InterruptHandle`] raises it. A timeout raises it too, from one timer
//! thread shared by every store of the process: a call writes its deadline into its store's
//! handle (a clock read and two atomic operations, no thread and no lock), and the timer sleeps
//! until the earliest deadline it knows of. A call only wakes the timer when its deadline is
//! earlier than the timer's next wake-up, which for repeated calls with the same timeout
//! happens about once per timeout period.
//!
//! When is a raised interrupt cleared? When the outermost call from the host that it stopped,
//! or that was running when it was raised, ends (returns, traps or pauses). An interrupt raised
//! while no call runs stops the next call before it starts, with the `interrupted` trap.

use std::{
    sync::{
        Arc, Condvar, Mutex, OnceLock, Weak,
        atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

/// Stops guest code running in a store, from any thread. Cheap to clone.
///
/// The guest notices at its next loop header, function entry or metered block and stops with
/// an `interrupted` trap; the store stays usable. Needs `VmConfig::interruptible` (or metering,
/// or a timeout), which compiles those checks in: a store refuses modules decoded without them.
/// An interrupt raised while no call runs stops the next call before it starts; see the module
/// documentation for when it is cleared.
#[derive(Debug, Clone, Default)]
pub struct InterruptHandle {
    inner: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    /// The flag guest code polls.
    flag: AtomicBool,
    /// Deadline of the running call in nanoseconds since [`epoch`], 0 when none is armed.
    deadline: AtomicU64,
    /// Calls from the host in progress (more than one when host functions call back in).
    calls: AtomicU32,
    /// Whether the timer knows this handle.
    registered: AtomicBool,
}

impl InterruptHandle {
    /// Asks the running call, or the next one if none is running, to stop.
    pub fn interrupt(&self) {
        self.inner.flag.store(true, Ordering::SeqCst);
    }

    /// Whether an interrupt is pending.
    pub fn is_raised(&self) -> bool {
        self.inner.flag.load(Ordering::SeqCst)
    }

    pub(crate) fn clear(&self) {
        self.inner.flag.store(false, Ordering::SeqCst);
    }

    pub(crate) fn flag(&self) -> *const AtomicBool {
        &self.inner.flag
    }

    /// Starts a call from the host; returns whether it is the outermost one.
    pub(crate) fn begin_call(&self) -> bool {
        self.inner.calls.fetch_add(1, Ordering::Relaxed) == 0
    }

    /// Arms the timeout of the outermost call: the flag is raised `after` from now.
    pub(crate) fn arm(&self, after: Duration) {
        let deadline = now_nanos().saturating_add(after.as_nanos().min(u64::MAX as u128) as u64).max(1);
        self.inner.deadline.store(deadline, Ordering::SeqCst);
        timer().watch(self, deadline);
    }

    /// Ends a call from the host; the outermost one disarms its deadline and clears the flag.
    pub(crate) fn end_call(&self) {
        if self.inner.calls.fetch_sub(1, Ordering::Relaxed) != 1 {
            return;
        }
        if self.inner.deadline.swap(0, Ordering::SeqCst) == 0 && self.inner.registered.load(Ordering::Relaxed) {
            // The timer took the deadline (or none was armed): wait until it has raised the flag,
            // which it does while holding its lock, so the clear below is the last word.
            drop(timer().state.lock().unwrap_or_else(|e| e.into_inner()));
        }
        self.clear();
    }
}

/// Nanoseconds since the first use of the clock in this process.
fn now_nanos() -> u64 {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// The one timer thread of the process.
struct Timer {
    state: Mutex<Vec<Weak<Shared>>>,
    wake: Condvar,
    /// When the timer next wakes up by itself (nanoseconds since the epoch; `u64::MAX`: never).
    next_wake: AtomicU64,
}

fn timer() -> &'static Timer {
    static TIMER: OnceLock<&'static Timer> = OnceLock::new();
    TIMER.get_or_init(|| {
        let timer: &'static Timer = Box::leak(Box::new(Timer {
            state: Mutex::new(Vec::new()),
            wake: Condvar::new(),
            next_wake: AtomicU64::new(u64::MAX),
        }));
        std::thread::Builder::new()
            .name("life-timeout".into())
            .spawn(move || timer.run())
            .expect("cannot start the timeout thread");
        timer
    })
}

impl Timer {
    /// Makes sure the timer will look at `handle` no later than `deadline`.
    fn watch(&self, handle: &InterruptHandle, deadline: u64) {
        let new =
            !handle.inner.registered.load(Ordering::Relaxed) && !handle.inner.registered.swap(true, Ordering::SeqCst);
        if new || deadline < self.next_wake.load(Ordering::SeqCst) {
            let mut handles = self.state.lock().unwrap_or_else(|e| e.into_inner());
            if new {
                handles.push(Arc::downgrade(&handle.inner));
            }
            self.next_wake.store(0, Ordering::SeqCst);
            self.wake.notify_one();
        }
    }

    fn run(&self) {
        let mut handles = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            // Publish "scanning" first: a deadline stored after this store is either seen by the
            // scan below or its call sees a wake-up time later than itself and notifies.
            self.next_wake.store(u64::MAX, Ordering::SeqCst);
            let now = now_nanos();
            let mut next = u64::MAX;
            handles.retain(|weak| {
                let Some(shared) = weak.upgrade() else { return false };
                let deadline = shared.deadline.load(Ordering::SeqCst);
                if deadline != 0 && deadline <= now {
                    if shared.deadline.compare_exchange(deadline, 0, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                        shared.flag.store(true, Ordering::SeqCst);
                    }
                } else if deadline != 0 {
                    next = next.min(deadline);
                }
                true
            });
            self.next_wake.store(next, Ordering::SeqCst);
            handles = match next {
                u64::MAX => self.wake.wait(handles).unwrap_or_else(|e| e.into_inner()),
                next => {
                    let wait = Duration::from_nanos(next.saturating_sub(now_nanos()));
                    self.wake.wait_timeout(handles, wait).unwrap_or_else(|e| e.into_inner()).0
                }
            };
        }
    }
}
