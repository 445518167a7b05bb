"""The client's address, believing `X-Forwarded-For` only from configured trusted proxies.

A proxy appends the address it received the request from, so the right-most entries are the
ones our own proxies wrote; anything to their left was written by the client and can be forged.
Walking from the right, the first address that is not a trusted proxy is the client. When the
TCP peer is not a trusted proxy the header is ignored altogether (MASTERYHUB_TRUSTED_PROXIES,
none by default). Every throttle and log line then sees this address, not a chosen one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    candidate = address.strip()
    if candidate.startswith("[") and "]" in candidate:  # [v6]:port
        candidate = candidate[1 : candidate.index("]")]
    elif candidate.count(":") == 1:  # v4:port
        candidate = candidate.split(":", 1)[0]
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        return None


def _trusted(address: str, networks: Sequence[Network]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str:
    """The address to attribute a request to, given the TCP peer and its X-Forwarded-For
    header values (in the order received)."""
    if peer is None:
        return "unknown"
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            parsed = _parse(hop)
            # Garbage where an address should be: our proxy would not write that, so attribute
            # the request to the proxy rather than to a string the client chose.
            return str(parsed) if parsed is not None else peer
    # Every hop is one of ours (or there were none): the left-most we have is the best we know.
    return hops[0] if hops else peer


class ClientAddressMiddleware:
    """Rewrites the ASGI scope's client to the address `client_address` chooses."""

    def __init__(self, app: ASGIApp, trusted: Sequence[Network]) -> None:
        self.app = app
        self.trusted = list(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"} and self.trusted:
            client = scope.get("client")
            peer = client[0] if client else None
            forwarded = [
                value.decode("latin-1")
                for name, value in scope["headers"]
                if name == b"x-forwarded-for"
            ]
            address = client_address(peer, forwarded, self.trusted)
            if address != peer:
                scope = dict(scope)
                scope["client"] = (address, 0)
        await self.app(scope, receive, send)
