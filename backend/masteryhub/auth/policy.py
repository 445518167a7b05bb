"""The password policy, per NCSC guidance: long enough, and not a common or easily guessed
password. No composition rules (they make passwords harder to remember, not to guess).

"Common" is judged by zxcvbn (Dropbox's estimator, the Python port): it knows the 30,000
most common leaked passwords, English words, names and keyboard patterns, and the person's own
email address and name; a password it scores below 3 ("safely unguessable: moderate
protection from offline slow-hash scenario") is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from zxcvbn import zxcvbn  # type: ignore[import-untyped]

from masteryhub.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, pool
from masteryhub.errors import FieldError, ValidationFailed

MIN_SCORE = 3
TOO_SHORT = f"Choose a longer password: at least {MIN_PASSWORD_LENGTH} characters."
TOO_LONG = f"Choose a shorter password: at most {MAX_PASSWORD_LENGTH} characters."
TOO_COMMON = (
    "That password is too common or too easy to guess. Try three or more random words "
    "together, or let your browser or password manager suggest one."
)
GUIDANCE = [
    f"Use at least {MIN_PASSWORD_LENGTH} characters.",
    "A good way to make a strong password you can remember is three or more random words "
    "together, such as ‘window pudding orbit tulip’.",
    "Common passwords, names, dictionary words and keyboard patterns are refused, and so is "
    "anything based on your name or email address.",
    "You do not need symbols, numbers or capital letters. Do not reuse a password you use "
    "anywhere else.",
]


def problems(password: str, user_inputs: Sequence[str] = ()) -> list[str]:
    """What is wrong with PASSWORD (nothing: an empty list). Blocking (zxcvbn is pure
    Python): call `check` from async code."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return [TOO_SHORT]
    if len(password) > MAX_PASSWORD_LENGTH:
        return [TOO_LONG]
    inputs = [part for value in user_inputs for part in _parts(value)]
    # zxcvbn refuses more than 72 characters (its cost grows with length); a longer password
    # is judged by its first 72.
    if zxcvbn(password[:72], user_inputs=inputs)["score"] < MIN_SCORE:
        return [TOO_COMMON]
    return []


def _parts(value: str) -> list[str]:
    local = value.split("@", 1)[0]
    words = [w for w in local.replace(".", " ").replace("_", " ").split() if w]
    return [value, local, *words]


async def check(password: str, field: str, user_inputs: Sequence[str] = ()) -> None:
    """422 naming FIELD when PASSWORD breaks the policy (run in the hashing pool)."""
    found: list[str] = await pool().run(problems, password, list(user_inputs))
    if found:
        raise ValidationFailed(errors=[FieldError(field=field, message=m) for m in found])
