//! Integration tests of the embedding API: instantiation, calls, traps, limits, memory access.

mod api;
mod dispatch;
mod exhaustion;
mod extended_const;
mod handles;
mod limits;
mod snapshot;
mod tail_call;
mod typed;
