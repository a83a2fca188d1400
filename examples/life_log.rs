//! The original `life`'s `__life_log` example: a host function printing a string from guest memory.
//!
//! Run with `cargo run -p life-interp --example life_log`.

use life_interp::{FuncType, HostFunc, ImportResolver, ValType, Value, Vm, VmConfig};

/// Supplies `env.__life_log(ptr, len)`, which prints a string from guest memory.
struct Resolver;

impl ImportResolver for Resolver {
    fn resolve_func(&mut self, module: &str, field: &str, _ty: &FuncType) -> Option<HostFunc> {
        match (module, field) {
            ("env", "__life_log") => {
                Some(HostFunc::new(FuncType::new([ValType::I32, ValType::I32], []), |caller, args, _results| {
                    let (ptr, len) = (args[0].i32().unwrap() as u32, args[1].i32().unwrap() as u32);
                    let text = caller.read(ptr, len)?;
                    println!("[app] {}", String::from_utf8_lossy(text));
                    Ok(())
                }))
            }
            _ => None,
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let wasm = wat::parse_str(
        r#"
        (module
          (import "env" "__life_log" (func $log (param i32 i32)))
          (memory 1)
          (data (i32.const 16) "Hello, world!")
          (func (export "app_main") (result i32)
            (call $log (i32.const 16) (i32.const 13))
            (i32.const 0)))
    "#,
    )?;
    let mut vm = Vm::new(&wasm, VmConfig::default(), &mut Resolver)?;
    let results = vm.invoke("app_main", &[])?;
    assert_eq!(results, vec![Value::I32(0)]);
    Ok(())
}
