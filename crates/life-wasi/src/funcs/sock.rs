//! The socket functions: Life grants a guest no sockets, so each checks its descriptor and
//! answers `BADF` for one that is not open and `NOTSOCK` for any other, as a host without
//! preopened sockets does.

use super::Call;
use crate::types::*;

/// The error every socket function returns for descriptor argument 0.
fn not_a_socket(call: &Call<'_>) -> WasiResult {
    call.ctx.fds.get(call.u32(0)?)?;
    Err(Errno::Notsock)
}

/// `sock_accept(fd, flags: fdflags) -> (errno, fd)`.
pub(crate) fn sock_accept(call: &mut Call<'_>) -> WasiResult {
    not_a_socket(call)
}

/// `sock_recv(fd, ri_data: iovec_array, ri_flags: riflags) -> (errno, size, roflags)`.
pub(crate) fn sock_recv(call: &mut Call<'_>) -> WasiResult {
    not_a_socket(call)
}

/// `sock_send(fd, si_data: ciovec_array, si_flags: siflags) -> (errno, size)`.
pub(crate) fn sock_send(call: &mut Call<'_>) -> WasiResult {
    not_a_socket(call)
}

/// `sock_shutdown(fd, how: sdflags) -> errno`.
pub(crate) fn sock_shutdown(call: &mut Call<'_>) -> WasiResult {
    not_a_socket(call)
}
