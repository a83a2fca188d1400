//! Arguments, environment, clocks, randomness and scheduling.

use super::Call;
use crate::{memory::GuestMemory, sys, types::*};
use std::time::{SystemTime, UNIX_EPOCH};

/// Writes a list of strings as C strings: pointers into `ptrs`, the bytes into `buf`.
fn write_strings(mem: &mut GuestMemory<'_>, strings: &[String], ptrs: u32, buf: u32) -> WasiResult {
    let mut at = buf;
    for (i, s) in strings.iter().enumerate() {
        mem.write_u32(ptrs.wrapping_add(4 * i as u32), at)?;
        mem.write(at, s.as_bytes())?;
        mem.write(at.wrapping_add(s.len() as u32), &[0])?;
        at = at.wrapping_add(s.len() as u32 + 1);
    }
    Ok(())
}

/// Writes the count of `strings` and the bytes they take as C strings.
fn write_sizes(mem: &mut GuestMemory<'_>, strings: &[String], count_ptr: u32, size_ptr: u32) -> WasiResult {
    let size: usize = strings.iter().map(|s| s.len() + 1).sum();
    mem.write_u32(count_ptr, strings.len() as u32)?;
    mem.write_u32(size_ptr, u32::try_from(size).map_err(|_| Errno::Overflow)?)
}

/// `args_get(argv: **u8, argv_buf: *u8) -> errno`.
pub(crate) fn args_get(call: &mut Call<'_>) -> WasiResult {
    let (a, b) = (call.u32(0)?, call.u32(1)?);
    write_strings(&mut call.mem, &call.ctx.args, a, b)
}

/// `args_sizes_get() -> (errno, size, size)`: the count and the total bytes of the arguments.
pub(crate) fn args_sizes_get(call: &mut Call<'_>) -> WasiResult {
    let (a, b) = (call.u32(0)?, call.u32(1)?);
    write_sizes(&mut call.mem, &call.ctx.args, a, b)
}

/// `environ_get(environ: **u8, environ_buf: *u8) -> errno`; each entry is `KEY=VALUE`.
pub(crate) fn environ_get(call: &mut Call<'_>) -> WasiResult {
    let (a, b) = (call.u32(0)?, call.u32(1)?);
    write_strings(&mut call.mem, &call.ctx.env, a, b)
}

/// `environ_sizes_get() -> (errno, size, size)`.
pub(crate) fn environ_sizes_get(call: &mut Call<'_>) -> WasiResult {
    let (a, b) = (call.u32(0)?, call.u32(1)?);
    write_sizes(&mut call.mem, &call.ctx.env, a, b)
}

/// `clock_res_get(id: clockid) -> (errno, timestamp)`.
///
/// Every clock reports a resolution of one nanosecond, as Linux does for these clocks.
pub(crate) fn clock_res_get(call: &mut Call<'_>) -> WasiResult {
    let (id, ptr) = (call.u32(0)?, call.u32(1)?);
    match id {
        CLOCK_REALTIME | CLOCK_MONOTONIC | CLOCK_PROCESS_CPUTIME | CLOCK_THREAD_CPUTIME => call.mem.write_u64(ptr, 1),
        _ => Err(Errno::Inval),
    }
}

/// `clock_time_get(id: clockid, precision: timestamp) -> (errno, timestamp)`.
///
/// The precision is a hint and is ignored. `MONOTONIC` counts from the context's creation.
pub(crate) fn clock_time_get(call: &mut Call<'_>) -> WasiResult {
    let (id, ptr) = (call.u32(0)?, call.u32(2)?);
    let now = now(call.ctx, id)?;
    call.mem.write_u64(ptr, now)
}

/// The current time of clock `id` in nanoseconds.
pub(crate) fn now(ctx: &crate::WasiCtx, id: u32) -> WasiResult<u64> {
    match id {
        CLOCK_REALTIME => {
            let since = SystemTime::now().duration_since(UNIX_EPOCH).map_err(|_| Errno::Overflow)?;
            u64::try_from(since.as_nanos()).map_err(|_| Errno::Overflow)
        }
        CLOCK_MONOTONIC => u64::try_from(ctx.start.elapsed().as_nanos()).map_err(|_| Errno::Overflow),
        CLOCK_PROCESS_CPUTIME | CLOCK_THREAD_CPUTIME => sys::cpu_time(id),
        _ => Err(Errno::Inval),
    }
}

/// `random_get(buf: *u8, buf_len: size) -> errno`: bytes from the host's secure generator.
pub(crate) fn random_get(call: &mut Call<'_>) -> WasiResult {
    let (ptr, len) = (call.u32(0)?, call.u32(1)?);
    let buf = call.mem.slice_mut(ptr, len)?;
    getrandom::fill(buf).map_err(|_| Errno::Io)
}

/// `sched_yield() -> errno`.
pub(crate) fn sched_yield(_call: &mut Call<'_>) -> WasiResult {
    std::thread::yield_now();
    Ok(())
}
