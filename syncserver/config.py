"""Server settings (pydantic-settings, prefix ``LTC_``); documented in docs/operations.md.

Every tunable number of the server lives here exactly once (DECISIONS preamble).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared.documents import MAX_UPLOAD_BYTES
from syncserver.auth.emails import normalize_email
from syncserver.auth.passwords import Argon2Params

#: Used only in development mode when no LTC_SECRET_KEY is set; refused in production.
DEV_SECRET_KEY = "ltc-development-only-secret-key-do-not-use-in-production"
MIN_SECRET_LENGTH = 32
_PLACEHOLDER_SECRETS = {"changeme", "change-me", "secret", "replace-me", DEV_SECRET_KEY}


class RateLimit:
    """``count`` hits per ``seconds`` window, parsed from ``"count/seconds"``."""

    __slots__ = ("count", "seconds")

    def __init__(self, count: int, seconds: int) -> None:
        if count < 1 or seconds < 1:
            raise ValueError("rate limit needs count >= 1 and seconds >= 1")
        self.count = count
        self.seconds = seconds

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        count, _, seconds = text.partition("/")
        return cls(int(count), int(seconds))

    def __repr__(self) -> str:
        return f"RateLimit({self.count}/{self.seconds}s)"


class Settings(BaseSettings):
    """All server settings; environment variables ``LTC_<NAME>`` override the defaults."""

    model_config = SettingsConfigDict(env_prefix="LTC_", extra="ignore", case_sensitive=False)

    env: Literal["development", "production"] = "development"
    secret_key: SecretStr = SecretStr("")
    data_dir: Path = Path("data/server")
    database_url: str | None = None
    log_level: str = "INFO"

    # mail
    smtp_url: str | None = None
    smtp_ca_file: Path | None = None
    mail_from: str = "LifeTimeCircle <no-reply@localhost>"

    # development switches (refused in production)
    dev_expose_otp: bool = False

    bootstrap_superadmin_emails: str = ""
    clamd: str | None = None

    # consent (D4): current required versions
    consent_terms_version: str = "v1"
    consent_privacy_version: str = "v1"

    # accounts and sessions (D1-D3)
    otp_ttl_seconds: int = Field(default=600, ge=60)
    otp_max_attempts: int = Field(default=5, ge=1)
    access_token_ttl_seconds: int = Field(default=3600, ge=60)
    refresh_token_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=3600)
    admin_session_max_seconds: int = Field(default=4 * 3600, ge=300)
    admin_idle_seconds: int = Field(default=15 * 60, ge=60)
    password_min_length: int = Field(default=10, ge=8)
    # Argon2id (docs/operations.md "Password hashing"): OWASP m=19 MiB t=2 p=1; changed values rehash at login
    argon2_memory_kib: int = Field(default=19 * 1024, ge=8 * 1024)
    argon2_time_cost: int = Field(default=2, ge=1)
    argon2_parallelism: int = Field(default=1, ge=1, le=16)
    argon2_max_concurrent: int = Field(default=4, ge=1)
    backup_code_count: int = Field(default=10, ge=4, le=20)

    # rate limits "count/seconds" (D1)
    rate_request_per_ip: str = "10/60"
    rate_request_per_email: str = "3/600"
    rate_verify_per_ip: str = "20/60"
    rate_login_per_ip: str = "20/60"
    rate_login_per_email: str = "10/600"
    rate_public_qr_per_ip: str = "60/60"

    # documents and intake (D15-D17); LTC_CLAMD above ("unix:/path" or "host:port"; unset = no scanner)
    upload_max_bytes: int = Field(default=MAX_UPLOAD_BYTES, ge=1)
    blob_dir: Path | None = None
    clamd_timeout_seconds: float = Field(default=60.0, gt=0)
    ocr_languages: str = "deu+eng"
    ocr_timeout_seconds: float = Field(default=120.0, gt=0)
    ocr_max_pages: int = Field(default=10, ge=1)

    # background jobs: in-process worker (None = auto: only on the embedded SQLite database)
    worker_in_process: bool | None = None
    worker_poll_seconds: float = Field(default=2.0, gt=0)
    job_max_attempts: int = Field(default=5, ge=1)
    job_backoff_base_seconds: int = Field(default=30, ge=1)
    job_backoff_max_seconds: int = Field(default=3600, ge=1)
    job_lease_seconds: int = Field(default=600, ge=5)
    retention_interval_seconds: int = Field(default=3600, ge=60)

    @field_validator(
        "rate_request_per_ip",
        "rate_request_per_email",
        "rate_verify_per_ip",
        "rate_login_per_ip",
        "rate_login_per_email",
        "rate_public_qr_per_ip",
    )
    @classmethod
    def _check_rate(cls, value: str) -> str:
        RateLimit.parse(value)
        return value

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.env == "production":
            secret = self.secret_key.get_secret_value()
            if len(secret) < MIN_SECRET_LENGTH or secret.lower() in _PLACEHOLDER_SECRETS:
                raise ValueError(f"LTC_SECRET_KEY must be set to at least {MIN_SECRET_LENGTH} characters in production")
            if self.dev_expose_otp:
                raise ValueError("LTC_DEV_EXPOSE_OTP is a development switch and is refused in production")
        return self

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def secret(self) -> bytes:
        """The application secret (HMAC keys, token hashes); a fixed dev key outside production."""
        value = self.secret_key.get_secret_value() or DEV_SECRET_KEY
        return value.encode("utf-8")

    @property
    def resolved_database_url(self) -> str:
        """LTC_DATABASE_URL, or the embedded SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'ltc-server.sqlite3').resolve()}"

    @property
    def resolved_blob_dir(self) -> Path:
        """LTC_BLOB_DIR, or ``blobs`` in the data folder (embedded default)."""
        return self.blob_dir or self.data_dir / "blobs"

    @property
    def runs_worker_in_process(self) -> bool:
        """LTC_WORKER_IN_PROCESS, else in-process exactly when the database is the embedded SQLite."""
        if self.worker_in_process is not None:
            return self.worker_in_process
        return self.resolved_database_url.startswith("sqlite")

    @property
    def mail_spool_dir(self) -> Path:
        return self.data_dir / "mail-spool"

    @property
    def bootstrap_superadmins(self) -> frozenset[str]:
        """Normalised addresses from LTC_BOOTSTRAP_SUPERADMIN_EMAILS (comma list)."""
        return frozenset(normalize_email(p) for p in self.bootstrap_superadmin_emails.split(",") if p.strip())

    @property
    def consent_versions(self) -> dict[str, str]:
        """Required consent documents and their current versions."""
        return {"terms": self.consent_terms_version, "privacy": self.consent_privacy_version}

    @property
    def argon2(self) -> Argon2Params:
        """The configured Argon2id cost and the per-process cap on concurrent hash computations."""
        return Argon2Params(
            memory_kib=self.argon2_memory_kib,
            time_cost=self.argon2_time_cost,
            parallelism=self.argon2_parallelism,
            max_concurrent=self.argon2_max_concurrent,
        )

    def rate(self, name: str) -> RateLimit:
        return RateLimit.parse(getattr(self, f"rate_{name}"))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
