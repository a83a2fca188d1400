//! Jump threading, run on every finished body: a branch whose target is an unconditional `br`
//! goes straight to that `br`'s target, and a `br` to a return becomes the return itself.
//!
//! Structured control flow makes such chains common: the `br` at the end of an `if` arm jumps
//! to the end of the enclosing block, which often holds just another `br` (the end of a loop
//! body) or the function's return (an early exit), and a `copy` into the returned slot before
//! a return becomes a return of the copied slot. Each link the interpreter skips is one
//! dispatch less. The rewrite is exact, gas included: a block's gas is charged by a
//! `consume_gas` at its first op, so an op that is a `br` or a return charges nothing there and
//! skipping it changes no count.

use super::{FuncBody, Op, Pc};

/// How many `br`s in a row a branch is followed through; a longer chain (or a `br` cycle, an
/// infinite loop) keeps the rest.
const MAX_HOPS: usize = 8;

/// Rewrites `body` so that no branch lands on a `br`, a `br` to a return is that return, and a
/// return does not wait for a copy of its value.
pub(crate) fn thread_jumps(body: &mut FuncBody) {
    for i in 0..body.ops.len() {
        let Some(&mut target) = body.ops[i].target_mut() else { continue };
        let last = follow(&body.ops, target);
        let landing = body.ops[last as usize];
        if matches!(body.ops[i], Op::Br { .. }) && is_return(landing) {
            body.ops[i] = landing;
        } else if let Some(t) = body.ops[i].target_mut() {
            *t = last;
        }
    }
    for i in 0..body.br_tables.len() {
        body.br_tables[i] = follow(&body.ops, body.br_tables[i]);
    }
    // A value copied into a slot only to be returned from it (an `if` arm's result, now that
    // its `br` is the return) is returned from where it was.
    for i in 1..body.ops.len() {
        if let (Op::Copy { dst, src }, Op::ReturnSlot { src: ret }) = (body.ops[i - 1], body.ops[i])
            && dst == ret
        {
            body.ops[i - 1] = Op::ReturnSlot { src };
        }
    }
}

/// Where a jump to `target` ends up after following the `br`s there.
fn follow(ops: &[Op], mut target: Pc) -> Pc {
    for _ in 0..MAX_HOPS {
        match ops[target as usize] {
            Op::Br { target: next } if next != target => target = next,
            _ => break,
        }
    }
    target
}

fn is_return(op: Op) -> bool {
    matches!(op, Op::Return {} | Op::ReturnSlot { .. } | Op::ReturnMany { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(ops: Vec<Op>, br_tables: Vec<Pc>) -> FuncBody {
        FuncBody { ops, br_tables, ..FuncBody::default() }
    }

    #[test]
    fn a_br_to_a_return_becomes_the_return() {
        let mut b = body(
            vec![Op::Br { target: 2 }, Op::Br { target: 3 }, Op::Br { target: 3 }, Op::ReturnSlot { src: 4 }],
            vec![],
        );
        thread_jumps(&mut b);
        assert_eq!(b.ops[..3], [Op::ReturnSlot { src: 4 }; 3]);
    }

    #[test]
    fn a_copied_result_is_returned_from_its_source() {
        let mut b = body(
            vec![
                Op::Copy { dst: 1, src: 0 },
                Op::Br { target: 4 },
                Op::Copy { dst: 2, src: 0 },
                Op::Br { target: 4 },
                Op::ReturnSlot { src: 1 },
            ],
            vec![],
        );
        thread_jumps(&mut b);
        assert_eq!(b.ops[0], Op::ReturnSlot { src: 0 });
        assert_eq!(b.ops[2], Op::Copy { dst: 2, src: 0 }, "a copy to another slot stays");
        assert_eq!(b.ops[3], Op::ReturnSlot { src: 1 });
    }

    #[test]
    fn branches_skip_chains_of_brs() {
        let mut b = body(
            vec![
                Op::BrIfNez { cond: 1, target: 2 },
                Op::BrTable { index: 1, table: 0, len: 1 },
                Op::Br { target: 3 },
                Op::Br { target: 4 },
                Op::I32Add { dst: 1, a: 1, b: 2 },
                Op::Br { target: 0 },
            ],
            vec![3, 4],
        );
        thread_jumps(&mut b);
        assert_eq!(b.ops[0], Op::BrIfNez { cond: 1, target: 4 });
        assert_eq!(b.ops[2], Op::Br { target: 4 });
        assert_eq!(b.ops[5], Op::Br { target: 0 }, "a br to a conditional branch stays");
        assert_eq!(b.br_tables, [4, 4]);
    }

    #[test]
    fn br_cycles_stay_infinite_loops() {
        let mut b = body(vec![Op::Br { target: 0 }, Op::Br { target: 2 }, Op::Br { target: 1 }, Op::Return {}], vec![]);
        thread_jumps(&mut b);
        assert_eq!(b.ops[0], Op::Br { target: 0 });
        assert!(matches!(b.ops[1], Op::Br { target: 1 | 2 }));
        assert!(matches!(b.ops[2], Op::Br { target: 1 | 2 }));
    }
}
