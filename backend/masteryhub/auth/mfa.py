"""Two-factor sign-in: TOTP (RFC 6238, through pyotp) and single-use recovery codes.

A code is accepted for the current 30-second step or one either side (clock drift), and never
for a step at or before the last one accepted for that person, so a code seen over a shoulder
or replayed cannot be used again. Recovery codes are 80 random bits each, stored as SHA-256.

The TOTP secret itself must be readable to check codes, so it is stored encrypted (Fernet,
keyed by HKDF from MASTERYHUB_SECRET_KEY's keys: sealed with the first, opened with any), so a
copy of the database alone does not give away anyone's second factor. Keep a retired key in
MASTERYHUB_SECRET_KEY (after the new first one) until people enrolled under it have re-enrolled
or been reset.
"""

from __future__ import annotations

import base64
import hmac
import io
import secrets
import time
import uuid

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.auth.passwords import sha256_hex
from masteryhub.auth.repository import RecoveryCodeRepository
from masteryhub.config import Settings
from masteryhub.models.account_token import RecoveryCode
from masteryhub.models.user import User
from masteryhub.users.repository import UserRepository

ISSUER = "MasteryHub"
INTERVAL = 30
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10


def _box(settings: Settings) -> MultiFernet:
    keys = []
    for secret in settings.signing_keys.values():
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"masteryhub totp secret"
        ).derive(secret.encode())
        keys.append(Fernet(base64.urlsafe_b64encode(derived)))
    return MultiFernet(keys)


def seal(settings: Settings, secret: str) -> str:
    return _box(settings).encrypt(secret.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str | None:
    try:
        return _box(settings).decrypt(sealed.encode()).decode()
    except InvalidToken:  # sealed with a key no longer configured
        return None


def new_secret() -> str:
    return pyotp.random_base32(32)  # 160 bits, as RFC 4226 recommends


def otpauth_uri(secret: str, email: str) -> str:
    return pyotp.TOTP(secret, interval=INTERVAL).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out, kind="svg", scale=4, border=4, xmldecl=False, svgns=True, title="Two-factor QR code"
    )
    return out.getvalue().decode()


def _normalise(code: str) -> str:
    return "".join(code.split())


def matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The time step CODE is right for (within the drift allowed), or None."""
    code = _normalise(code)
    if not (code.isdigit() and len(code) == 6):
        return None
    now = time.time() if at is None else at
    totp = pyotp.TOTP(secret, interval=INTERVAL)
    current = int(now // INTERVAL)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        # Every candidate compared, in constant time, whichever matches.
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


async def accept_code(session: AsyncSession, settings: Settings, user: User, code: str) -> bool:
    """True, and the step spent, if CODE is right for USER's (sealed) secret and newer than
    the last accepted; atomic, so two concurrent uses of one code cannot both pass."""
    key = unseal(settings, user.totp_secret) if user.totp_secret else None
    if key is None:
        return False
    step = matching_step(key, code)
    if step is None:
        return False
    return await UserRepository(session).spend_totp_step(user, step)


def _format(raw: str) -> str:
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _recovery_hash(code: str) -> str:
    return sha256_hex("".join(code.lower().replace("-", "").split()))


async def new_recovery_codes(session: AsyncSession, user_id: uuid.UUID) -> list[str]:
    """Replace USER's recovery codes with ten new ones, returned once (stored hashed)."""
    await RecoveryCodeRepository(session).remove_all_of(user_id)
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 16 characters
        codes.append(_format(raw))
        session.add(RecoveryCode(user_id=user_id, code_hash=_recovery_hash(raw)))
    await session.flush()
    return codes


async def use_recovery_code(session: AsyncSession, user_id: uuid.UUID, code: str) -> bool:
    """Spend one of USER's recovery codes (atomically: a code works once)."""
    codes = RecoveryCodeRepository(session)
    stored = await codes.unused(user_id, _recovery_hash(code))
    return stored is not None and await codes.spend(stored.id)


async def remaining_recovery_codes(session: AsyncSession, user_id: uuid.UUID) -> int:
    return await RecoveryCodeRepository(session).count_unused(user_id)


async def turn_off(session: AsyncSession, user: User) -> None:
    user.totp_secret = None
    user.totp_enabled_at = None
    await RecoveryCodeRepository(session).remove_all_of(user.id)
