"""Settings, read from the environment with the prefix ``MASTERYHUB_``."""

from __future__ import annotations

import ipaddress
import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

VAR_DIR = Path("var")


def _development_secret_key() -> str:
    """A key generated once per checkout and kept under ./var, so tokens survive restarts."""
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MASTERYHUB_", env_file=".env", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite+aiosqlite:///{VAR_DIR}/masteryhub.sqlite3"
    # Signing keys for access tokens: "kid:secret,kid:secret"; the first signs, all verify,
    # so a key can be rotated in without signing everybody out. A bare secret gets kid "k1".
    secret_key: SecretStr | None = None
    # Public URL for emailed links and the calendar feed. When unset, `masteryhub serve` sets
    # it to the host and port it binds (base_url_for), so `PORT=8123 make run` links to 8123.
    base_url: str = "http://127.0.0.1:8000"
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    mail_from: str = "MasteryHub <no-reply@masteryhub.test>"
    smtp_timeout_seconds: float = 30
    # Where FileTransport writes .eml files when no SMTP host is set (development).
    mail_dir: Path = VAR_DIR / "mail"
    mail_max_attempts: int = Field(default=8, ge=1)
    mail_retry_base_seconds: float = Field(default=30, gt=0)
    mail_retry_max_seconds: float = Field(default=3600, gt=0)
    # A claimed message not marked sent or failed within the lease is claimed again.
    mail_lease_seconds: float = Field(default=300, gt=0)
    mail_poll_seconds: float = Field(default=5, gt=0)
    mail_batch_size: int = Field(default=20, ge=1)
    # None: on in development (`make run`), off in test and production (run `masteryhub worker`).
    run_dispatcher_in_process: bool | None = None
    redis_url: str | None = None

    # Interactive API docs at /api/docs. None: on, except in production (the OpenAPI JSON is
    # served either way).
    api_docs: bool | None = None

    # The built SPA to serve from the API's origin (make run); empty to serve none.
    spa_dir: Path | None = Path("frontend/dist")

    access_token_minutes: int = 15
    refresh_token_days: int = 14
    token_issuer: str = "masteryhub"
    token_audience: str = "masteryhub-api"
    # Failed sign-ins: per (account, address) pair — what locks an attacker out without locking
    # the owner out elsewhere — plus a slower rate per account across every address, and one
    # per address across every account. Each refuses with 429 and Retry-After.
    login_attempts_per_account_address: str = "10/15 minutes"
    login_attempts_per_account: str = "50/hour"
    login_attempts_per_ip: str = "50/15 minutes"
    # Password reset requests (whatever the answer, 202): per email and per address.
    password_reset_per_email: str = "3/hour"
    password_reset_per_ip: str = "20/hour"
    # Wrong second-factor codes per person (each mfa_token is also spent after 5).
    mfa_attempts_per_user: str = "10/15 minutes"
    invitation_hours: int = Field(default=72, ge=1)
    password_reset_minutes: int = Field(default=60, ge=5)
    mfa_token_minutes: int = Field(default=5, ge=1)
    # Roles that must sign in with a second factor; None: national_admin,hub_lead in
    # production, none in development and test.
    mfa_required_roles: Annotated[list[str] | None, NoDecode] = None
    # Addresses or networks (CIDR) of the reverse proxies whose X-Forwarded-For is believed;
    # none by default, so the client address is the TCP peer's.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Applications per minute per API client (intake), counted in Redis when configured.
    intake_rate_per_minute: int = Field(default=600, ge=1)
    # Password hashing runs in worker threads: at most this many at once (None: half the
    # cores, at least one, so requests keep a core), and this many more waiting; past that a
    # sign-in is answered 503 with Retry-After instead of queueing (and holding a database
    # connection) without end.
    password_hash_threads: int | None = Field(default=None, ge=1)
    password_hash_queue: int = Field(default=16, ge=0)
    max_body_bytes: int = 1024 * 1024
    max_import_bytes: int = 200 * 1024 * 1024
    # Where uploaded GIAS files wait for (and during) their background import.
    import_dir: Path = VAR_DIR / "imports"

    @model_validator(mode="before")
    @classmethod
    def _split_origins(cls, data: dict[str, object]) -> dict[str, object]:
        origins = data.get("cors_origins") if isinstance(data, dict) else None
        if isinstance(origins, str):
            data["cors_origins"] = [o.strip() for o in origins.split(",") if o.strip()]
        return data

    @model_validator(mode="before")
    @classmethod
    def _split_lists(cls, data: dict[str, object]) -> dict[str, object]:
        if isinstance(data, dict):
            for key in ("mfa_required_roles", "trusted_proxies"):
                value = data.get(key)
                if isinstance(value, str):
                    data[key] = [v.strip() for v in value.split(",") if v.strip()]
        return data

    @model_validator(mode="after")
    def _security_defaults(self) -> Settings:
        from masteryhub.models.user import Role

        if self.mfa_required_roles is None:
            self.mfa_required_roles = (
                [Role.NATIONAL_ADMIN.value, Role.HUB_LEAD.value] if self.env == "production" else []
            )
        known = {role.value for role in Role}
        unknown = set(self.mfa_required_roles) - known
        if unknown:
            raise ValueError(f"MASTERYHUB_MFA_REQUIRED_ROLES: unknown role(s) {sorted(unknown)}")
        if self.password_hash_threads is None:
            self.password_hash_threads = max(1, (os.cpu_count() or 2) // 2)
        for proxy in self.trusted_proxies:
            ipaddress.ip_network(proxy, strict=False)  # ValueError names the bad entry
        return self

    @property
    def trusted_proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        return [ipaddress.ip_network(p, strict=False) for p in self.trusted_proxies]

    @model_validator(mode="after")
    def _require_secret_in_production(self) -> Settings:
        if self.secret_key is None:
            if self.env == "production":
                raise ValueError("MASTERYHUB_SECRET_KEY is required when MASTERYHUB_ENV=production")
            self.secret_key = SecretStr(_development_secret_key())
        return self

    @model_validator(mode="after")
    def _docs_default(self) -> Settings:
        if self.api_docs is None:
            self.api_docs = self.env != "production"
        return self

    @model_validator(mode="after")
    def _mail_defaults(self) -> Settings:
        if self.run_dispatcher_in_process is None:
            self.run_dispatcher_in_process = self.env == "development"
        # A lease shorter than a slow send would let a second dispatcher send it again.
        if self.mail_lease_seconds <= self.smtp_timeout_seconds:
            raise ValueError("MASTERYHUB_MAIL_LEASE_SECONDS must exceed SMTP_TIMEOUT_SECONDS")
        return self

    @property
    def signing_keys(self) -> dict[str, str]:
        """kid → secret, in configured order (the first is the one that signs)."""
        assert self.secret_key is not None
        keys: dict[str, str] = {}
        for part in self.secret_key.get_secret_value().split(","):
            kid, sep, secret = part.strip().partition(":")
            if sep and secret:
                keys[kid] = secret
            else:
                keys[f"k{len(keys) + 1}"] = part.strip()
        return keys

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def base_url_for(host: str, port: int) -> str:
    """The URL a server bound to ``host``:``port`` is reached at from this machine."""
    if host in {"", "0.0.0.0", "::"}:  # noqa: S104 (naming the wildcard, not binding it)
        host = "127.0.0.1"  # bound to every interface: this machine reaches it on loopback
    elif ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{port}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
