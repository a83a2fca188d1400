//! `poll_oneoff`: waiting for clocks; descriptors are always ready.

use super::{Call, env};
use crate::{ctx::Handle, types::*};
use std::time::{Duration, Instant};

/// One subscription, decoded.
enum Sub {
    /// Fires at `deadline`.
    Clock { deadline: Instant },
    /// A readiness query on a descriptor, answered at once.
    Fd { kind: u8, nbytes: u64 },
    /// An invalid subscription, answered at once with this error.
    Error { kind: u8, errno: Errno },
}

/// `poll_oneoff(in: *subscription, out: *event, nsubscriptions: size) -> (errno, size)`.
///
/// Clock subscriptions (relative or `ABSTIME`) sleep until the earliest deadline.
/// Descriptor subscriptions report ready immediately: reads and writes on Life's
/// descriptors never block for long (files), or blocking is what the guest asked for (stdin).
/// For a regular file, `FD_READ` reports the bytes left after the current position.
/// When anything is ready at once, the call does not sleep, and reports the clocks already
/// due along with it.
pub(crate) fn poll_oneoff(call: &mut Call<'_>) -> WasiResult {
    let (inp, out, n, nevents_ptr) = (call.u32(0)?, call.u32(1)?, call.u32(2)?, call.u32(3)?);
    if n == 0 {
        return Err(Errno::Inval);
    }
    let size = |each: u32| n.checked_mul(each).ok_or(Errno::Fault);
    call.mem.slice(inp, size(SUBSCRIPTION_SIZE)?)?;
    call.mem.slice(out, size(EVENT_SIZE)?)?;
    call.mem.slice(nevents_ptr, 4)?;
    let now = Instant::now();
    let mut subs = Vec::with_capacity(n as usize);
    for i in 0..n {
        let at = inp + i * SUBSCRIPTION_SIZE;
        let userdata = call.mem.read_u64(at)?;
        let tag = call.mem.read_u8(at + 8)?;
        let sub = match tag {
            EVENTTYPE_CLOCK => {
                let id = call.mem.read_u32(at + 16)?;
                let timeout = call.mem.read_u64(at + 24)?;
                let flags = call.mem.read_u16(at + 40)?;
                match env::now(call.ctx, id) {
                    Ok(clock_now) => {
                        let wait =
                            if flags & SUBCLOCK_ABSTIME != 0 { timeout.saturating_sub(clock_now) } else { timeout };
                        // A deadline past what `Instant` can hold waits 136 years instead.
                        let deadline = now
                            .checked_add(Duration::from_nanos(wait))
                            .or_else(|| now.checked_add(Duration::from_secs(1 << 32)))
                            .unwrap_or(now);
                        now.checked_add(Duration::from_nanos(wait)).unwrap_or(now + Duration::from_secs(1 << 40));
                        Sub::Clock { deadline }
                    }
                    Err(errno) => Sub::Error { kind: tag, errno },
                }
            }
            EVENTTYPE_FD_READ | EVENTTYPE_FD_WRITE => {
                let fd = call.mem.read_u32(at + 16)?;
                match call.ctx.fds.get(fd) {
                    Ok(d) => Sub::Fd { kind: tag, nbytes: readable_bytes(&d.handle, tag) },
                    Err(errno) => Sub::Error { kind: tag, errno },
                }
            }
            _ => return Err(Errno::Inval),
        };
        subs.push((userdata, sub));
    }
    let immediate = subs.iter().any(|(_, s)| !matches!(s, Sub::Clock { .. }));
    let until = if immediate {
        now
    } else {
        let earliest = subs.iter().filter_map(|(_, s)| match s {
            Sub::Clock { deadline } => Some(*deadline),
            _ => None,
        });
        let earliest = earliest.min().unwrap_or(now);
        let wait = earliest.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        earliest
    };
    let mut count = 0;
    for (userdata, sub) in &subs {
        let (kind, errno, nbytes) = match *sub {
            Sub::Clock { deadline } if deadline <= until => (EVENTTYPE_CLOCK, 0, 0),
            Sub::Clock { .. } => continue,
            Sub::Fd { kind, nbytes } => (kind, 0, nbytes),
            Sub::Error { kind, errno } => (kind, errno as u16, 0),
        };
        let mut event = [0u8; EVENT_SIZE as usize];
        event[0..8].copy_from_slice(&userdata.to_le_bytes());
        event[8..10].copy_from_slice(&errno.to_le_bytes());
        event[10] = kind;
        event[16..24].copy_from_slice(&nbytes.to_le_bytes());
        call.mem.write(out + count * EVENT_SIZE, &event)?;
        count += 1;
    }
    call.mem.write_u32(nevents_ptr, count)
}

/// For `FD_READ` on a regular file, the bytes after the current position; otherwise 0.
fn readable_bytes(handle: &Handle, kind: u8) -> u64 {
    use std::io::Seek;
    match handle {
        Handle::File(f) if kind == EVENTTYPE_FD_READ => {
            let mut f: &cap_std::fs::File = f;
            let len = f.metadata().map_or(0, |m| m.len());
            let pos = f.stream_position().unwrap_or(len);
            len.saturating_sub(pos)
        }
        _ => 0,
    }
}
