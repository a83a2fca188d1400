//! Integration tests of `life-wasi`: the WASI functions through the embedding API, the
//! sandbox, and the C programs in `tests/programs` compared with their native builds.

mod api;
mod guest;
mod programs;
mod sandbox;

use std::{
    fs,
    path::{Path, PathBuf},
};

/// A fresh, empty directory for one test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("life-wasi").join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create the scratch directory");
    dir
}

/// The directory of the test programs and their expected outputs.
pub fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs")
}
