"""Process-wide collaborators handed to services (no FastAPI): settings, clock, keys, mailer, database."""

from __future__ import annotations

from dataclasses import dataclass

from syncserver.clock import Clock
from syncserver.config import Settings
from syncserver.db import Database
from syncserver.mail import Mailer
from syncserver.security import Keys


@dataclass(frozen=True, slots=True)
class ServerContext:
    settings: Settings
    clock: Clock
    keys: Keys
    mailer: Mailer
    db: Database
