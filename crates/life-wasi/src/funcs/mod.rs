//! The list of `wasi_snapshot_preview1` functions and the glue that turns each into a
//! `HostFunc`.
//!
//! [`FUNCTIONS`] is the only list: a name, the parameter types and the body of every function
//! Life implements. Every function returns an `errno` as its one `i32` result, except
//! `proc_exit`, which returns nothing (it never returns at all).
//! A body receives a [`Call`]: the context, the caller's memory and the arguments.
//! Any other name in the `wasi_snapshot_preview1` module is unknown: what it resolves to, if
//! anything, is the resolver's [`UnknownImports`](crate::UnknownImports) policy.

pub(crate) mod env;
pub(crate) mod fd;
pub(crate) mod path;
pub(crate) mod poll;
pub(crate) mod sock;

use crate::{
    WasiCtx,
    memory::GuestMemory,
    types::{Errno, WasiResult},
};
use life_interp::{Caller, FuncType, HostFunc, Trap, TrapKind, ValType, Value};
use std::sync::{Arc, Mutex};

/// The import module name of WASI preview 1.
pub const MODULE: &str = "wasi_snapshot_preview1";

/// What a WASI function does.
#[derive(Clone, Copy)]
enum Body {
    /// An ordinary function: its `errno` is the result.
    Errno(fn(&mut Call<'_>) -> WasiResult),
    /// `proc_exit`: stops the program with a `TrapKind::Exit` trap carrying the code.
    Exit,
    /// `proc_raise`: stops the program with a trap naming the signal.
    Raise,
}

const I: ValType = ValType::I32;
const L: ValType = ValType::I64;

/// Every implemented function: name, parameters, body.
#[rustfmt::skip]
const FUNCTIONS: &[(&str, &[ValType], Body)] = &[
    ("args_get", &[I, I], Body::Errno(env::args_get)),
    ("args_sizes_get", &[I, I], Body::Errno(env::args_sizes_get)),
    ("environ_get", &[I, I], Body::Errno(env::environ_get)),
    ("environ_sizes_get", &[I, I], Body::Errno(env::environ_sizes_get)),
    ("clock_res_get", &[I, I], Body::Errno(env::clock_res_get)),
    ("clock_time_get", &[I, L, I], Body::Errno(env::clock_time_get)),
    ("random_get", &[I, I], Body::Errno(env::random_get)),
    ("sched_yield", &[], Body::Errno(env::sched_yield)),
    ("proc_exit", &[I], Body::Exit),
    ("proc_raise", &[I], Body::Raise),
    ("fd_advise", &[I, L, L, I], Body::Errno(fd::fd_advise)),
    ("fd_allocate", &[I, L, L], Body::Errno(fd::fd_allocate)),
    ("fd_close", &[I], Body::Errno(fd::fd_close)),
    ("fd_datasync", &[I], Body::Errno(fd::fd_datasync)),
    ("fd_fdstat_get", &[I, I], Body::Errno(fd::fd_fdstat_get)),
    ("fd_fdstat_set_flags", &[I, I], Body::Errno(fd::fd_fdstat_set_flags)),
    ("fd_fdstat_set_rights", &[I, L, L], Body::Errno(fd::fd_fdstat_set_rights)),
    ("fd_filestat_get", &[I, I], Body::Errno(fd::fd_filestat_get)),
    ("fd_filestat_set_size", &[I, L], Body::Errno(fd::fd_filestat_set_size)),
    ("fd_filestat_set_times", &[I, L, L, I], Body::Errno(fd::fd_filestat_set_times)),
    ("fd_pread", &[I, I, I, L, I], Body::Errno(fd::fd_pread)),
    ("fd_prestat_get", &[I, I], Body::Errno(fd::fd_prestat_get)),
    ("fd_prestat_dir_name", &[I, I, I], Body::Errno(fd::fd_prestat_dir_name)),
    ("fd_pwrite", &[I, I, I, L, I], Body::Errno(fd::fd_pwrite)),
    ("fd_read", &[I, I, I, I], Body::Errno(fd::fd_read)),
    ("fd_readdir", &[I, I, I, L, I], Body::Errno(fd::fd_readdir)),
    ("fd_renumber", &[I, I], Body::Errno(fd::fd_renumber)),
    ("fd_seek", &[I, L, I, I], Body::Errno(fd::fd_seek)),
    ("fd_sync", &[I], Body::Errno(fd::fd_sync)),
    ("fd_tell", &[I, I], Body::Errno(fd::fd_tell)),
    ("fd_write", &[I, I, I, I], Body::Errno(fd::fd_write)),
    ("path_create_directory", &[I, I, I], Body::Errno(path::path_create_directory)),
    ("path_filestat_get", &[I, I, I, I, I], Body::Errno(path::path_filestat_get)),
    ("path_filestat_set_times", &[I, I, I, I, L, L, I], Body::Errno(path::path_filestat_set_times)),
    ("path_link", &[I, I, I, I, I, I, I], Body::Errno(path::path_link)),
    ("path_open", &[I, I, I, I, I, L, L, I, I], Body::Errno(path::path_open)),
    ("path_readlink", &[I, I, I, I, I, I], Body::Errno(path::path_readlink)),
    ("path_remove_directory", &[I, I, I], Body::Errno(path::path_remove_directory)),
    ("path_rename", &[I, I, I, I, I, I], Body::Errno(path::path_rename)),
    ("path_symlink", &[I, I, I, I, I], Body::Errno(path::path_symlink)),
    ("path_unlink_file", &[I, I, I], Body::Errno(path::path_unlink_file)),
    ("poll_oneoff", &[I, I, I, I], Body::Errno(poll::poll_oneoff)),
    ("sock_accept", &[I, I, I], Body::Errno(sock::sock_accept)),
    ("sock_recv", &[I, I, I, I, I, I], Body::Errno(sock::sock_recv)),
    ("sock_send", &[I, I, I, I, I], Body::Errno(sock::sock_send)),
    ("sock_shutdown", &[I, I], Body::Errno(sock::sock_shutdown)),
];

/// The names of the implemented functions.
pub(crate) fn implemented() -> impl Iterator<Item = &'static str> {
    FUNCTIONS.iter().map(|(name, _, _)| *name)
}

/// One call of a WASI function: the context, the caller's memory, the arguments.
pub(crate) struct Call<'a> {
    pub ctx: &'a mut WasiCtx,
    pub mem: GuestMemory<'a>,
    args: &'a [Value],
}

impl Call<'_> {
    /// Argument `i` as an unsigned 32-bit value (pointers, lengths, descriptors, flags).
    ///
    /// Instantiation checked the import's type against [`FUNCTIONS`], so a mismatch here is
    /// a bug; it is reported to the guest as `INVAL` rather than as a panic.
    pub fn u32(&self, i: usize) -> WasiResult<u32> {
        match self.args.get(i) {
            Some(Value::I32(v)) => Ok(*v as u32),
            _ => Err(Errno::Inval),
        }
    }

    /// Argument `i` as an unsigned 64-bit value (offsets, sizes, rights, timestamps).
    pub fn u64(&self, i: usize) -> WasiResult<u64> {
        match self.args.get(i) {
            Some(Value::I64(v)) => Ok(*v as u64),
            _ => Err(Errno::Inval),
        }
    }
}

/// The host function for `wasi_snapshot_preview1`.`name`, or `None` when Life does not
/// implement `name`.
///
/// A known name gets its own signature, whatever the import's type: instantiation then
/// reports a mismatch as an incompatible import.
pub(crate) fn host_func(ctx: &Arc<Mutex<WasiCtx>>, name: &str) -> Option<HostFunc> {
    let &(_, params, body) = FUNCTIONS.iter().find(|(n, _, _)| *n == name)?;
    let results: &[ValType] = if matches!(body, Body::Exit) { &[] } else { &[I] };
    let ty = FuncType::new(params.iter().copied(), results.iter().copied());
    let ctx = ctx.clone();
    Some(HostFunc::new(ty, move |caller, args, results| match body {
        Body::Exit => {
            let code = args.first().and_then(Value::i32).unwrap_or(0);
            Err(Trap::new(TrapKind::Exit(code)))
        }
        Body::Raise => {
            let signal = args.first().and_then(Value::i32).unwrap_or(0);
            Err(Trap::host(format!("the program raised signal {signal} (proc_raise)")))
        }
        Body::Errno(f) => {
            let errno = call(&ctx, caller, args, f);
            // The signature above has one i32 result, so the slot is there.
            if let Some(slot) = results.first_mut() {
                *slot = Value::I32(errno);
            }
            Ok(())
        }
    }))
}

/// Runs `f` with the context locked and the caller's memory, and returns the `errno`.
fn call(ctx: &Mutex<WasiCtx>, caller: &mut Caller<'_>, args: &[Value], f: fn(&mut Call<'_>) -> WasiResult) -> i32 {
    // A poisoned lock means an earlier call panicked, which is a bug; the context is still
    // structurally sound, so carry on rather than panic again.
    let mut ctx = ctx.lock().unwrap_or_else(|p| p.into_inner());
    let memory = caller.memory();
    let bytes: &mut [u8] = match memory {
        Some(m) => caller.store().memory_data_mut(m).unwrap_or_default(),
        None => &mut [],
    };
    let mut call = Call { ctx: &mut ctx, mem: GuestMemory::new(bytes), args };
    match f(&mut call) {
        Ok(()) => 0,
        Err(e) => e as i32,
    }
}
