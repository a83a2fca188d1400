//! Gas policies: what each WebAssembly operator costs, consulted once, at translation.
//!
//! Gas is defined on the original Wasm operators, never on Life's IR, so it does not depend on
//! the engine or on the translator's fusions. The translator sums the cost of the operators of
//! each basic block into one `consume_gas` op at the block's start (see `translate/mod.rs`).

use std::{collections::BTreeMap, fmt};

/// Prices WebAssembly operators.
///
/// `op` is the operator's snake-case name as `wasmparser` spells it (`i32_add`, `call`,
/// `memory_copy`, `v128_load`). Implementations must be deterministic: the same name always
/// costs the same.
///
/// ```
/// use life_decode::{GasPolicy, GasTable};
/// let mut table = GasTable::new(1);
/// table.set("call", 10)?.set("i64.div_s", 4)?;
/// assert_eq!(table.cost("call"), 10);
/// assert_eq!(table.cost("i64_div_s"), 4);
/// assert_eq!(table.cost("i32_add"), 1);
/// assert!(table.set("i32.mull", 3).is_err());
/// # Ok::<(), life_decode::UnknownOperator>(())
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
///
/// Names may be spelled as in the WebAssembly text format (`i32.mul`, `memory.grow`) or as
/// [`GasPolicy::cost`] receives them (`i32_mul`); a name that is no operator is refused.
/// Two tables with the same prices compare equal and print the same (`Debug`), which is how a
/// store checks that a module was metered with its policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GasTable {
    default: u64,
    per_unit: u64,
    costs: BTreeMap<String, u64>,
}

/// A [`GasTable`] name that is no WebAssembly operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOperator(pub String);

impl fmt::Display for UnknownOperator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no WebAssembly operator is called \"{}\"", self.0)
    }
}

impl std::error::Error for UnknownOperator {}

impl GasTable {
    /// Every operator costs `default`, bulk operations 1 per byte or element.
    pub fn new(default: u64) -> Self {
        GasTable { default, per_unit: 1, costs: BTreeMap::new() }
    }

    /// Sets the cost of operator `op` (`i32.add` or `i32_add`).
    ///
    /// # Errors
    ///
    /// [`UnknownOperator`] when `op` names no operator (the table is unchanged).
    pub fn set(&mut self, op: &str, cost: u64) -> Result<&mut Self, UnknownOperator> {
        let name = op.replace('.', "_");
        if !is_operator_name(&name) {
            return Err(UnknownOperator(op.to_string()));
        }
        self.costs.insert(name, cost);
        Ok(self)
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

macro_rules! define_is_operator_name {
    ($( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        /// Whether `name` is the snake-case name of an operator `wasmparser` knows.
        fn is_operator_name(name: &str) -> bool {
            const NAMES: &[&str] = &[$( stringify!($visit), )*];
            NAMES.iter().any(|visit| &visit["visit_".len()..] == name)
        }
    };
}
wasmparser::for_each_operator!(define_is_operator_name);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gas_table_accepts_both_spellings_and_refuses_unknown_names() {
        let mut table = GasTable::new(1);
        table.set("i32.mul", 10).unwrap().set("memory_grow", 7).unwrap().set("ref.is_null", 3).unwrap();
        assert_eq!(table.cost("i32_mul"), 10);
        assert_eq!(table.cost("memory_grow"), 7);
        assert_eq!(table.cost("ref_is_null"), 3);
        assert_eq!(table.set("i32.mull", 1).unwrap_err(), UnknownOperator("i32.mull".into()));
        assert!(table.set("", 1).is_err());
        assert_eq!(table.cost("i32_add"), 1);
        let mut same = GasTable::new(1);
        same.set("ref_is_null", 3).unwrap().set("memory.grow", 7).unwrap().set("i32_mul", 10).unwrap();
        assert_eq!(format!("{table:?}"), format!("{same:?}"));
    }

    #[test]
    fn operator_names_are_snake_case_wasm_names() {
        assert_eq!(operator_name(&wasmparser::Operator::I32Add), "i32_add");
        assert_eq!(operator_name(&wasmparser::Operator::Call { function_index: 0 }), "call");
        assert_eq!(operator_name(&wasmparser::Operator::I8x16Shuffle { lanes: [0; 16] }), "i8x16_shuffle");
    }
}
