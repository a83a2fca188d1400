//! The integration tests of life-fuzz: the regression corpus and the hostile modules.

mod hostile;
mod regressions;
