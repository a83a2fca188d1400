//! Calls and returns inside the loop. Each has two paths, named for when they apply:
//! `call_same_instance`/`ret_same_instance`, the common case the handlers inline (a translated
//! function of the running instance with room on both stacks; a return to a caller of the same
//! instance), which makes no calls itself so that the threaded loop's handlers need no stack
//! frame; and `call_any`/`ret_any`, every other case (host functions, other instances, a
//! function's first call, growing stacks, limits, leaving the loop). Tail calls
//! (`return_call`, `return_call_indirect`) have the same two paths, `tail_call_same_instance`
//! and `tail_call_any`: they move the arguments down to the running frame's slot 0 and make
//! the callee the running function without pushing a frame, so a chain of tail calls runs in
//! constant space and the depth limit counts only the frames that remain.

use super::*;

impl<'a> Cx<'a> {
    /// Enters wasm function `addr` with its frame at `base + cb` in the common case: a
    /// translated function of the running instance, with room for its frame on both stacks.
    /// `hot` is the caller's state, `hot.ip` its next op. Returns the callee's state, or `None`
    /// (having changed nothing) when the call needs `call_any`.
    ///
    /// It makes no calls, so the handlers that inline it need no stack frame; the threaded loop
    /// reaches `call_any` through a jump to another handler (`tail_loop::call_any`).
    #[inline(always)]
    pub(super) fn call_same_instance(&mut self, addr: u32, cb: u32, hot: Hot) -> Option<Hot> {
        // SAFETY: `addr` comes from the instance's function list or a table, both of which hold
        // addresses of the store's functions only, and `call_targets` has one entry for each.
        let target = unsafe { *self.store.call_targets.get_unchecked(addr as usize) };
        let depth = self.ex.frames.len();
        if target.code.is_null() || target.instance != self.instance || depth >= self.frame_room {
            return None;
        }
        // SAFETY: a non-null `body` is a translated body kept alive by its instance's module
        // (see `CallTarget`).
        let body = unsafe { &*target.code };
        let callee_base = self.base + cb as usize;
        if callee_base + body.frame_slots as usize > self.stack_room {
            return None;
        }
        let frame = Frame { ip: hot.ip, code: self.code, base: self.base, func: self.func, instance: self.instance };
        // SAFETY: `depth < frame_room <= capacity`, so the slot exists; it is initialized
        // before the length covers it.
        unsafe {
            self.ex.frames.as_mut_ptr().add(depth).write(frame);
            self.ex.frames.set_len(depth + 1);
        }
        // SAFETY: the frame ends below `stack_room`, which is at most the stack's length.
        let sp = unsafe { self.ex.stack.as_mut_ptr().add(callee_base) };
        for i in body.param_slots..body.local_slots {
            // SAFETY: as above. Volatile, so the loop is not turned into a call to `memset`,
            // which would cost every handler that inlines this a stack frame.
            unsafe { sp.add(i as usize).write_volatile(0) };
        }
        self.func = addr;
        self.code = body;
        self.tables = body.br_tables();
        self.base = callee_base;
        let ops = body.start();
        self.ops = ops;
        Some(Hot { ip: ops, sp, mem: hot.mem, ops })
    }

    /// Enters wasm or host function `addr` with its frame at `base + cb`, in every case
    /// `call_same_instance` leaves: host functions, other instances, the first call of a function (which
    /// translates its body), and frames that need a stack to grow or hit a limit. Returns the
    /// state to continue with, or `Done` when the call ended the loop (a trap or a pause).
    #[inline(never)]
    pub(super) fn call_any(&mut self, addr: u32, cb: u32, hot: Hot) -> Result<Hot, Done> {
        let callee_base = self.base + cb as usize;
        let &FuncEntity::Wasm { instance: callee_instance, index, .. } = &self.store.funcs[addr as usize] else {
            let continues = self.call_host(addr, callee_base, hot.ip);
            self.refresh_room();
            if !continues {
                return Err(Done);
            }
            // The host may have grown the memory or the value stack.
            // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
            let sp = unsafe { self.ex.stack.as_mut_ptr().add(self.base) };
            return Ok(Hot { sp, mem: self.reload_memory(), ..hot });
        };
        if self.ex.frames.len() + 1 >= self.store.config.max_call_depth {
            return Err(self.trap(TrapCode::StackOverflow));
        }
        let frame = Frame { ip: hot.ip, code: self.code, base: self.base, func: self.func, instance: self.instance };
        self.ex.frames.push(frame);
        let body = match self.callee_body(addr, callee_instance, index) {
            Ok(body) => body,
            Err(done) => {
                self.ex.frames.pop();
                return Err(done);
            }
        };
        let prepared = self.ex.prepare_frame(self.store, callee_base, body);
        self.refresh_room();
        if let Err(code) = prepared {
            self.ex.frames.pop();
            return Err(self.trap(code));
        }
        Ok(self.enter_body(addr, body, callee_base, callee_instance, hot))
    }

    /// The code of wasm function `addr` (function `index` of `callee_instance`), translated and
    /// recorded in its call target on the first call; `Done` when translation fails.
    fn callee_body(&mut self, addr: u32, callee_instance: u32, index: u32) -> Result<&'a Code, Done> {
        let mut body = self.store.call_targets[addr as usize].code;
        if body.is_null() {
            // The first call: translate (if the module is lazy) and look the body up.
            let module = &self.store.instances[callee_instance as usize].module;
            match module.code(index as usize) {
                Ok(b) => body = b,
                Err(e) => {
                    self.outcome = Err(translation_trap(e));
                    return Err(Done);
                }
            }
        }
        // SAFETY: a body's code, kept alive by its instance's module (see `CallTarget`).
        let body = unsafe { &*body };
        let target = &mut self.store.call_targets[addr as usize];
        target.code = body;
        target.instance = callee_instance;
        Ok(body)
    }

    /// Makes `body`, function `addr` of `callee_instance` whose frame `prepare_frame` made at
    /// `base`, the running function, and returns the state to continue with at its first op.
    fn enter_body(&mut self, addr: u32, body: &'a Code, base: usize, callee_instance: u32, hot: Hot) -> Hot {
        self.func = addr;
        self.code = body;
        self.tables = body.br_tables();
        self.base = base;
        let ops = body.start();
        self.ops = ops;
        // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
        let sp = unsafe { self.ex.stack.as_mut_ptr().add(base) };
        let mut mem = hot.mem;
        if callee_instance != self.instance {
            mem = self.enter_instance(callee_instance);
        }
        Hot { ip: ops, sp, mem, ops }
    }

    /// `call_any` for the call in `pending_call` from the state in `resume`, leaving the state to
    /// continue with in `resume`; returns whether the loop continues.
    #[cfg_attr(not(life_threaded), allow(dead_code))]
    #[inline(never)]
    pub(super) fn call_any_into_resume(&mut self) -> bool {
        let (addr, cb) = self.pending_call;
        match self.call_any(addr, cb, self.resume) {
            Ok(hot) => {
                self.resume = hot;
                true
            }
            Err(Done) => false,
        }
    }

    /// Tail-calls wasm function `addr`, whose arguments are at `base + cb`, in the common case:
    /// a translated function of the running instance whose frame fits in the value stack as it
    /// is. The arguments move down to slot 0 and the callee's frame replaces the running one;
    /// the frame stack does not change. Returns the callee's state, or `None` (having changed
    /// nothing) when the tail call needs `tail_call_any`. Like `call_same_instance`, it makes no
    /// calls.
    #[inline(always)]
    pub(super) fn tail_call_same_instance(&mut self, addr: u32, cb: u32, hot: Hot) -> Option<Hot> {
        // SAFETY: as in `call_same_instance`.
        let target = unsafe { *self.store.call_targets.get_unchecked(addr as usize) };
        if target.code.is_null() || target.instance != self.instance {
            return None;
        }
        // SAFETY: a non-null `body` is a translated body kept alive by its instance's module.
        let body = unsafe { &*target.code };
        if self.base + body.frame_slots as usize > self.stack_room {
            return None;
        }
        let sp = hot.sp;
        for i in 0..body.param_slots as usize {
            // SAFETY: the arguments are slots of the running frame (`cb + i` is below its
            // size), and the callee's frame, from the same base, ends below `stack_room`. The
            // copy goes upwards with `i <= cb + i`, so overlapping ranges move correctly.
            // Volatile, so the loop is not turned into a call to `memmove` (see
            // `call_same_instance`).
            unsafe { sp.add(i).write_volatile(sp.add(cb as usize + i).read_volatile()) };
        }
        for i in body.param_slots..body.local_slots {
            // SAFETY: as above.
            unsafe { sp.add(i as usize).write_volatile(0) };
        }
        self.func = addr;
        self.code = body;
        self.tables = body.br_tables();
        let ops = body.start();
        self.ops = ops;
        Some(Hot { ip: ops, sp, mem: hot.mem, ops })
    }

    /// Tail-calls wasm or host function `addr`, whose arguments are at `base + cb`, in every
    /// case `tail_call_same_instance` leaves. A wasm callee replaces the running frame as there
    /// (translating its body on its first call, growing the value stack, entering its
    /// instance). A host callee is called with its frame at slot 0, the running frame staying
    /// (it is on the trace, and a pause in the host resumes in it); the loop then continues at
    /// `hot.ip`, the `return` the translator places after every tail call, which returns the
    /// host's results. Returns the state to continue with, or `Done` when the call ended the
    /// loop.
    #[inline(never)]
    pub(super) fn tail_call_any(&mut self, addr: u32, cb: u32, hot: Hot) -> Result<Hot, Done> {
        let base = self.base;
        let from = base + cb as usize;
        let (callee_instance, index) = match self.store.funcs[addr as usize] {
            FuncEntity::Wasm { instance, index, .. } => (instance, index),
            FuncEntity::Host { type_id, .. } => {
                let n = self.store.types[type_id as usize].param_slots() as usize;
                self.ex.stack.copy_within(from..from + n, base);
                let continues = self.call_host(addr, base, hot.ip);
                self.refresh_room();
                if !continues {
                    return Err(Done);
                }
                // SAFETY: `base` is within the stack, as in `call_any`.
                let sp = unsafe { self.ex.stack.as_mut_ptr().add(base) };
                return Ok(Hot { sp, mem: self.reload_memory(), ..hot });
            }
        };
        let body = self.callee_body(addr, callee_instance, index)?;
        // The arguments first: the callee's locals, zeroed by `prepare_frame`, may overlap them.
        self.ex.stack.copy_within(from..from + body.param_slots as usize, base);
        let prepared = self.ex.prepare_frame(self.store, base, body);
        self.refresh_room();
        if let Err(code) = prepared {
            return Err(self.trap(code));
        }
        Ok(self.enter_body(addr, body, base, callee_instance, hot))
    }

    /// `tail_call_any` for the tail call in `pending_call` from the state in `resume`, leaving
    /// the state to continue with in `resume`; returns whether the loop continues.
    #[cfg_attr(not(life_threaded), allow(dead_code))]
    #[inline(never)]
    pub(super) fn tail_call_any_into_resume(&mut self) -> bool {
        let (addr, cb) = self.pending_call;
        match self.tail_call_any(addr, cb, self.resume) {
            Ok(hot) => {
                self.resume = hot;
                true
            }
            Err(Done) => false,
        }
    }

    /// Recomputes how far `call`'s fast path may go on the two stacks, after they changed.
    pub(super) fn refresh_room(&mut self) {
        self.frame_room = self.ex.frames.capacity().min(self.store.config.max_call_depth.saturating_sub(1));
        self.stack_room = self.ex.stack.len().min(self.store.config.max_value_stack);
    }

    /// Calls host function `addr` from the loop, the caller's next op being `ip`: the caller's
    /// frame stays on the frame stack for stack traces, and gas passes through the store.
    /// Returns whether the loop continues (else the outcome is set).
    #[inline(never)]
    pub(super) fn call_host(&mut self, addr: u32, callee_base: usize, ip: *const Instr) -> bool {
        let caller = self.func;
        self.func = addr;
        let frame = Frame { ip, code: self.code, base: self.base, func: caller, instance: self.instance };
        let pc = frame.pc();
        self.ex.frames.push(frame);
        self.store.gas_left = self.gas_left;
        let outcome = self.ex.call_host(self.store, addr, callee_base, self.instance);
        self.gas_left = self.store.gas_left;
        match outcome {
            Ok(()) => {}
            Err(trap) if matches!(trap.kind(), crate::TrapKind::Suspend) => {
                // Continue after the call once the host supplies the results.
                self.ex.frames.pop();
                self.func = caller;
                self.pos.pc = pc;
                self.pos.base = self.base;
                self.outcome = Ok(Exit::Paused(PauseReason::Host));
                return false;
            }
            Err(trap) => {
                // The host frame stays current and its caller on the frame stack, for the trace.
                self.outcome = Err(trap);
                return false;
            }
        }
        self.ex.frames.pop();
        self.func = caller;
        true
    }

    /// Returns to the caller's frame in the common case, a caller of the same instance, whose
    /// memory view is `mem`: the callee's, which every handler that can change the memory
    /// (`memory.grow`, calls that leave the instance) keeps current. Returns `None` (having
    /// changed nothing) when the return needs `ret_any`. Like `call_same_instance`, it makes no calls.
    #[inline(always)]
    pub(super) fn ret_same_instance(&mut self, mem: Mem) -> Option<Hot> {
        let f = *self.ex.frames.last()?;
        if f.instance != self.instance {
            return None;
        }
        // SAFETY: the frame stack is not empty.
        unsafe { self.ex.frames.set_len(self.ex.frames.len() - 1) };
        let (sp, ops) = self.resume_frame(&f);
        Some(Hot { ip: f.ip, sp, mem, ops })
    }

    /// Makes the popped frame `f` the running one; returns its slot 0 and its body's first op.
    #[inline(always)]
    pub(super) fn resume_frame(&mut self, f: &Frame) -> (*mut u64, *const Instr) {
        self.code = f.code;
        // SAFETY: a frame's code is kept alive by its instance's module.
        let (ops, tables) = unsafe { ((*f.code).start(), (*f.code).br_tables()) };
        self.tables = tables;
        self.ops = ops;
        self.base = f.base;
        self.func = f.func;
        // SAFETY: `base` is within the stack: the frame at `base` was prepared by `prepare_frame`.
        let sp = unsafe { self.ex.stack.as_mut_ptr().add(f.base) };
        (sp, ops)
    }

    /// `ret_any`, leaving the state to continue with in `resume`; returns whether the loop continues.
    #[cfg_attr(not(life_threaded), allow(dead_code))]
    #[inline(never)]
    pub(super) fn ret_any_into_resume(&mut self) -> bool {
        match self.ret_any() {
            Ok(hot) => {
                self.resume = hot;
                true
            }
            Err(Done) => false,
        }
    }

    /// Returns to the caller's frame, or leaves the loop from the entry function.
    #[inline(never)]
    pub(super) fn ret_any(&mut self) -> Result<Hot, Done> {
        let Some(f) = self.ex.frames.pop() else {
            return Err(self.exit(Ok(Exit::Returned)));
        };
        let (sp, ops) = self.resume_frame(&f);
        let mem = if f.instance == self.instance { self.memory() } else { self.enter_instance(f.instance) };
        Ok(Hot { ip: f.ip, sp, mem, ops })
    }
}
