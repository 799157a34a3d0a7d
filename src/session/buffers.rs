//! The step buffers: the receive buffer, with its share of the memory
//! budget, and the call text, data and handle name a shown step gave back
//! (see `Session::recycle`), so a send/recv step writes into them instead
//! of allocating.
//!
//! Its invariants: the receive buffer's length is covered by its share of
//! the budget; a kept buffer has at most [`Buffers::LARGEST`] of room.

use std::sync::Arc;

use crate::budget::{Budget, Held};
use crate::error::UsageError;
use crate::step::Step;

#[derive(Default)]
pub(super) struct Buffers {
    recv: Vec<u8>,
    /// The receive buffer's share of the budget.
    recv_held: Option<Held>,
    /// The last step's call text, data and handle name.
    call: String,
    data: Vec<u8>,
    handle: String,
}

impl Buffers {
    /// The most room a kept buffer may have.
    const LARGEST: usize = 64 * 1024;

    /// The receive buffer, at least `len` bytes long, grown from `budget`.
    pub(super) fn take_recv(
        &mut self,
        len: usize,
        budget: &Arc<Budget>,
    ) -> Result<Vec<u8>, UsageError> {
        let mut buffer = std::mem::take(&mut self.recv);
        if buffer.len() < len {
            // The buffer's growth comes from the budget (a worker's is
            // given back when its job ends).
            let more = len - buffer.len();
            let grown = match &mut self.recv_held {
                Some(held) => held.grow(more).map_err(|full| (more, full)),
                None => budget
                    .hold(more)
                    .map(|held| self.recv_held = Some(held))
                    .map_err(|full| (more, full)),
            };
            if let Err((more, full)) = grown {
                self.recv = buffer;
                return Err(UsageError::new(crate::worded!(
                    "session-error-receive-buffer",
                    len = len,
                    more = crate::budget::show_bytes(more),
                    full = full.to_string()
                )));
            }
            buffer.resize(len, 0);
        }
        Ok(buffer)
    }

    pub(super) fn put_recv(&mut self, buffer: Vec<u8>) {
        self.recv = buffer;
    }

    pub(super) fn call(&mut self) -> String {
        let mut call = std::mem::take(&mut self.call);
        call.clear();
        call
    }

    pub(super) fn handle_name(&mut self, name: &str) -> String {
        let mut handle = std::mem::take(&mut self.handle);
        handle.clear();
        handle.push_str(name);
        handle
    }

    pub(super) fn data(&mut self) -> Vec<u8> {
        let mut data = std::mem::take(&mut self.data);
        data.clear();
        data
    }

    /// Takes back a shown step's call text, data and handle name; large
    /// buffers are let go.
    #[inline]
    pub(super) fn recycle(&mut self, step: &mut Step) {
        if let Some(call) = step.call.take()
            && call.capacity() <= Self::LARGEST
        {
            self.call = call;
        }
        if let Some(data) = step.data.take()
            && data.capacity() <= Self::LARGEST
        {
            self.data = data;
        }
        if let Some(handle) = step.handle.take()
            && handle.capacity() <= Self::LARGEST
        {
            self.handle = handle;
        }
    }
}
