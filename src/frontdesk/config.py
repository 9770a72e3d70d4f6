"""Settings: the only reader of the environment (prefix ``FRONTDESK_``)."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The platform's user data directory (``~/.local/share/frontdesk`` on Linux): the same
    wherever a command is run from."""
    return Path(platformdirs.user_data_dir("frontdesk", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FRONTDESK_", extra="ignore")

    # Where frontdesk keeps its files (the SQLite database, TLS certificates).
    data_dir: Path = default_data_dir()
    # Empty: ``frontdesk.db`` in the data directory.
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    # Requests whose body is larger are refused (ServiceNow's own REST limit is 10 MiB).
    max_body_bytes: int = 10 * 1024 * 1024
    max_attachment_bytes: int = 25 * 1024 * 1024
    # How long a verified credential (Basic password or Bearer token) is trusted
    # without looking at the store again. Writes in this process invalidate at once;
    # other processes see a change within this many seconds.
    credential_cache_seconds: float = 30.0
    # How long workspace settings (properties, custom fields) are cached.
    settings_cache_seconds: float = 5.0
    sqlite_synchronous: str = "FULL"
    postgres_pool_size: int = 20
    # Argon2 cost for new password hashes (existing hashes keep their own).
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    # How many password verifications run at once (each takes argon2_memory_kib); 0: one
    # per core.
    hashing_concurrency: int = 0
    log_level: str = "info"
    access_log: bool = False
    # The URL clients reach this server at (e.g. https://frontdesk.example.com), when it is
    # behind a proxy: links and Location headers use it instead of the request's Host.
    public_url: str = ""
    # Host names requests may name (comma-separated, "*.example.com" allowed); empty: any.
    trusted_hosts: str = ""
    # Proxies whose X-Forwarded-For / -Proto are believed (comma-separated addresses, "*").
    trusted_proxies: str = "127.0.0.1"
    # Webhooks: may an endpoint be a private, loopback or link-local address (a local test
    # setup); does ``serve`` deliver them itself (else run ``frontdesk deliver``).
    callback_allow_private: bool = False
    deliver: bool = True
    # Keep each workspace's recent API calls for the console's request journal.
    journal: bool = True

    @model_validator(mode="after")
    def _database_in_the_data_dir(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{self.data_dir.expanduser().resolve() / 'frontdesk.db'}"
        return self
