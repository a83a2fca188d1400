//! `Guest`: a module that re-exports WASI functions, so tests can call them one at a time
//! with chosen arguments and inspect memory, as a guest program would.

use life_interp::{Error, ImportResolver, Value, Vm, VmConfig};
use life_wasi::{Wasi, WasiCtx};

/// WASI functions and their parameter types (`i` for i32, `I` for i64); each returns i32.
const SIGNATURES: &[(&str, &str)] = &[
    ("args_get", "ii"),
    ("args_sizes_get", "ii"),
    ("environ_get", "ii"),
    ("environ_sizes_get", "ii"),
    ("clock_res_get", "ii"),
    ("clock_time_get", "iIi"),
    ("random_get", "ii"),
    ("sched_yield", ""),
    ("proc_raise", "i"),
    ("fd_advise", "iIIi"),
    ("fd_allocate", "iII"),
    ("fd_close", "i"),
    ("fd_datasync", "i"),
    ("fd_sync", "i"),
    ("fd_fdstat_get", "ii"),
    ("fd_fdstat_set_flags", "ii"),
    ("fd_fdstat_set_rights", "iII"),
    ("fd_filestat_get", "ii"),
    ("fd_filestat_set_size", "iI"),
    ("fd_filestat_set_times", "iIIi"),
    ("fd_pread", "iiiIi"),
    ("fd_pwrite", "iiiIi"),
    ("fd_prestat_get", "ii"),
    ("fd_prestat_dir_name", "iii"),
    ("fd_read", "iiii"),
    ("fd_readdir", "iiiIi"),
    ("fd_renumber", "ii"),
    ("fd_seek", "iIii"),
    ("fd_tell", "ii"),
    ("fd_write", "iiii"),
    ("path_create_directory", "iii"),
    ("path_filestat_get", "iiiii"),
    ("path_filestat_set_times", "iiiiIIi"),
    ("path_link", "iiiiiii"),
    ("path_open", "iiiiiIIii"),
    ("path_readlink", "iiiiii"),
    ("path_remove_directory", "iii"),
    ("path_rename", "iiiiii"),
    ("path_symlink", "iiiii"),
    ("path_unlink_file", "iii"),
    ("poll_oneoff", "iiii"),
    ("sock_accept", "iii"),
    ("sock_recv", "iiiiii"),
    ("sock_send", "iiiii"),
    ("sock_shutdown", "ii"),
];

/// The re-exporting module, plus `proc_exit` as `exit` and one page of memory.
fn wat() -> String {
    let mut s = String::from("(module\n");
    for (name, params) in SIGNATURES {
        let types: Vec<&str> = params.chars().map(|c| if c == 'I' { "i64" } else { "i32" }).collect();
        let types = types.join(" ");
        s += &format!("  (import \"wasi_snapshot_preview1\" \"{name}\" (func ${name} (param {types}) (result i32)))\n");
    }
    s += "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))\n";
    s += "  (memory (export \"memory\") 1)\n";
    for (name, params) in SIGNATURES {
        let types: Vec<&str> = params.chars().map(|c| if c == 'I' { "i64" } else { "i32" }).collect();
        let gets: String = (0..params.len()).map(|i| format!(" (local.get {i})")).collect();
        s += &format!("  (func (export \"{name}\") (param {}) (result i32) (call ${name}{gets}))\n", types.join(" "));
    }
    s += "  (func (export \"exit\") (param i32) (call $proc_exit (local.get 0))))\n";
    s
}

/// One argument of a WASI call.
#[derive(Debug, Clone, Copy)]
pub enum Arg {
    /// An i32 argument.
    I(u32),
    /// An i64 argument.
    L(u64),
}

/// An instance of the re-exporting module with a WASI context.
pub struct Guest {
    pub vm: Vm,
    /// The next free byte of the scratch area in memory, for strings and buffers.
    next: u32,
}

impl Guest {
    pub fn new(ctx: WasiCtx) -> Self {
        Guest::with_resolver(&mut Wasi::new(ctx))
    }

    pub fn with_resolver(resolver: &mut dyn ImportResolver) -> Self {
        let wasm = wat::parse_str(wat()).expect("the guest module parses");
        let vm = Vm::new(&wasm, VmConfig::default(), resolver).expect("the guest module instantiates");
        Guest { vm, next: 1024 }
    }

    /// Calls WASI function `name`; returns its errno.
    #[track_caller]
    pub fn call(&mut self, name: &str, args: &[Arg]) -> u32 {
        let args: Vec<Value> = args
            .iter()
            .map(|a| match *a {
                Arg::I(v) => Value::I32(v as i32),
                Arg::L(v) => Value::I64(v as i64),
            })
            .collect();
        match self.vm.invoke(name, &args) {
            Ok(r) => r[0].i32().expect("an i32 errno") as u32,
            Err(e) => panic!("{name} trapped: {e}"),
        }
    }

    /// Calls `name` and expects it to trap or fail.
    pub fn call_err(&mut self, name: &str, args: &[Value]) -> Error {
        self.vm.invoke(name, args).expect_err("the call fails")
    }

    /// Copies `bytes` into the scratch area; returns its address.
    pub fn put(&mut self, bytes: &[u8]) -> u32 {
        let at = self.next;
        self.vm.write_memory(at as u64, bytes).expect("scratch area in bounds");
        self.next += (bytes.len() as u32).next_multiple_of(8).max(8);
        at
    }

    /// A zeroed buffer of `len` bytes in the scratch area.
    pub fn alloc(&mut self, len: u32) -> u32 {
        self.put(&vec![0; len as usize])
    }

    /// `(ptr, len)` of a string copied into memory.
    pub fn str(&mut self, s: &str) -> (u32, u32) {
        (self.put(s.as_bytes()), s.len() as u32)
    }

    pub fn read(&self, at: u32, len: usize) -> Vec<u8> {
        let mut buf = vec![0; len];
        self.vm.read_memory(at as u64, &mut buf).expect("in bounds");
        buf
    }

    pub fn u32_at(&self, at: u32) -> u32 {
        u32::from_le_bytes(self.read(at, 4).try_into().unwrap())
    }

    pub fn u64_at(&self, at: u32) -> u64 {
        u64::from_le_bytes(self.read(at, 8).try_into().unwrap())
    }

    /// `path_open` under `dir`; returns the errno and the new descriptor.
    pub fn open(&mut self, dir: u32, follow: bool, path: &str, oflags: u32, rights: u64, fdflags: u32) -> (u32, u32) {
        let (p, len) = self.str(path);
        let out = self.alloc(4);
        let errno = self.call(
            "path_open",
            &[
                Arg::I(dir),
                Arg::I(u32::from(follow)),
                Arg::I(p),
                Arg::I(len),
                Arg::I(oflags),
                Arg::L(rights),
                Arg::L(rights),
                Arg::I(fdflags),
                Arg::I(out),
            ],
        );
        (errno, self.u32_at(out))
    }

    /// Calls a `(fd, path_ptr, path_len)` function such as `path_unlink_file`.
    pub fn path_call(&mut self, name: &str, dir: u32, path: &str) -> u32 {
        let (p, len) = self.str(path);
        self.call(name, &[Arg::I(dir), Arg::I(p), Arg::I(len)])
    }

    /// Writes `data` to `fd` through one iovec; returns the errno and the count written.
    pub fn write_fd(&mut self, fd: u32, data: &[u8]) -> (u32, u32) {
        let buf = self.put(data);
        let iov = self.put(&[buf.to_le_bytes(), (data.len() as u32).to_le_bytes()].concat());
        let n = self.alloc(4);
        let errno = self.call("fd_write", &[Arg::I(fd), Arg::I(iov), Arg::I(1), Arg::I(n)]);
        (errno, self.u32_at(n))
    }

    /// Reads up to `len` bytes from `fd` through one iovec; returns the errno and the bytes.
    pub fn read_fd(&mut self, fd: u32, len: u32) -> (u32, Vec<u8>) {
        let buf = self.alloc(len);
        let iov = self.put(&[buf.to_le_bytes(), len.to_le_bytes()].concat());
        let n = self.alloc(4);
        let errno = self.call("fd_read", &[Arg::I(fd), Arg::I(iov), Arg::I(1), Arg::I(n)]);
        let got = self.u32_at(n) as usize;
        (errno, self.read(buf, got))
    }

    /// `fd_filestat_set_size(fd, 0)`; returns the errno.
    pub fn call_fd_filestat_set_size(&mut self, fd: u32) -> (u32, ()) {
        (self.call("fd_filestat_set_size", &[Arg::I(fd), Arg::L(0)]), ())
    }
}
