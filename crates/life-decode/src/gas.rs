//! Gas policies: what each WebAssembly operator costs, consulted once, at translation.
//!
//! Gas is defined on the original Wasm operators, never on Life's IR, so it does not depend on
//! the engine or on the translator's fusions. The translator sums the cost of the operators of
//! each basic block into one `consume_gas` op at the block's start (see `translate/mod.rs`).

use std::{collections::HashMap, fmt};

/// Prices WebAssembly operators.
///
/// `op` is the operator's snake-case name as `wasmparser` spells it (`i32_add`, `call`,
/// `memory_copy`, `v128_load`). Implementations must be deterministic: the same name always
/// costs the same.
///
/// ```
/// use life_decode::{GasPolicy, GasTable};
/// let mut table = GasTable::new(1);
/// table.set("call", 10).set("i64_div_s", 4);
/// assert_eq!(table.cost("call"), 10);
/// assert_eq!(table.cost("i32_add"), 1);
/// ```
pub trait GasPolicy: Send + Sync + fmt::Debug {
    /// Gas for one execution of the operator `op`.
    fn cost(&self, op: &str) -> u64;

    /// Gas per byte (`memory.copy`, `memory.fill`, `memory.init`) or element (`table.copy`,
    /// `table.fill`, `table.init`, `table.grow`) processed, charged before the work is done.
    fn per_unit(&self) -> u64 {
        1
    }
}

/// One unit of gas for every operator and every byte or element moved by bulk operations.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultGasPolicy;

impl GasPolicy for DefaultGasPolicy {
    fn cost(&self, _op: &str) -> u64 {
        1
    }
}

/// A cost table: a default cost plus overrides by operator name.
#[derive(Debug, Clone)]
pub struct GasTable {
    default: u64,
    per_unit: u64,
    costs: HashMap<String, u64>,
}

impl GasTable {
    /// Every operator costs `default`, bulk operations 1 per byte or element.
    pub fn new(default: u64) -> Self {
        GasTable { default, per_unit: 1, costs: HashMap::new() }
    }

    /// Sets the cost of operator `op` (snake-case, e.g. `i32_add`).
    pub fn set(&mut self, op: &str, cost: u64) -> &mut Self {
        self.costs.insert(op.to_string(), cost);
        self
    }

    /// Sets the cost per byte or element of bulk operations.
    pub fn set_per_unit(&mut self, cost: u64) -> &mut Self {
        self.per_unit = cost;
        self
    }
}

impl GasPolicy for GasTable {
    fn cost(&self, op: &str) -> u64 {
        self.costs.get(op).copied().unwrap_or(self.default)
    }

    fn per_unit(&self) -> u64 {
        self.per_unit
    }
}

macro_rules! define_operator_name {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        /// The snake-case name of a Wasm operator (`i32_add`), as gas policies see it.
        pub(crate) fn operator_name(op: &wasmparser::Operator<'_>) -> &'static str {
            match op {
                $( wasmparser::Operator::$op { .. } => &stringify!($visit)["visit_".len()..], )*
                _ => "unknown",
            }
        }
    };
}
wasmparser::for_each_operator!(define_operator_name);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operator_names_are_snake_case_wasm_names() {
        assert_eq!(operator_name(&wasmparser::Operator::I32Add), "i32_add");
        assert_eq!(operator_name(&wasmparser::Operator::Call { function_index: 0 }), "call");
        assert_eq!(operator_name(&wasmparser::Operator::I8x16Shuffle { lanes: [0; 16] }), "i8x16_shuffle");
    }
}
