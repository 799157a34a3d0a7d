//! Reading and writing one option: each by socket2's (or nix's) wrapper
//! for it, which makes exactly one getsockopt(2)/setsockopt(2) call.

use std::io;
use std::os::fd::AsFd;
use std::time::Duration;

use nix::sys::socket::{getsockopt as nix_getsockopt, setsockopt as nix_setsockopt, sockopt};
use serde_json::{Value, json};
use socket2::Socket;

use super::super::option_value::SetValue;
use super::table::{OptSpec, unit_of};
use crate::names;

/// Sets `option` to `value`: one setsockopt(2), through socket2 or nix's
/// wrapper for it.
pub(super) fn set(socket: &Socket, option: &OptSpec, value: SetValue) -> io::Result<()> {
    use SetValue::*;
    match (option.name, value) {
        ("SO_REUSEADDR", Bool(on)) => socket.set_reuse_address(on),
        ("SO_REUSEPORT", Bool(on)) => socket.set_reuse_port(on),
        ("SO_KEEPALIVE", Bool(on)) => socket.set_keepalive(on),
        ("SO_BROADCAST", Bool(on)) => socket.set_broadcast(on),
        ("SO_RCVBUF", Int(n)) => socket.set_recv_buffer_size(n as usize),
        ("SO_SNDBUF", Int(n)) => socket.set_send_buffer_size(n as usize),
        ("SO_RCVTIMEO", Time(t)) => socket.set_read_timeout(t),
        ("SO_SNDTIMEO", Time(t)) => socket.set_write_timeout(t),
        ("SO_LINGER", Time(t)) => socket.set_linger(t),
        ("TCP_NODELAY", Bool(on)) => socket.set_tcp_nodelay(on),
        ("TCP_CORK", Bool(on)) => socket.set_tcp_cork(on),
        ("TCP_MAXSEG", Int(n)) => socket.set_tcp_mss(n),
        ("TCP_KEEPIDLE", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepIdle, &n).map_err(io::Error::from)
        }
        ("TCP_KEEPINTVL", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepInterval, &n).map_err(io::Error::from)
        }
        ("TCP_KEEPCNT", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpKeepCount, &n).map_err(io::Error::from)
        }
        ("TCP_USER_TIMEOUT", Int(n)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::TcpUserTimeout, &n).map_err(io::Error::from)
        }
        ("TCP_SYNCNT", Int(n)) => crate::sys::set_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_SYNCNT,
            n as libc::c_int,
        )
        .map_err(io::Error::from),
        ("TCP_QUICKACK", Bool(on)) => socket.set_tcp_quickack(on),
        ("TCP_WINDOW_CLAMP", Int(n)) => crate::sys::set_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_WINDOW_CLAMP,
            n as libc::c_int,
        )
        .map_err(io::Error::from),
        ("IP_RECVERR", Bool(on)) => {
            nix_setsockopt(&socket.as_fd(), sockopt::Ipv4RecvErr, &on).map_err(io::Error::from)
        }
        ("IP_TTL", Int(n)) => socket.set_ttl_v4(n),
        ("IP_TOS", Int(n)) => socket.set_tos_v4(n),
        ("IPV6_V6ONLY", Bool(on)) => socket.set_only_v6(on),
        _ => Err(io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    }
}

/// The value read, as JSON (the contract) and as text for a person.
pub(super) fn get(socket: &Socket, option: &OptSpec) -> io::Result<(Value, String)> {
    let flag = |on: bool| {
        (
            json!(u8::from(on)),
            format!("{} ({})", u8::from(on), if on { "on" } else { "off" }),
        )
    };
    let int = |n: u64| (json!(n), n.to_string());
    // A time in the kernel's unit: the number, and its unit for a person.
    let count = |n: u64| (json!(n), format!("{n} {}", unit_of(option)));
    let time = |t: Option<Duration>| {
        let t = t.unwrap_or_default();
        let shown = if t.is_zero() {
            "0 (none)".to_string()
        } else {
            format!("{t:?}")
        };
        (json!(t.as_secs_f64()), shown)
    };
    Ok(match option.name {
        "SO_REUSEADDR" => flag(socket.reuse_address()?),
        "SO_REUSEPORT" => flag(socket.reuse_port()?),
        "SO_KEEPALIVE" => flag(socket.keepalive()?),
        "SO_BROADCAST" => flag(socket.broadcast()?),
        "SO_RCVBUF" => int(socket.recv_buffer_size()? as u64),
        "SO_SNDBUF" => int(socket.send_buffer_size()? as u64),
        "SO_RCVTIMEO" => time(socket.read_timeout()?),
        "SO_SNDTIMEO" => time(socket.write_timeout()?),
        "SO_LINGER" => match socket.linger()? {
            None => (json!({"l_onoff": 0, "l_linger": 0}), "off".into()),
            Some(d) => (
                json!({"l_onoff": 1, "l_linger": d.as_secs()}),
                format!("on, {} s", d.as_secs()),
            ),
        },
        "SO_ERROR" => match socket.take_error()? {
            None => (json!(0), "0 (no error)".into()),
            Some(error) => {
                let errno = crate::session::errno_of(&error);
                (
                    json!(names::errno_name(errno)),
                    format!("{} ({})", names::errno_name(errno), errno.desc()),
                )
            }
        },
        "SO_TYPE" => {
            let value = libc::c_int::from(socket.r#type()?);
            (json!(value), names::type_name(value))
        }
        "SO_ACCEPTCONN" => flag(socket.is_listener()?),
        "TCP_NODELAY" => flag(socket.tcp_nodelay()?),
        "TCP_CORK" => flag(socket.tcp_cork()?),
        "TCP_MAXSEG" => int(u64::from(socket.tcp_mss()?)),
        "TCP_KEEPIDLE" => count(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepIdle)? as u64),
        "TCP_KEEPINTVL" => count(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepInterval)? as u64),
        "TCP_KEEPCNT" => int(nix_getsockopt(&socket.as_fd(), sockopt::TcpKeepCount)? as u64),
        "TCP_USER_TIMEOUT" => {
            count(nix_getsockopt(&socket.as_fd(), sockopt::TcpUserTimeout)? as u64)
        }
        "TCP_SYNCNT" => int(crate::sys::get_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_SYNCNT,
        )? as u64),
        "TCP_QUICKACK" => flag(socket.tcp_quickack()?),
        "TCP_WINDOW_CLAMP" => int(crate::sys::get_int_option(
            socket.as_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_WINDOW_CLAMP,
        )? as u64),
        "IP_RECVERR" => flag(nix_getsockopt(&socket.as_fd(), sockopt::Ipv4RecvErr)?),
        "IP_TTL" => int(u64::from(socket.ttl_v4()?)),
        "IP_TOS" => int(u64::from(socket.tos_v4()?)),
        "IPV6_V6ONLY" => flag(socket.only_v6()?),
        _ => return Err(io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    })
}
