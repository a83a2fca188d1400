//! The WASI functions one by one through the embedding API.

use crate::{
    guest::{Arg, Guest},
    scratch,
};
use life_interp::{
    Error, ExternType, FuncType, HostFunc, ImportResolver, InstantiationError, TrapKind, ValType, Value, Vm, VmConfig,
};
use life_wasi::{Errno, MODULE, OutputBuffer, UnknownImports, Wasi, WasiCtx};
use std::{
    fs,
    time::{Duration, Instant},
};

const FAULT: u32 = Errno::Fault as u32;
const BADF: u32 = Errno::Badf as u32;
const INVAL: u32 = Errno::Inval as u32;
const O_CREAT: u32 = 1;
const O_DIRECTORY: u32 = 2;
const RW: u64 = (1 << 1) | (1 << 6) | (1 << 2) | (1 << 5) | (1 << 22) | (1 << 8);

fn instantiate(wat: &str, resolver: &mut dyn ImportResolver) -> Result<Vm, Error> {
    Vm::new(&wat::parse_str(wat).unwrap(), VmConfig::default(), resolver)
}

/// Imports two names WASI never had and exports functions that call them.
const UNKNOWN_WAT: &str = r#"(module
  (import "wasi_snapshot_preview1" "no_such_function" (func $f (param i64) (result i32)))
  (import "wasi_snapshot_preview1" "another_one" (func $g (result f64)))
  (func (export "f") (result i32) (call $f (i64.const 1)))
  (func (export "g") (result f64) (call $g)))"#;

#[test]
fn unknown_functions_are_refused_by_default() {
    let err = instantiate(UNKNOWN_WAT, &mut Wasi::new(WasiCtx::builder().build())).unwrap_err();
    match &err {
        Error::Instantiation(InstantiationError::UnknownImport { module, name, kind, ty }) => {
            assert_eq!((module.as_str(), name.as_str(), *kind), (MODULE, "no_such_function", "func"));
            assert_eq!(ty, &ExternType::Func(FuncType::new([ValType::I64], [ValType::I32])));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "unknown import: func \"wasi_snapshot_preview1\" \"no_such_function\" of type (i64) -> (i32) is not defined"
    );
    let deny = Wasi::new(WasiCtx::builder().build()).unknown_imports(UnknownImports::Deny);
    assert!(instantiate(UNKNOWN_WAT, &mut deny.clone()).is_err());
    assert_eq!(UnknownImports::default(), UnknownImports::Deny);
    assert!(Wasi::implemented().any(|name| name == "path_open"));
    assert!(!Wasi::implemented().any(|name| name == "no_such_function"));
}

#[test]
fn unknown_functions_can_trap_when_called() {
    let mut wasi = Wasi::new(WasiCtx::builder().build()).unknown_imports(UnknownImports::Trap);
    let mut vm = instantiate(UNKNOWN_WAT, &mut wasi).unwrap();
    let err = vm.invoke("f", &[]).unwrap_err();
    assert_eq!(
        err.trap().map(|t| t.to_string()).as_deref(),
        Some(
            "host error: called \"wasi_snapshot_preview1\" \"no_such_function\" (i64) -> (i32), an import the host does not provide"
        ),
        "{err}"
    );
    assert!(vm.invoke("g", &[]).unwrap_err().trap().unwrap().to_string().contains("\"another_one\" () -> (f64)"));
    // Known functions still work beside them.
    let mut g = Guest::new(WasiCtx::builder().build());
    assert_eq!(g.call("sched_yield", &[]), 0);
}

#[test]
fn unknown_functions_can_return_nosys() {
    let mut wasi = Wasi::new(WasiCtx::builder().build()).unknown_imports(UnknownImports::Nosys);
    let mut vm = instantiate(UNKNOWN_WAT, &mut wasi).unwrap();
    assert_eq!(vm.invoke("f", &[]).unwrap(), [Value::I32(Errno::Nosys as i32)]);
    assert_eq!(vm.invoke("g", &[]).unwrap(), [Value::F64(0.0.into())]);
}

#[test]
fn the_stub_policy_serves_other_resolvers() {
    let ty = FuncType::new([ValType::I32], [ValType::I32]);
    assert!(UnknownImports::Deny.stub("env", "f", &ty).is_none());
    assert_eq!(UnknownImports::Trap.stub("env", "f", &ty).map(|f| f.ty().clone()), Some(ty.clone()));
    assert_eq!(UnknownImports::Nosys.stub("env", "f", &ty).map(|f| f.ty().clone()), Some(ty));
}

#[test]
fn socket_functions_check_their_descriptor() {
    let mut g = Guest::new(WasiCtx::builder().build());
    let (badf, notsock) = (BADF, Errno::Notsock as u32);
    assert_eq!(g.call("sock_shutdown", &[Arg::I(99), Arg::I(0)]), badf);
    assert_eq!(g.call("sock_shutdown", &[Arg::I(1), Arg::I(0)]), notsock);
    assert_eq!(g.call("sock_accept", &[Arg::I(99), Arg::I(0), Arg::I(0)]), badf);
    assert_eq!(g.call("sock_accept", &[Arg::I(0), Arg::I(0), Arg::I(0)]), notsock);
    let six = [Arg::I(2), Arg::I(0), Arg::I(0), Arg::I(0), Arg::I(0), Arg::I(0)];
    assert_eq!(g.call("sock_recv", &six), notsock);
    assert_eq!(g.call("sock_send", &six[..5]), notsock);
    assert_eq!(g.call("sock_send", &[Arg::I(7), Arg::I(0), Arg::I(0), Arg::I(0), Arg::I(0)]), badf);
    assert!(Wasi::implemented().any(|name| name == "sock_recv"));
}

#[test]
fn a_known_function_with_another_type_is_incompatible() {
    let err = instantiate(
        r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))))"#,
        &mut Wasi::new(WasiCtx::builder().build()),
    )
    .unwrap_err();
    assert!(matches!(err, Error::Instantiation(InstantiationError::IncompatibleImport { .. })), "{err}");
}

/// Supplies `env.add`, to combine with WASI.
struct Adder;

impl ImportResolver for Adder {
    fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
        (module, field).eq(&("env", "add")).then(|| {
            HostFunc::new(FuncType::new([ValType::I32, ValType::I32], [ValType::I32]), |_, args, results| {
                results[0] = Value::I32(args[0].i32().unwrap() + args[1].i32().unwrap());
                Ok(())
            })
        })
    }
}

#[test]
fn a_resolver_pair_adds_host_functions() {
    const WAT: &str = r#"(module
      (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
      (import "env" "add" (func $add (param i32 i32) (result i32)))
      (func (export "run") (result i32) (i32.add (call $yield) (call $add (i32.const 2) (i32.const 3)))))"#;
    let wasi = Wasi::new(WasiCtx::builder().build());
    let mut vm = instantiate(WAT, &mut (wasi.clone(), Adder)).unwrap();
    assert_eq!(vm.invoke("run", &[]).unwrap(), [Value::I32(5)]);
    let err = instantiate(WAT, &mut wasi.clone()).unwrap_err();
    assert!(matches!(err, Error::Instantiation(InstantiationError::UnknownImport { .. })), "{err}");
}

#[test]
fn pointers_outside_memory_are_efault() {
    let mut g = Guest::new(WasiCtx::builder().arg("prog").env("A", "B").stdin_bytes("input").build());
    let end = 65536;
    assert_eq!(g.call("args_sizes_get", &[Arg::I(end - 2), Arg::I(0)]), FAULT);
    assert_eq!(g.call("args_get", &[Arg::I(0), Arg::I(end - 1)]), FAULT);
    assert_eq!(g.call("environ_sizes_get", &[Arg::I(0), Arg::I(u32::MAX)]), FAULT);
    assert_eq!(g.call("environ_get", &[Arg::I(end), Arg::I(0)]), FAULT);
    assert_eq!(g.call("random_get", &[Arg::I(end - 10), Arg::I(11)]), FAULT);
    assert_eq!(g.call("clock_time_get", &[Arg::I(0), Arg::L(0), Arg::I(end - 4)]), FAULT);
    assert_eq!(g.call("clock_res_get", &[Arg::I(0), Arg::I(u32::MAX - 3)]), FAULT);
    // An iovec array past the end, an iovec pointing past the end, a result pointer past it.
    assert_eq!(g.call("fd_write", &[Arg::I(1), Arg::I(end - 4), Arg::I(1), Arg::I(0)]), FAULT);
    let iov = g.put(&[(end - 2).to_le_bytes(), 4u32.to_le_bytes()].concat());
    assert_eq!(g.call("fd_write", &[Arg::I(1), Arg::I(iov), Arg::I(1), Arg::I(0)]), FAULT);
    assert_eq!(g.call("fd_read", &[Arg::I(0), Arg::I(iov), Arg::I(1), Arg::I(0)]), FAULT);
    let ok_iov = g.put(&[0u32.to_le_bytes(), 4u32.to_le_bytes()].concat());
    assert_eq!(g.call("fd_read", &[Arg::I(0), Arg::I(ok_iov), Arg::I(1), Arg::I(end)]), FAULT);
    assert_eq!(g.call("fd_write", &[Arg::I(1), Arg::I(ok_iov), Arg::I(u32::MAX), Arg::I(0)]), FAULT);
    assert_eq!(g.call("poll_oneoff", &[Arg::I(0), Arg::I(end - 8), Arg::I(1), Arg::I(0)]), FAULT);
    let path = [Arg::I(3), Arg::I(0), Arg::I(end - 1), Arg::I(5), Arg::I(0), Arg::L(0), Arg::L(0), Arg::I(0)];
    assert_eq!(g.call("path_open", &[&path[..], &[Arg::I(0)]].concat()), BADF, "the descriptor is checked first");
    assert_eq!(g.call("fd_fdstat_get", &[Arg::I(1), Arg::I(end - 23)]), FAULT);
    assert_eq!(g.call("fd_filestat_get", &[Arg::I(1), Arg::I(end - 63)]), FAULT);
    // Nothing was written and stdin was not consumed by the failed read.
    assert_eq!(g.read_fd(0, 16), (0, b"input".to_vec()));
}

#[test]
fn a_module_without_memory_gets_efault() {
    let mut vm = instantiate(
        r#"(module
          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sched_yield" (func $y (result i32)))
          (func (export "write") (result i32) (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
          (func (export "yield") (result i32) (call $y)))"#,
        &mut Wasi::new(WasiCtx::builder().build()),
    )
    .unwrap();
    assert_eq!(vm.invoke("write", &[]).unwrap(), [Value::I32(FAULT as i32)]);
    assert_eq!(vm.invoke("yield", &[]).unwrap(), [Value::I32(0)]);
}

#[test]
fn arguments_and_environment() {
    let mut g = Guest::new(WasiCtx::builder().args(["prog", "", "two words"]).env("KEY", "value").build());
    let (count, size) = (g.alloc(4), g.alloc(4));
    assert_eq!(g.call("args_sizes_get", &[Arg::I(count), Arg::I(size)]), 0);
    assert_eq!((g.u32_at(count), g.u32_at(size)), (3, 5 + 1 + 10));
    let (ptrs, buf) = (g.alloc(12), g.alloc(16));
    assert_eq!(g.call("args_get", &[Arg::I(ptrs), Arg::I(buf)]), 0);
    assert_eq!(g.read(buf, 16), b"prog\0\0two words\0");
    assert_eq!([g.u32_at(ptrs), g.u32_at(ptrs + 4), g.u32_at(ptrs + 8)], [buf, buf + 5, buf + 6]);
    assert_eq!(g.call("environ_sizes_get", &[Arg::I(count), Arg::I(size)]), 0);
    assert_eq!((g.u32_at(count), g.u32_at(size)), (1, 10));
    assert_eq!(g.call("environ_get", &[Arg::I(ptrs), Arg::I(buf)]), 0);
    assert_eq!(g.read(buf, 10), b"KEY=value\0");
    // By default there is nothing at all.
    let mut g = Guest::new(WasiCtx::builder().build());
    assert_eq!(g.call("environ_sizes_get", &[Arg::I(count), Arg::I(size)]), 0);
    assert_eq!((g.u32_at(count), g.u32_at(size)), (0, 0));
}

#[test]
fn standard_streams() {
    let (out, err) = (OutputBuffer::new(), OutputBuffer::new());
    let mut g = Guest::new(WasiCtx::builder().stdin_bytes("abc").stdout(out.clone()).stderr(err.clone()).build());
    assert_eq!(g.read_fd(0, 2), (0, b"ab".to_vec()));
    assert_eq!(g.read_fd(0, 2), (0, b"c".to_vec()));
    assert_eq!(g.read_fd(0, 2), (0, b"".to_vec()), "end of file");
    assert_eq!(g.write_fd(1, b"to stdout"), (0, 9));
    assert_eq!(g.write_fd(2, b"to stderr"), (0, 9));
    assert_eq!(out.contents(), b"to stdout");
    assert_eq!(err.contents(), b"to stderr");
    assert_eq!(g.write_fd(0, b"x").0, BADF);
    assert_eq!(g.read_fd(1, 1).0, BADF);
    let pos = g.alloc(8);
    assert_eq!(g.call("fd_seek", &[Arg::I(1), Arg::L(0), Arg::I(0), Arg::I(pos)]), Errno::Spipe as u32);
    assert_eq!(g.call("fd_tell", &[Arg::I(0), Arg::I(pos)]), Errno::Spipe as u32);
    let stat = g.alloc(24);
    assert_eq!(g.call("fd_fdstat_get", &[Arg::I(1), Arg::I(stat)]), 0);
    assert_eq!(g.read(stat, 1), [0], "a buffer is of unknown type, so isatty is false");
    assert_eq!(g.u64_at(stat + 8) & (1 << 6), 1 << 6, "FD_WRITE");
    // Without a stream given, input is empty and output is dropped.
    let mut g = Guest::new(WasiCtx::builder().build());
    assert_eq!(g.read_fd(0, 4), (0, vec![]));
    assert_eq!(g.write_fd(1, b"gone"), (0, 4));
}

#[test]
fn proc_exit_and_proc_raise_stop_the_program() {
    let mut g = Guest::new(WasiCtx::builder().build());
    let err = g.call_err("exit", &[Value::I32(42)]);
    assert_eq!(err.trap().map(|t| t.kind()), Some(&TrapKind::Exit(42)), "{err}");
    let err = g.call_err("proc_raise", &[Value::I32(6)]);
    assert!(matches!(err.trap().map(|t| t.kind()), Some(TrapKind::Host(m)) if m.contains("signal 6")), "{err}");
    // The instance is still usable.
    assert_eq!(g.call("sched_yield", &[]), 0);
}

#[test]
fn clocks() {
    let mut g = Guest::new(WasiCtx::builder().build());
    let t = g.alloc(8);
    assert_eq!(g.call("clock_time_get", &[Arg::I(0), Arg::L(1), Arg::I(t)]), 0);
    assert!(g.u64_at(t) > 1_577_836_800 * 1_000_000_000, "realtime is after 2020");
    assert_eq!(g.call("clock_time_get", &[Arg::I(1), Arg::L(1), Arg::I(t)]), 0);
    let m1 = g.u64_at(t);
    std::thread::sleep(Duration::from_millis(2));
    assert_eq!(g.call("clock_time_get", &[Arg::I(1), Arg::L(1), Arg::I(t)]), 0);
    assert!(g.u64_at(t) >= m1 + 2_000_000, "monotonic advances");
    for clock in 0..4 {
        assert_eq!(g.call("clock_res_get", &[Arg::I(clock), Arg::I(t)]), 0);
        assert_eq!(g.u64_at(t), 1);
    }
    assert_eq!(g.call("clock_time_get", &[Arg::I(2), Arg::L(1), Arg::I(t)]), 0, "process CPU time");
    assert_eq!(g.call("clock_time_get", &[Arg::I(4), Arg::L(1), Arg::I(t)]), INVAL);
    assert_eq!(g.call("clock_res_get", &[Arg::I(99), Arg::I(t)]), INVAL);
    let buf = g.alloc(32);
    assert_eq!(g.call("random_get", &[Arg::I(buf), Arg::I(32)]), 0);
    assert_ne!(g.read(buf, 32), [0; 32]);
}

/// A `subscription` for a clock: relative `timeout` nanoseconds, or absolute with `abstime`.
fn clock_sub(userdata: u64, clock: u32, timeout: u64, abstime: bool) -> Vec<u8> {
    let mut s = vec![0u8; 48];
    s[0..8].copy_from_slice(&userdata.to_le_bytes());
    s[16..20].copy_from_slice(&clock.to_le_bytes());
    s[24..32].copy_from_slice(&timeout.to_le_bytes());
    s[40..42].copy_from_slice(&u16::from(abstime).to_le_bytes());
    s
}

/// A `subscription` for reading (`tag` 1) or writing (2) `fd`.
fn fd_sub(userdata: u64, tag: u8, fd: u32) -> Vec<u8> {
    let mut s = vec![0u8; 48];
    s[0..8].copy_from_slice(&userdata.to_le_bytes());
    s[8] = tag;
    s[16..20].copy_from_slice(&fd.to_le_bytes());
    s
}

#[test]
fn poll_oneoff_sleeps_on_clocks_and_reports_descriptors_ready() {
    let mut g = Guest::new(WasiCtx::builder().build());
    let (out, n) = (g.alloc(32 * 4), g.alloc(4));
    // Two relative clocks: only the earlier fires.
    let subs = g.put(&[clock_sub(7, 1, 30_000_000, false), clock_sub(8, 1, 10_000_000_000, false)].concat());
    let start = Instant::now();
    assert_eq!(g.call("poll_oneoff", &[Arg::I(subs), Arg::I(out), Arg::I(2), Arg::I(n)]), 0);
    let slept = start.elapsed();
    assert!(slept >= Duration::from_millis(30) && slept < Duration::from_secs(5), "{slept:?}");
    assert_eq!(g.u32_at(n), 1);
    assert_eq!((g.u64_at(out), g.read(out + 8, 3)), (7, vec![0, 0, 0]), "userdata, no error, clock");
    // An absolute deadline in the past fires at once.
    let now = g.alloc(8);
    g.call("clock_time_get", &[Arg::I(0), Arg::L(1), Arg::I(now)]);
    let subs = g.put(&clock_sub(9, 0, g.u64_at(now) - 1, true));
    assert_eq!(g.call("poll_oneoff", &[Arg::I(subs), Arg::I(out), Arg::I(1), Arg::I(n)]), 0);
    assert_eq!((g.u32_at(n), g.u64_at(out)), (1, 9));
    // Descriptors are ready at once, a long clock does not fire, a bad descriptor is an event
    // with an error.
    let subs =
        g.put(&[clock_sub(1, 1, 10_000_000_000, false), fd_sub(2, 1, 0), fd_sub(3, 2, 1), fd_sub(4, 1, 77)].concat());
    let start = Instant::now();
    assert_eq!(g.call("poll_oneoff", &[Arg::I(subs), Arg::I(out), Arg::I(4), Arg::I(n)]), 0);
    assert!(start.elapsed() < Duration::from_secs(5));
    assert_eq!(g.u32_at(n), 3);
    let events: Vec<(u64, u16, u8)> = (0..3)
        .map(|i| {
            let e = out + 32 * i;
            (g.u64_at(e), u16::from_le_bytes(g.read(e + 8, 2).try_into().unwrap()), g.read(e + 10, 1)[0])
        })
        .collect();
    assert_eq!(events, [(2, 0, 1), (3, 0, 2), (4, BADF as u16, 1)]);
    assert_eq!(g.call("poll_oneoff", &[Arg::I(subs), Arg::I(out), Arg::I(0), Arg::I(n)]), INVAL);
}

#[test]
fn files_through_descriptors() {
    let dir = scratch("files_through_descriptors");
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, "data", false).unwrap().build());
    let (e, fd) = g.open(3, true, "f.txt", O_CREAT, RW, 0);
    assert_eq!((e, fd), (0, 4));
    assert_eq!(g.write_fd(fd, b"hello world"), (0, 11));
    let pos = g.alloc(8);
    assert_eq!(g.call("fd_tell", &[Arg::I(fd), Arg::I(pos)]), 0);
    assert_eq!(g.u64_at(pos), 11);
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(-5i64 as u64), Arg::I(2), Arg::I(pos)]), 0);
    assert_eq!(g.u64_at(pos), 6);
    assert_eq!(g.read_fd(fd, 100), (0, b"world".to_vec()));
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(-1i64 as u64), Arg::I(0), Arg::I(pos)]), INVAL);
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(0), Arg::I(3), Arg::I(pos)]), INVAL);
    // pwrite and pread leave the position alone.
    let buf = g.put(b"HELLO");
    let iov = g.put(&[buf.to_le_bytes(), 5u32.to_le_bytes()].concat());
    let n = g.alloc(4);
    assert_eq!(g.call("fd_pwrite", &[Arg::I(fd), Arg::I(iov), Arg::I(1), Arg::L(0), Arg::I(n)]), 0);
    let out = g.alloc(8);
    let iov2 = g.put(&[out.to_le_bytes(), 3u32.to_le_bytes(), (out + 4).to_le_bytes(), 4u32.to_le_bytes()].concat());
    assert_eq!(g.call("fd_pread", &[Arg::I(fd), Arg::I(iov2), Arg::I(2), Arg::L(3), Arg::I(n)]), 0);
    // Bytes 3..10 are "LO worl": "LO " lands in the first iovec, "worl" in the second.
    assert_eq!((g.u32_at(n), g.read(out, 8)), (7, b"LO \0worl".to_vec()));
    assert_eq!(g.call("fd_tell", &[Arg::I(fd), Arg::I(pos)]), 0);
    assert_eq!(g.u64_at(pos), 11);
    // Sizes and metadata.
    assert_eq!(g.call("fd_filestat_set_size", &[Arg::I(fd), Arg::L(4)]), 0);
    assert_eq!(g.call("fd_allocate", &[Arg::I(fd), Arg::L(6), Arg::L(4)]), 0);
    let stat = g.alloc(64);
    assert_eq!(g.call("fd_filestat_get", &[Arg::I(fd), Arg::I(stat)]), 0);
    assert_eq!((g.read(stat + 16, 1)[0], g.u64_at(stat + 32)), (4, 10), "regular file of 10 bytes");
    assert_eq!(fs::read(dir.join("f.txt")).unwrap(), b"HELL\0\0\0\0\0\0");
    assert_eq!(g.call("fd_filestat_set_times", &[Arg::I(fd), Arg::L(0), Arg::L(5_000_000_000), Arg::I(4)]), 0);
    assert_eq!(g.call("fd_filestat_get", &[Arg::I(fd), Arg::I(stat)]), 0);
    assert_eq!(g.u64_at(stat + 48), 5_000_000_000, "mtim");
    assert_eq!(g.call("fd_filestat_set_times", &[Arg::I(fd), Arg::L(0), Arg::L(0), Arg::I(1 | 2)]), INVAL);
    assert_eq!(g.call("fd_advise", &[Arg::I(fd), Arg::L(0), Arg::L(0), Arg::I(1)]), 0);
    assert_eq!(g.call("fd_advise", &[Arg::I(fd), Arg::L(0), Arg::L(0), Arg::I(9)]), INVAL);
    assert_eq!(g.call("fd_sync", &[Arg::I(fd)]), 0);
    assert_eq!(g.call("fd_datasync", &[Arg::I(fd)]), 0);
    // APPEND set later applies to the next write.
    assert_eq!(g.call("fd_fdstat_set_flags", &[Arg::I(fd), Arg::I(1)]), 0);
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(0), Arg::I(0), Arg::I(pos)]), 0);
    assert_eq!(g.write_fd(fd, b"!"), (0, 1));
    assert_eq!(fs::read(dir.join("f.txt")).unwrap(), b"HELL\0\0\0\0\0\0!");
    let fdstat = g.alloc(24);
    assert_eq!(g.call("fd_fdstat_get", &[Arg::I(fd), Arg::I(fdstat)]), 0);
    assert_eq!((g.read(fdstat, 1)[0], g.read(fdstat + 2, 2)), (4, vec![1, 0]));
    // Renumbering moves the descriptor; closing frees it.
    assert_eq!(g.call("fd_renumber", &[Arg::I(fd), Arg::I(9)]), BADF, "the target must be open");
    let (_, other) = g.open(3, true, "f.txt", 0, RW, 0);
    assert_eq!(g.call("fd_renumber", &[Arg::I(fd), Arg::I(other)]), 0);
    assert_eq!(g.call("fd_close", &[Arg::I(fd)]), BADF);
    assert_eq!(g.call("fd_tell", &[Arg::I(other), Arg::I(pos)]), 0);
    assert_eq!(g.u64_at(pos), 11, "the renumbered descriptor keeps its position");
    assert_eq!(g.call("fd_close", &[Arg::I(other)]), 0);
    assert_eq!(g.call("fd_close", &[Arg::I(other)]), BADF);
    // Directory-only and file-only operations on the wrong kind.
    assert_eq!(g.read_fd(3, 4).0, Errno::Isdir as u32);
    let (_, file) = g.open(3, true, "f.txt", 0, RW, 0);
    assert_eq!(g.path_call("path_create_directory", file, "x"), Errno::Notdir as u32);
    assert_eq!(g.open(3, true, "f.txt", O_DIRECTORY, 1 << 1, 0).0, Errno::Notdir as u32);
    // A directory cannot be opened for writing, as on POSIX and in wasmtime.
    assert_eq!(g.open(3, true, ".", O_DIRECTORY, RW, 0).0, Errno::Isdir as u32);
    assert_eq!(g.open(3, true, ".", O_DIRECTORY, 1 << 6, 0).0, Errno::Isdir as u32);
    assert_eq!(g.open(3, true, "", 0, RW, 0).0, Errno::Noent as u32);
}

#[test]
fn readdir_resumes_from_cookies() {
    let dir = scratch("readdir_resumes_from_cookies");
    for name in ["a", "bb", "ccc"] {
        fs::write(dir.join(name), name).unwrap();
    }
    fs::create_dir(dir.join("sub")).unwrap();
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, ".", true).unwrap().build());
    let (buf, used) = (g.alloc(256), g.alloc(4));
    // Read with a buffer that holds one entry and part of the next, and follow d_next.
    let mut names = Vec::new();
    let mut cookie = 0;
    loop {
        assert_eq!(g.call("fd_readdir", &[Arg::I(3), Arg::I(buf), Arg::I(30), Arg::L(cookie), Arg::I(used)]), 0);
        let n = g.u32_at(used);
        if n < 24 {
            assert_eq!(n, 0, "nothing left");
            break;
        }
        let next = g.u64_at(buf);
        let namlen = g.u32_at(buf + 16);
        let kind = g.read(buf + 20, 1)[0];
        let name = g.read(buf + 24, namlen.min(n - 24) as usize);
        assert_eq!(name.len() as u32, namlen.min(6), "a full name fits in 30 bytes");
        names.push((String::from_utf8(name).unwrap(), kind));
        cookie = next;
    }
    let want = [(".", 3), ("..", 3), ("a", 4), ("bb", 4), ("ccc", 4), ("sub", 3)];
    assert_eq!(names, want.map(|(n, k)| (n.to_string(), k)));
    // A large buffer takes everything in one call.
    assert_eq!(g.call("fd_readdir", &[Arg::I(3), Arg::I(buf), Arg::I(256), Arg::L(0), Arg::I(used)]), 0);
    assert_eq!(g.u32_at(used), 6 * 24 + (1 + 2 + 1 + 2 + 3 + 3));
}

#[test]
fn preopens_are_listed_by_prestat() {
    let dir = scratch("preopens_are_listed_by_prestat");
    let mut g = Guest::new(
        WasiCtx::builder().preopened_dir(&dir, "/data", false).unwrap().preopened_dir(&dir, ".", true).unwrap().build(),
    );
    let (pre, name) = (g.alloc(8), g.alloc(16));
    for (fd, want) in [(3, "/data"), (4, ".")] {
        assert_eq!(g.call("fd_prestat_get", &[Arg::I(fd), Arg::I(pre)]), 0);
        assert_eq!((g.read(pre, 1)[0], g.u32_at(pre + 4)), (0, want.len() as u32));
        assert_eq!(g.call("fd_prestat_dir_name", &[Arg::I(fd), Arg::I(name), Arg::I(want.len() as u32)]), 0);
        assert_eq!(g.read(name, want.len()), want.as_bytes());
    }
    assert_eq!(g.call("fd_prestat_dir_name", &[Arg::I(3), Arg::I(name), Arg::I(2)]), Errno::Nametoolong as u32);
    for fd in [0, 1, 2, 5] {
        assert_eq!(g.call("fd_prestat_get", &[Arg::I(fd), Arg::I(pre)]), BADF);
    }
    assert!(WasiCtx::builder().preopened_dir(dir.join("missing"), "x", false).is_err());
}

#[test]
fn rights_can_be_dropped_but_not_regained() {
    let mut g = Guest::new(WasiCtx::builder().build());
    let stat = g.alloc(24);
    assert_eq!(g.call("fd_fdstat_get", &[Arg::I(1), Arg::I(stat)]), 0);
    let base = g.u64_at(stat + 8);
    assert_eq!(g.call("fd_fdstat_set_rights", &[Arg::I(1), Arg::L(base & !(1 << 6)), Arg::L(0)]), 0);
    assert_eq!(g.write_fd(1, b"x").0, 0, "streams do not check rights");
    assert_eq!(g.call("fd_fdstat_set_rights", &[Arg::I(1), Arg::L(base), Arg::L(0)]), Errno::Notcapable as u32);
}

#[test]
fn descriptors_are_limited() {
    let dir = scratch("descriptors_are_limited");
    fs::write(dir.join("f"), "").unwrap();
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, ".", false).unwrap().build());
    let mut last = 0;
    for _ in 0..2000 {
        last = g.open(3, true, "f", 0, 1 << 1, 0).0;
        if last != 0 {
            break;
        }
    }
    assert_eq!(last, Errno::Mfile as u32);
}

#[test]
fn append_is_a_flag_of_the_descriptor_not_the_host_file() {
    const O_TRUNC: u32 = 8;
    const APPEND: u32 = 1;
    let dir = scratch("append_is_a_flag_of_the_descriptor_not_the_host_file");
    fs::write(dir.join("log.txt"), "old contents").unwrap();
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, ".", false).unwrap().build());
    // C's open(O_CREAT | O_TRUNC | O_WRONLY | O_APPEND): the host refuses truncate with append.
    let (e, fd) = g.open(3, true, "log.txt", O_CREAT | O_TRUNC, 1 << 6 | 1 << 2 | 1 << 5 | 1 << 3, APPEND);
    assert_eq!(e, 0);
    assert_eq!(g.write_fd(fd, b"ab"), (0, 2));
    let pos = g.alloc(8);
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(0), Arg::I(0), Arg::I(pos)]), 0);
    assert_eq!(g.write_fd(fd, b"cd"), (0, 2), "appended, whatever the position");
    assert_eq!(g.call("fd_tell", &[Arg::I(fd), Arg::I(pos)]), 0);
    assert_eq!(g.u64_at(pos), 4);
    assert_eq!(fs::read_to_string(dir.join("log.txt")).unwrap(), "abcd");
    // Clearing the flag takes effect on the next write.
    assert_eq!(g.call("fd_fdstat_set_flags", &[Arg::I(fd), Arg::I(0)]), 0);
    assert_eq!(g.call("fd_seek", &[Arg::I(fd), Arg::L(0), Arg::I(0), Arg::I(pos)]), 0);
    assert_eq!(g.write_fd(fd, b"X"), (0, 1));
    assert_eq!(fs::read_to_string(dir.join("log.txt")).unwrap(), "Xbcd");
    // And setting it again as well.
    assert_eq!(g.call("fd_fdstat_set_flags", &[Arg::I(fd), Arg::I(APPEND)]), 0);
    assert_eq!(g.write_fd(fd, b"!"), (0, 1));
    assert_eq!(fs::read_to_string(dir.join("log.txt")).unwrap(), "Xbcd!");
}

#[test]
fn path_open_checks_truncate_rights_and_directories_for_writing() {
    const O_TRUNC: u32 = 8;
    const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
    let dir = scratch("path_open_checks_truncate_rights_and_directories_for_writing");
    fs::write(dir.join("f.txt"), "data").unwrap();
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, ".", false).unwrap().build());
    let (e, fd) = g.open(3, true, "f.txt", O_TRUNC, 0, 0);
    assert_eq!(e, 0);
    assert_eq!(g.call("fd_close", &[Arg::I(fd)]), 0);
    assert_eq!(fs::read(dir.join("f.txt")).unwrap(), b"");
    fs::write(dir.join("f.txt"), "data").unwrap();
    let stat = g.alloc(24);
    assert_eq!(g.call("fd_fdstat_get", &[Arg::I(3), Arg::I(stat)]), 0);
    let (base, inheriting) = (g.u64_at(stat + 8), g.u64_at(stat + 16));
    let drop = [Arg::I(3), Arg::L(base & !PATH_FILESTAT_SET_SIZE), Arg::L(inheriting)];
    assert_eq!(g.call("fd_fdstat_set_rights", &drop), 0);
    assert_eq!(g.open(3, true, "f.txt", O_TRUNC, 0, 0).0, Errno::Notcapable as u32);
    assert_eq!(fs::read(dir.join("f.txt")).unwrap(), b"data", "not truncated");
    assert_eq!(g.open(3, true, "f.txt", 0, RW, 0).0, 0, "opening for writing needs no truncate right");
}

#[test]
fn path_link_does_not_follow_symbolic_links() {
    const FOLLOW: u32 = 1;
    let dir = scratch("path_link_does_not_follow_symbolic_links");
    fs::write(dir.join("f.txt"), "data").unwrap();
    let mut g = Guest::new(WasiCtx::builder().preopened_dir(&dir, ".", false).unwrap().build());
    let (old, old_len) = g.str("f.txt");
    let (new, new_len) = g.str("link.txt");
    let link =
        |flags| [Arg::I(3), Arg::I(flags), Arg::I(old), Arg::I(old_len), Arg::I(3), Arg::I(new), Arg::I(new_len)];
    assert_eq!(g.call("path_link", &link(FOLLOW)), INVAL);
    assert!(!dir.join("link.txt").exists());
    assert_eq!(g.call("path_link", &link(0)), 0);
    assert_eq!(fs::read_to_string(dir.join("link.txt")).unwrap(), "data");
}
