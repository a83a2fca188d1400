//! The sandbox: no way out of a preopened directory, and no writes under a read-only one.
//!
//! Each test lays out a scratch directory with `box/` (preopened as ".") and, beside it, a
//! file `outside.txt` that the guest must never reach, then checks both the errors and that
//! nothing outside changed.

use crate::{
    guest::{Arg, Guest},
    programs::{engines, run},
    programs_dir, scratch,
};
use life_wasi::{Errno, WasiCtx};
use std::{fs, path::Path};

const OUTSIDE: &str = "outside: do not touch\n";
const FOLLOW: bool = true;
const O_DIRECTORY: u32 = 2;
const O_CREAT: u32 = 1;
const O_TRUNC: u32 = 8;
const READ: u64 = 1 << 1;
const WRITE: u64 = 1 << 6;
/// Every right but the write rights, which a directory cannot be opened with (`ISDIR`).
const DIR: u64 = !(WRITE | (1 << 8) | (1 << 22));
const NOTCAPABLE: u32 = Errno::Notcapable as u32;
const ROFS: u32 = Errno::Rofs as u32;

/// `root/outside.txt`, `root/box/{inside.txt, sub/}`, symbolic links in the box that lead
/// out, and `root/ro/readme.txt`.
fn layout(root: &Path) {
    fs::write(root.join("outside.txt"), OUTSIDE).unwrap();
    let b = root.join("box");
    fs::create_dir_all(b.join("sub")).unwrap();
    fs::write(b.join("inside.txt"), "inside\n").unwrap();
    fs::create_dir_all(root.join("ro")).unwrap();
    fs::write(root.join("ro/readme.txt"), "read me\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(root.join("outside.txt"), b.join("escape-abs")).unwrap();
        symlink("../outside.txt", b.join("escape-rel")).unwrap();
        symlink("..", b.join("escape-dir")).unwrap();
    }
}

/// Checks that nothing outside the box changed, and lists what is there.
#[track_caller]
fn assert_outside_untouched(root: &Path) {
    assert_eq!(fs::read_to_string(root.join("outside.txt")).unwrap(), OUTSIDE);
    let mut names: Vec<String> =
        fs::read_dir(root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["box", "outside.txt", "ro"], "entries beside the box");
    assert_eq!(fs::read_to_string(root.join("ro/readme.txt")).unwrap(), "read me\n");
    assert_eq!(fs::read_dir(root.join("ro")).unwrap().count(), 1, "entries in ro/");
}

/// A guest with `box` preopened as "." (fd 3) and `ro` read-only as "ro" (fd 4).
fn guest(root: &Path) -> Guest {
    Guest::new(
        WasiCtx::builder()
            .preopened_dir(root.join("box"), ".", false)
            .unwrap()
            .preopened_dir(root.join("ro"), "ro", true)
            .unwrap()
            .build(),
    )
}

#[test]
fn dotdot_and_absolute_paths_are_refused() {
    let root = scratch("dotdot_and_absolute_paths_are_refused");
    layout(&root);
    let mut g = guest(&root);
    assert_eq!(g.open(3, FOLLOW, "inside.txt", 0, READ, 0).0, 0, "sanity");
    assert_eq!(g.open(3, FOLLOW, "sub/../inside.txt", 0, READ, 0).0, 0, "`..` inside is fine");
    for path in ["../outside.txt", "sub/../../outside.txt", "..", "../box/inside.txt", "./../outside.txt"] {
        assert_eq!(g.open(3, FOLLOW, path, 0, READ, 0).0, NOTCAPABLE, "open {path}");
        assert_eq!(g.open(3, FOLLOW, path, O_CREAT, READ | WRITE, 0).0, NOTCAPABLE, "create {path}");
    }
    assert_eq!(g.open(3, FOLLOW, "..", O_DIRECTORY, READ, 0).0, NOTCAPABLE);
    let abs = root.join("outside.txt").to_string_lossy().into_owned();
    for path in [abs.as_str(), "/", "/etc/passwd"] {
        assert_eq!(g.open(3, FOLLOW, path, 0, READ, 0).0, NOTCAPABLE, "open {path}");
    }
    // A directory descriptor is a capability for that directory only: `..` does not lead
    // out of a subdirectory either, even to the preopen (as in wasmtime). wasi-libc resolves
    // paths from the preopen, so C programs never notice.
    let (e, sub) = g.open(3, FOLLOW, "sub", O_DIRECTORY, DIR, 0);
    assert_eq!(e, 0);
    assert_eq!(g.open(sub, FOLLOW, "../inside.txt", 0, READ, 0).0, NOTCAPABLE);
    assert_eq!(g.open(sub, FOLLOW, "../../outside.txt", 0, READ, 0).0, NOTCAPABLE);
    // Every path operation goes through the same resolution.
    assert_eq!(g.path_call("path_create_directory", 3, "../newdir"), NOTCAPABLE);
    assert_eq!(g.path_call("path_unlink_file", 3, "../outside.txt"), NOTCAPABLE);
    assert_eq!(g.path_call("path_remove_directory", 3, "../box"), NOTCAPABLE);
    let (p, len) = g.str("../outside.txt");
    let stat = g.alloc(64);
    assert_eq!(g.call("path_filestat_get", &[Arg::I(3), Arg::I(1), Arg::I(p), Arg::I(len), Arg::I(stat)]), NOTCAPABLE);
    let args = [Arg::I(3), Arg::I(1), Arg::I(p), Arg::I(len), Arg::L(0), Arg::L(0), Arg::I(1 << 3)];
    assert_eq!(g.call("path_filestat_set_times", &args), NOTCAPABLE);
    assert_outside_untouched(&root);
}

#[cfg(unix)]
#[test]
fn symbolic_links_do_not_lead_out() {
    let root = scratch("symbolic_links_do_not_lead_out");
    layout(&root);
    let mut g = guest(&root);
    for link in ["escape-abs", "escape-rel", "escape-dir/outside.txt"] {
        assert_eq!(g.open(3, FOLLOW, link, 0, READ, 0).0, NOTCAPABLE, "open {link}");
        assert_eq!(g.open(3, FOLLOW, link, O_TRUNC, READ | WRITE, 0).0, NOTCAPABLE, "truncate {link}");
    }
    assert_eq!(g.open(3, FOLLOW, "escape-dir", O_DIRECTORY, READ, 0).0, NOTCAPABLE);
    // Without SYMLINK_FOLLOW the link itself is refused, as with O_NOFOLLOW.
    assert_eq!(g.open(3, false, "escape-abs", 0, READ, 0).0, Errno::Loop as u32);
    // The link can be inspected without following it.
    let (p, len) = g.str("escape-abs");
    let stat = g.alloc(64);
    assert_eq!(g.call("path_filestat_get", &[Arg::I(3), Arg::I(0), Arg::I(p), Arg::I(len), Arg::I(stat)]), 0);
    assert_eq!(g.read(stat + 16, 1), [7], "filetype symbolic_link");
    assert_eq!(g.call("path_filestat_get", &[Arg::I(3), Arg::I(1), Arg::I(p), Arg::I(len), Arg::I(stat)]), NOTCAPABLE);
    // A new link to an absolute path is refused; a relative one pointing out can be made but
    // leads nowhere.
    let (target, tlen) = g.str("/etc/passwd");
    let (name, nlen) = g.str("abs-link");
    assert_eq!(
        g.call("path_symlink", &[Arg::I(target), Arg::I(tlen), Arg::I(3), Arg::I(name), Arg::I(nlen)]),
        NOTCAPABLE
    );
    let (target, tlen) = g.str("../outside.txt");
    let (name, nlen) = g.str("rel-link");
    assert_eq!(g.call("path_symlink", &[Arg::I(target), Arg::I(tlen), Arg::I(3), Arg::I(name), Arg::I(nlen)]), 0);
    assert_eq!(g.open(3, FOLLOW, "rel-link", 0, READ, 0).0, NOTCAPABLE);
    assert_eq!(g.open(3, FOLLOW, "rel-link", O_CREAT | O_TRUNC, READ | WRITE, 0).0, NOTCAPABLE);
    // Reading a link gives its text, which leaks no more than the guest could have written.
    let (p, len) = g.str("rel-link");
    let (buf, used) = (g.alloc(64), g.alloc(4));
    let r = g.call("path_readlink", &[Arg::I(3), Arg::I(p), Arg::I(len), Arg::I(buf), Arg::I(64), Arg::I(used)]);
    assert_eq!(r, 0);
    assert_eq!(g.read(buf, g.u32_at(used) as usize), b"../outside.txt");
    assert_outside_untouched(&root);
}

#[test]
fn renames_and_links_stay_inside() {
    let root = scratch("renames_and_links_stay_inside");
    layout(&root);
    let mut g = guest(&root);
    let two_paths = |g: &mut Guest, name: &str, from: &str, to: &str| {
        let (a, alen) = g.str(from);
        let (b, blen) = g.str(to);
        match name {
            "path_rename" => g.call(name, &[Arg::I(3), Arg::I(a), Arg::I(alen), Arg::I(3), Arg::I(b), Arg::I(blen)]),
            _ => g.call(name, &[Arg::I(3), Arg::I(0), Arg::I(a), Arg::I(alen), Arg::I(3), Arg::I(b), Arg::I(blen)]),
        }
    };
    assert_eq!(two_paths(&mut g, "path_rename", "inside.txt", "../stolen.txt"), NOTCAPABLE);
    assert_eq!(two_paths(&mut g, "path_rename", "../outside.txt", "taken.txt"), NOTCAPABLE);
    assert_eq!(two_paths(&mut g, "path_rename", "sub", "../sub"), NOTCAPABLE);
    assert_eq!(two_paths(&mut g, "path_link", "../outside.txt", "hard.txt"), NOTCAPABLE);
    assert_eq!(two_paths(&mut g, "path_link", "inside.txt", "../hard.txt"), NOTCAPABLE);
    // Renaming into the read-only preopen, or out of it, is refused too.
    let (a, alen) = g.str("inside.txt");
    let (b, blen) = g.str("inside.txt");
    assert_eq!(g.call("path_rename", &[Arg::I(3), Arg::I(a), Arg::I(alen), Arg::I(4), Arg::I(b), Arg::I(blen)]), ROFS);
    let (a, alen) = g.str("readme.txt");
    assert_eq!(g.call("path_rename", &[Arg::I(4), Arg::I(a), Arg::I(alen), Arg::I(3), Arg::I(b), Arg::I(blen)]), ROFS);
    // Sanity: renames inside work.
    assert_eq!(two_paths(&mut g, "path_rename", "inside.txt", "sub/moved.txt"), 0);
    assert!(root.join("box/sub/moved.txt").exists());
    assert_outside_untouched(&root);
}

#[test]
fn read_only_preopens_refuse_every_change() {
    let root = scratch("read_only_preopens_refuse_every_change");
    layout(&root);
    let mut g = guest(&root);
    // Reading is fine.
    let (e, fd) = g.open(4, FOLLOW, "readme.txt", 0, READ, 0);
    assert_eq!(e, 0);
    assert_eq!(g.read_fd(fd, 64), (0, b"read me\n".to_vec()));
    assert_eq!(g.write_fd(fd, b"x").0, Errno::Rofs as u32);
    let (e, _) = g.call_fd_filestat_set_size(fd);
    assert_eq!(e, ROFS);
    // Opening to write, create or truncate is refused.
    assert_eq!(g.open(4, FOLLOW, "readme.txt", 0, READ | WRITE, 0).0, ROFS);
    assert_eq!(g.open(4, FOLLOW, "new.txt", O_CREAT, READ, 0).0, ROFS);
    assert_eq!(g.open(4, FOLLOW, "readme.txt", O_TRUNC, READ, 0).0, ROFS);
    assert_eq!(g.open(4, FOLLOW, "readme.txt", 0, READ, 1).0, ROFS, "APPEND");
    for name in ["path_create_directory", "path_unlink_file", "path_remove_directory"] {
        assert_eq!(g.path_call(name, 4, "readme.txt"), ROFS, "{name}");
    }
    let (t, tlen) = g.str("readme.txt");
    let (l, llen) = g.str("link");
    assert_eq!(g.call("path_symlink", &[Arg::I(t), Arg::I(tlen), Arg::I(4), Arg::I(l), Arg::I(llen)]), ROFS);
    let args = [Arg::I(4), Arg::I(1), Arg::I(t), Arg::I(tlen), Arg::L(0), Arg::L(0), Arg::I(1 << 3)];
    assert_eq!(g.call("path_filestat_set_times", &args), ROFS);
    assert_eq!(g.call("fd_filestat_set_times", &[Arg::I(4), Arg::L(0), Arg::L(0), Arg::I(1 << 3)]), ROFS);
    // Directories opened under it are read-only as well.
    assert_eq!(g.open(4, FOLLOW, "..", O_DIRECTORY, DIR, 0).0, NOTCAPABLE);
    let (e, dir) = g.open(4, FOLLOW, ".", O_DIRECTORY, DIR, 0);
    assert_eq!(e, 0);
    assert_eq!(g.path_call("path_create_directory", dir, "d"), ROFS);
    assert_outside_untouched(&root);
}

/// The same attempts from C through raw WASI calls and libc, compared with the committed
/// expectation (`sandbox.expected`, checked by hand: every attempt is denied), on both engines.
#[cfg(unix)]
#[test]
fn sandbox_program_is_denied_everything() {
    let root = scratch("sandbox_program_is_denied_everything");
    let wasm = fs::read(programs_dir().join("sandbox.wasm")).unwrap();
    let ctx = |engine: &str| {
        let root = root.join(engine);
        fs::create_dir_all(&root).unwrap();
        layout(&root);
        WasiCtx::builder()
            .arg("sandbox.wasm")
            .preopened_dir(root.join("box"), ".", false)
            .unwrap()
            .preopened_dir(root.join("ro"), "ro", true)
            .unwrap()
    };
    let out = run(&wasm, ctx);
    assert_eq!(out.status, 0, "{out:#?}");
    for line in out.stdout.lines() {
        assert!(!line.contains("ALLOWED") || line.starts_with("sanity"), "{line}");
    }
    let want = fs::read_to_string(programs_dir().join("sandbox.expected")).unwrap();
    assert_eq!(out.stdout, want);
    for (engine, _) in engines() {
        assert_outside_untouched(&root.join(engine));
    }
}
