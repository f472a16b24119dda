"""Where the trust engine learns about a vehicle's documents (no FastAPI).

The documents domain registers one :data:`DocumentSource` at import time; until it exists the engine
sees no documents. A source returns every document of the vehicle (attached to the vehicle or to any
version of one of its entries) as :class:`VehicleDocument`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from shared.trust import DocumentFacts


@dataclass(frozen=True, slots=True)
class VehicleDocument:
    """One document's trust facts; ``entry_id`` is the entry row it is attached to (None: the vehicle)."""

    entry_id: uuid.UUID | None
    facts: DocumentFacts


DocumentSource = Callable[[Session, uuid.UUID], Iterable[VehicleDocument]]

_sources: list[DocumentSource] = []


def register_document_source(source: DocumentSource) -> None:
    """Add a source (idempotent)."""
    if source not in _sources:
        _sources.append(source)


def unregister_document_source(source: DocumentSource) -> None:
    if source in _sources:
        _sources.remove(source)


def vehicle_documents(session: Session, vehicle_id: uuid.UUID) -> list[VehicleDocument]:
    """All documents every registered source knows for the vehicle."""
    found: list[VehicleDocument] = []
    for source in list(_sources):
        found.extend(source(session, vehicle_id))
    return found
