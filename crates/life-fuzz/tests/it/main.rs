//! The integration tests of life-fuzz: the regression corpus and the hostile modules.

mod heap;
mod hostile;
mod regressions;

#[global_allocator]
static ALLOC: heap::Counting = heap::Counting;
