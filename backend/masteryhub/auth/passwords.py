"""Password and secret hashing: argon2id through pwdlib, off the event loop.

argon2id costs ~100+ ms of CPU on purpose. Run on the event loop, a handful of failed
sign-ins a second would stall every other request, so hashing and verifying happen in a pool
of worker threads of their own (argon2-cffi releases the GIL), run at a lower CPU priority
than the event loop: ``password_hash_threads`` at once and ``password_hash_queue`` more
waiting. Past that the caller is told to come back (503 with Retry-After) rather than
queueing without end.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar, TypeVarTuple

from pwdlib import PasswordHash

from masteryhub.errors import ServiceBusy

T = TypeVar("T")
Ts = TypeVarTuple("Ts")
_hasher = PasswordHash.recommended()
# Verified against when the account does not exist, so an unknown email costs the same time
# as a wrong password and the two cannot be told apart.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 200


def hash_password(password: str) -> str:
    """Blocking: for the CLI, scripts and tests. Requests use `hash_password_async`."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    """Blocking: requests use `verify_password_async`."""
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, password_hash)


# The pool's own threads run at a lower CPU priority (Linux nice, per thread) than the event
# loop's, so under a flood of sign-ins the loop still gets the CPU first.
HASHING_NICENESS = 10


def _lower_priority() -> None:
    # Not Linux, or not permitted: the priority stays as it is.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICENESS)


class HashingPool:
    """A bounded pool of worker threads for the slow hashes."""

    def __init__(self, threads: int = 1, queue: int = 16) -> None:
        self.executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="password-hash", initializer=_lower_priority
        )
        # Hashing now plus waiting: counted here, synchronously, so a burst arriving in one
        # tick of the loop is bounded too.
        self.capacity = threads + queue
        self.in_flight = 0

    async def run(self, func: Callable[[*Ts], T], *args: *Ts) -> T:
        if self.in_flight >= self.capacity:
            raise ServiceBusy(1, "The service is busy signing people in. Try again in a moment.")
        self.in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self.executor, func, *args)
        finally:
            self.in_flight -= 1

    async def hash(self, password: str) -> str:
        result: str = await self.run(hash_password, password)
        return result

    async def verify(self, password: str, password_hash: str | None) -> bool:
        result: bool = await self.run(verify_password, password, password_hash)
        return result


_pool: HashingPool | None = None


def configure_pool(threads: int, queue: int) -> HashingPool:
    global _pool
    if _pool is not None:
        _pool.executor.shutdown(wait=False)
    _pool = HashingPool(threads, queue)
    return _pool


def pool() -> HashingPool:
    global _pool
    if _pool is None:
        _pool = HashingPool()
    return _pool


async def hash_password_async(password: str) -> str:
    return await pool().hash(password)


async def verify_password_async(password: str, password_hash: str | None) -> bool:
    return await pool().verify(password, password_hash)


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def sha256_hex(value: str) -> str:
    """For high-entropy random secrets (refresh tokens, reference links, API client secrets):
    256 random bits cannot be guessed, so a fast hash is enough — and a slow one would make
    the token endpoint an easy way to burn CPU."""
    return hashlib.sha256(value.encode()).hexdigest()


def verify_secret(secret: str, secret_hash: str | None) -> bool:
    """Constant-time check of a random secret against its SHA-256."""
    expected = secret_hash or "0" * 64
    return hmac.compare_digest(sha256_hex(secret), expected) and secret_hash is not None
