//! The listen address (`--listen`, `ONCE_EXPORTER_LISTEN`): `HOST:PORT`,
//! `[IPV6]:PORT`, or `:PORT` for every interface, as in the Prometheus
//! project's Go exporters (`:9883` is what the shipped systemd unit uses).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

use socket2::{Domain, Protocol, Socket, Type};
use tokio::net::TcpListener;

/// Connections waiting to be accepted (the kernel caps it at `somaxconn`).
const BACKLOG: i32 = 1024;

/// Why `--listen` could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ListenError {
    /// The value is not one of the accepted shapes.
    #[error("--listen must be HOST:PORT, [IPV6]:PORT or :PORT (every interface), with a port from 0 to 65535, got {0:?}")]
    Invalid(String),
    /// The address could not be resolved or bound.
    #[error("--listen {addr}: {source}")]
    Bind {
        /// The `--listen` value.
        addr: String,
        /// What the system said.
        source: std::io::Error,
    },
}

/// Where to listen, as [`parse`] understands `--listen`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListenAddr {
    /// `:PORT`: every interface, IPv6 and IPv4 on one socket (IPv4 alone
    /// where the host has no IPv6).
    AllInterfaces(u16),
    /// `HOST:PORT` or `[IPV6]:PORT`, resolved when bound.
    Host(String),
}

/// Checks the shape of a `--listen` value without resolving it.
pub fn parse(listen: &str) -> Result<ListenAddr, ListenError> {
    let invalid = || ListenError::Invalid(listen.to_string());
    let (host, port) = listen.rsplit_once(':').ok_or_else(invalid)?;
    let port: u16 = port.parse().map_err(|_| invalid())?;
    if host.is_empty() {
        return Ok(ListenAddr::AllInterfaces(port));
    }
    // A bare IPv6 address needs its brackets (`[::1]:9883`).
    if host.contains(':') && !(host.starts_with('[') && host.ends_with(']')) {
        return Err(invalid());
    }
    Ok(ListenAddr::Host(listen.to_string()))
}

/// Binds a `--listen` value (see [`parse`]).
pub async fn bind(listen: &str) -> Result<TcpListener, ListenError> {
    let bind_err = |source| ListenError::Bind {
        addr: listen.to_string(),
        source,
    };
    match parse(listen)? {
        ListenAddr::Host(addr) => TcpListener::bind(addr).await.map_err(bind_err),
        ListenAddr::AllInterfaces(port) => match dual_stack(port) {
            Ok(l) => Ok(l),
            // In use on IPv6 is in use on IPv4 too: say so rather than
            // binding IPv4 alone.
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => Err(bind_err(e)),
            Err(_) => TcpListener::bind(SocketAddr::from((Ipv4Addr::UNSPECIFIED, port)))
                .await
                .map_err(bind_err),
        },
    }
}

/// One socket on `[::]:port` that takes IPv4 connections too (IPV6_V6ONLY
/// off, whatever the host's default), as Go's `net.Listen(":port")` does.
fn dual_stack(port: u16) -> std::io::Result<TcpListener> {
    let socket = Socket::new(Domain::IPV6, Type::STREAM, Some(Protocol::TCP))?;
    socket.set_only_v6(false)?;
    socket.set_reuse_address(true)?;
    socket.bind(&SocketAddr::from((Ipv6Addr::UNSPECIFIED, port)).into())?;
    socket.listen(BACKLOG)?;
    socket.set_nonblocking(true)?;
    TcpListener::from_std(socket.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_the_listen_address() {
        assert_eq!(parse(":9883").unwrap(), ListenAddr::AllInterfaces(9883));
        assert_eq!(parse(":0").unwrap(), ListenAddr::AllInterfaces(0));
        assert_eq!(
            parse("127.0.0.1:9883").unwrap(),
            ListenAddr::Host("127.0.0.1:9883".into())
        );
        assert_eq!(
            parse("localhost:1").unwrap(),
            ListenAddr::Host("localhost:1".into())
        );
        assert_eq!(
            parse("[::1]:9883").unwrap(),
            ListenAddr::Host("[::1]:9883".into())
        );
        for bad in ["9883", ":", ":99999", ":http", "::1:9883", "host:", ""] {
            let err = parse(bad).unwrap_err().to_string();
            assert!(
                err.starts_with("--listen must be HOST:PORT, [IPV6]:PORT or :PORT"),
                "{bad}: {err}"
            );
            assert!(err.ends_with(&format!("got {bad:?}")), "{bad}: {err}");
        }
    }

    #[tokio::test]
    async fn a_bare_port_listens_on_every_interface_and_takes_ipv4() {
        let listener = bind(":0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        assert!(addr.ip().is_unspecified(), "{addr}");
        let accept = tokio::spawn(async move { listener.accept().await.map(|_| ()) });
        tokio::net::TcpStream::connect((Ipv4Addr::LOCALHOST, addr.port()))
            .await
            .unwrap();
        accept.await.unwrap().unwrap();
    }

    #[tokio::test]
    async fn a_port_in_use_is_an_error_naming_the_flag() {
        let taken = bind(":0").await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let err = bind(&format!(":{port}")).await.unwrap_err().to_string();
        assert!(err.starts_with(&format!("--listen :{port}: ")), "{err}");
    }
}
