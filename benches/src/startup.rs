//! A large module for the startup benchmark, generated deterministically.
//!
//! Startup is decode + validate + translate (or compile) of a module that is never run, so the
//! functions only have to be valid and look like compiled code: nested blocks, loops, `if`s and
//! `br_table`s, loads and stores, direct and indirect calls, and i32/i64/f64 arithmetic. A fixed
//! xorshift seed makes the module the same bytes on every run and every machine.

use std::fmt::Write;

/// How many functions the module has; chosen so the binary is a little over 1 MiB, which keeps
/// wasmtime's compile (seconds, times ten samples) within the quick run's budget.
pub const FUNCS: u32 = 1150;

/// The module's binary encoding (about 1.08 MB, just over 1 MiB).
///
/// # Panics
///
/// If the generated text does not parse, which is a bug in the generator.
pub fn large_module() -> Vec<u8> {
    wat::parse_str(large_module_wat())
        .unwrap_or_else(|err| panic!("the generated startup module does not parse: {err}"))
}

/// The module as WebAssembly text.
pub fn large_module_wat() -> String {
    let mut g = Gen { rng: 0x2545_F491_4F6C_DD1D, out: String::with_capacity(8 << 20) };
    g.out.push_str("(module\n  (type $t (func (param i32 i32) (result i32)))\n  (memory 1)\n");
    let _ = writeln!(g.out, "  (table {FUNCS} funcref)");
    g.out.push_str("  (elem (i32.const 0) func");
    for i in 0..FUNCS {
        let _ = write!(g.out, " $f{i}");
    }
    g.out.push_str(")\n");
    for i in 0..FUNCS {
        g.function(i);
    }
    g.out.push_str("  (export \"f0\" (func $f0)))\n");
    g.out
}

struct Gen {
    rng: u64,
    out: String,
}

impl Gen {
    fn next(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn function(&mut self, index: u32) {
        // Locals 0 and 1 are the i32 parameters; 2 and 3 are i32, 4 is i64, 5 is f64.
        let _ = writeln!(self.out, "  (func $f{index} (type $t) (local i32 i32 i64 f64)");
        let statements = 6 + self.below(8);
        for _ in 0..statements {
            self.statement(0);
        }
        self.out.push_str("    (i32.add (local.get 2) (i32.wrap_i64 (local.get 4))))\n");
    }

    fn statement(&mut self, depth: u32) {
        let choice = if depth >= 3 { self.below(5) } else { self.below(9) };
        self.out.push_str("    ");
        match choice {
            0 | 1 => {
                let local = self.below(4);
                let _ = write!(self.out, "(local.set {local} ");
                self.expr_i32(0);
                self.out.push(')');
            }
            2 => {
                self.out.push_str("(local.set 4 ");
                self.expr_i64(0);
                self.out.push(')');
            }
            3 => {
                self.out.push_str("(local.set 5 ");
                self.expr_f64(0);
                self.out.push(')');
            }
            4 => {
                let offset = self.below(64) * 4;
                let _ = write!(self.out, "(i32.store offset={offset} (i32.and ");
                self.expr_i32(1);
                self.out.push_str(" (i32.const 0xfff0)) ");
                self.expr_i32(1);
                self.out.push(')');
            }
            5 => {
                self.out.push_str("(if ");
                self.expr_i32(1);
                self.out.push_str(" (then\n");
                self.statements(depth + 1);
                self.out.push_str(") (else\n");
                self.statements(depth + 1);
                self.out.push_str("))");
            }
            6 => {
                self.out.push_str("(block (loop (br_if 1 (i32.eqz ");
                self.expr_i32(1);
                self.out.push_str("))\n");
                self.statements(depth + 1);
                self.out.push_str("(br_if 0 ");
                self.expr_i32(1);
                self.out.push_str(")))");
            }
            7 => {
                self.out.push_str("(block (block (block (br_table 0 1 2 ");
                self.expr_i32(1);
                self.out.push_str("))\n");
                self.statements(depth + 1);
                self.out.push_str(")\n");
                self.statements(depth + 1);
                self.out.push(')');
            }
            _ => {
                let callee = self.below(u64::from(FUNCS));
                if self.below(2) == 0 {
                    let _ = write!(self.out, "(drop (call $f{callee} ");
                    self.expr_i32(2);
                    self.out.push(' ');
                    self.expr_i32(2);
                    self.out.push_str("))");
                } else {
                    self.out.push_str("(drop (call_indirect (type $t) ");
                    self.expr_i32(2);
                    self.out.push(' ');
                    self.expr_i32(2);
                    let _ = write!(self.out, " (i32.const {callee})))");
                }
            }
        }
        self.out.push('\n');
    }

    fn statements(&mut self, depth: u32) {
        let n = 1 + self.below(3);
        for _ in 0..n {
            self.statement(depth);
        }
    }

    fn expr_i32(&mut self, depth: u32) {
        let choice = if depth >= 3 { self.below(2) } else { self.below(8) };
        match choice {
            0 => {
                let local = self.below(4);
                let _ = write!(self.out, "(local.get {local})");
            }
            1 => {
                let value = self.next() as u32 as i32 >> self.below(31);
                let _ = write!(self.out, "(i32.const {value})");
            }
            2 | 3 => {
                const OPS: [&str; 12] =
                    ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_u", "rotl", "eq", "lt_s", "ne"];
                let op = OPS[self.below(OPS.len() as u64) as usize];
                let _ = write!(self.out, "(i32.{op} ");
                self.expr_i32(depth + 1);
                self.out.push(' ');
                self.expr_i32(depth + 1);
                self.out.push(')');
            }
            4 => {
                let offset = self.below(64) * 4;
                let _ = write!(self.out, "(i32.load offset={offset} (i32.and ");
                self.expr_i32(depth + 1);
                self.out.push_str(" (i32.const 0xfff0)))");
            }
            5 => {
                self.out.push_str("(i32.wrap_i64 ");
                self.expr_i64(depth + 1);
                self.out.push(')');
            }
            6 => {
                self.out.push_str("(select ");
                self.expr_i32(depth + 1);
                self.out.push(' ');
                self.expr_i32(depth + 1);
                self.out.push(' ');
                self.expr_i32(depth + 1);
                self.out.push(')');
            }
            _ => {
                self.out.push_str("(i32.trunc_sat_f64_s ");
                self.expr_f64(depth + 1);
                self.out.push(')');
            }
        }
    }

    fn expr_i64(&mut self, depth: u32) {
        let choice = if depth >= 3 { self.below(2) } else { self.below(5) };
        match choice {
            0 => self.out.push_str("(local.get 4)"),
            1 => {
                let value = self.next() as i64 >> self.below(63);
                let _ = write!(self.out, "(i64.const {value})");
            }
            2 | 3 => {
                const OPS: [&str; 8] = ["add", "sub", "mul", "and", "or", "xor", "shr_s", "rotr"];
                let op = OPS[self.below(OPS.len() as u64) as usize];
                let _ = write!(self.out, "(i64.{op} ");
                self.expr_i64(depth + 1);
                self.out.push(' ');
                self.expr_i64(depth + 1);
                self.out.push(')');
            }
            _ => {
                self.out.push_str("(i64.extend_i32_u ");
                self.expr_i32(depth + 1);
                self.out.push(')');
            }
        }
    }

    fn expr_f64(&mut self, depth: u32) {
        let choice = if depth >= 3 { self.below(2) } else { self.below(5) };
        match choice {
            0 => self.out.push_str("(local.get 5)"),
            1 => {
                let value = (self.below(1 << 20) as f64) / 64.0;
                let _ = write!(self.out, "(f64.const {value:?})");
            }
            2 | 3 => {
                const OPS: [&str; 5] = ["add", "sub", "mul", "div", "max"];
                let op = OPS[self.below(OPS.len() as u64) as usize];
                let _ = write!(self.out, "(f64.{op} ");
                self.expr_f64(depth + 1);
                self.out.push(' ');
                self.expr_f64(depth + 1);
                self.out.push(')');
            }
            _ => {
                self.out.push_str("(f64.convert_i32_s ");
                self.expr_i32(depth + 1);
                self.out.push(')');
            }
        }
    }
}
