"""Where a webhook may be sent: http(s) to a public address, unless private addresses are
allowed (``FRONTDESK_CALLBACK_ALLOW_PRIVATE``, for a local test setup). Checked when an
endpoint is set and again before every attempt (a name may resolve elsewhere later)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from frontdesk.errors import Invalid, Problem


def _refused(url: str, why: str) -> Invalid:
    return Invalid(Problem.OUT_OF_RANGE, parameter="endpoint", value=url, detail=why)


def _private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def shape(url: str) -> tuple[str, int]:
    """The host and port of an http(s) URL; ``Invalid`` for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise _refused(url, "not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _refused(url, "must be an http or https URL with a host")
    return parts.hostname, port


async def check(url: str, *, allow_private: bool) -> None:
    host, port = shape(url)
    if allow_private:
        return
    try:
        found = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        raise _refused(url, f"the host {host} does not resolve") from None
    for *_, sockaddr in found:
        if _private(str(sockaddr[0])):
            raise _refused(url, f"{host} is a private, loopback or link-local address")
