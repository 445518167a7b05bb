"""Password and secret hashing: argon2id through pwdlib."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from pwdlib import PasswordHash

_hasher = PasswordHash.recommended()
# Verified against when the account does not exist, so an unknown email costs the same time
# as a wrong password and the two cannot be told apart.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD_LENGTH = 12


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _hasher.verify(password, _DUMMY_HASH)
        return False
    return _hasher.verify(password, password_hash)


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
