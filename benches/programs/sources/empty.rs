//! Empty: this package exists only to fetch C sources (see Cargo.toml).
