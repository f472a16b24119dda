"""All SQL of sync: the change log and its sequence, client state, aliases, visibility, blob uploads."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, insert, or_, select, text, union
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from shared.sync.protocol import RecordType
from syncserver.governance.repository import approved_org_ids
from syncserver.models.addon import TrustFolder, TrustFolderItem
from syncserver.models.document import Document
from syncserver.models.entry import VehicleEntry
from syncserver.models.sync import (
    SyncBlobUpload,
    SyncChange,
    SyncClient,
    SyncIdAlias,
    SyncMutationAnswer,
    SyncVisibility,
)
from syncserver.models.user import User
from syncserver.models.vehicle import Vehicle, VehicleCollection, VehicleTrustSummary
from syncserver.models.workshop import GrantStatus, WorkshopGrant
from syncserver.sync.entry_page import driver_values, untyped
from syncserver.vehicles.repository import VehicleRepository

#: Key of the PostgreSQL transaction-level advisory lock that serialises seq assignment.
SEQUENCE_LOCK_KEY = 0x4C5443_5359_4E43 % (2**63)


class SyncRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- change log -------------------------------------------------------------------------------
    def lock_sequence(self) -> None:
        """Serialise seq assignment until this transaction ends (SQLite serialises writers already)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SEQUENCE_LOCK_KEY})

    def append_many(
        self,
        rows: Sequence[tuple[str, uuid.UUID, str, uuid.UUID | None, uuid.UUID | None, uuid.UUID | None]],
        at: datetime,
    ) -> list[int]:
        """Log rows ``(type, id, op, vehicle, org, audience)`` under the next seqs, in one statement (call under
        :meth:`lock_sequence`: nobody else takes a seq until this transaction ends); returns their seqs."""
        if not rows:
            return []
        first = self.head() + 1
        keys = ("record_type", "record_id", "op", "vehicle_id", "org_id", "audience_user_id")
        values = [
            {"seq": first + n, **dict(zip(keys, row, strict=True)), "created_at": at} for n, row in enumerate(rows)
        ]
        self.session.execute(insert(SyncChange.__table__), values)
        return list(range(first, first + len(values)))

    def head(self) -> int:
        return int(self.session.scalar(select(func.coalesce(func.max(SyncChange.seq), 0))) or 0)

    def changes_after(
        self,
        seq: int,
        org_ids: Sequence[uuid.UUID],
        user_id: uuid.UUID,
        limit: int,
    ) -> Sequence[Any]:
        """Log rows after ``seq`` that concern the user's shown vehicles (``sync_visibility``, reconciled by the
        caller first), their organisations or the user, in seq order. Core rows of the four columns a page
        reads (``seq``, ``record_type``, ``record_id``, ``op``): a page is thousands of rows. ``record_id`` is the
        driver's value (``entry_page.driver_values``): no ``uuid.UUID`` per row."""
        table = SyncChange.__table__
        shown = self.shown_subquery(user_id)
        scope = [
            table.c.audience_user_id == user_id,
            table.c.vehicle_id.in_(shown) & table.c.audience_user_id.is_(None),
        ]
        if org_ids:
            scope.append(table.c.org_id.in_(org_ids) & table.c.audience_user_id.is_(None))
        columns = (table.c.seq, table.c.record_type, untyped(table.c.record_id).label("record_id"), table.c.op)
        stmt = select(*columns).where(table.c.seq > seq, or_(*scope)).order_by(table.c.seq).limit(limit)
        return self.session.execute(stmt).all()

    def live_counts(self, user_id: uuid.UUID) -> dict[str, int]:
        """Live vehicles and entries among the user's shown (reconciled, so visible) vehicles: the count check
        of the last page, in one statement."""
        shown = self.shown_subquery(user_id)
        vehicles = select(func.count()).where(Vehicle.id.in_(shown), Vehicle.deleted_at.is_(None))
        entries = select(func.count()).where(VehicleEntry.vehicle_id.in_(shown), VehicleEntry.deleted_at.is_(None))
        row = self.session.execute(select(vehicles.scalar_subquery(), entries.scalar_subquery())).one()
        return {"vehicle": int(row[0] or 0), "entry": int(row[1] or 0)}

    def folder_vehicles(self, folder_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not folder_ids:
            return {}
        stmt = select(TrustFolder.id, TrustFolder.vehicle_id).where(TrustFolder.id.in_(folder_ids))
        return {row[0]: row[1] for row in self.session.execute(stmt).all()}

    # --- visibility ---------------------------------------------------------------------------------
    def lock_user(self, user_id: uuid.UUID) -> None:
        self.session.execute(select(User.id).where(User.id == user_id).with_for_update())

    def _visible_stmt(self, user_id: uuid.UUID, now: datetime, orgs: Sequence[uuid.UUID]) -> Select[Any]:
        """Live vehicles the user owns, of approved organisations, or under an active workshop grant."""
        scope = [Vehicle.owner_user_id == user_id]
        if orgs:
            scope.append(Vehicle.owner_org_id.in_(orgs))
            granted = select(WorkshopGrant.vehicle_id).where(
                WorkshopGrant.org_id.in_(orgs),
                WorkshopGrant.status == GrantStatus.APPROVED.value,
                WorkshopGrant.expires_at > now,
            )
            scope.append(Vehicle.id.in_(granted))
        return select(Vehicle.id).where(or_(*scope), Vehicle.deleted_at.is_(None))

    def visible_vehicle_ids(
        self, user_id: uuid.UUID, now: datetime, orgs: Sequence[uuid.UUID] | None = None
    ) -> set[uuid.UUID]:
        stmt = self._visible_stmt(user_id, now, approved_org_ids(self.session, user_id) if orgs is None else orgs)
        return set(self.session.scalars(stmt).all())

    def visibility_changed(self, user_id: uuid.UUID, now: datetime, orgs: Sequence[uuid.UUID]) -> bool:
        """Whether the visible vehicles differ from the shown ones, answered in the database (one statement,
        no ids in Python): the no-op pull's check. Time-based losses (an expired grant) count, as they must."""
        visible = self._visible_stmt(user_id, now, orgs)
        shown = self.shown_subquery(user_id)
        gained = visible.where(Vehicle.id.not_in(shown))
        lost = shown.where(SyncVisibility.vehicle_id.not_in(visible))
        return bool(self.session.scalar(select(or_(exists(gained), exists(lost)))))

    def org_ids(self, user_id: uuid.UUID) -> list[uuid.UUID]:
        return approved_org_ids(self.session, user_id)

    def shown_subquery(self, user_id: uuid.UUID) -> Select[Any]:
        """``SELECT vehicle_id`` of the vehicles the user's replica was last told it sees."""
        return select(SyncVisibility.vehicle_id).where(SyncVisibility.user_id == user_id, SyncVisibility.visible)

    def shown_vehicle_ids(self, user_id: uuid.UUID) -> set[uuid.UUID]:
        """The vehicles the user's replica was last told it sees."""
        stmt = select(SyncVisibility.vehicle_id).where(SyncVisibility.user_id == user_id, SyncVisibility.visible)
        return set(self.session.scalars(stmt).all())

    def known_visible(self, user_id: uuid.UUID) -> dict[uuid.UUID, SyncVisibility]:
        stmt = select(SyncVisibility).where(SyncVisibility.user_id == user_id)
        return {row.vehicle_id: row for row in self.session.scalars(stmt).all()}

    def add(self, obj: SyncVisibility | SyncClient | SyncMutationAnswer | SyncIdAlias | SyncBlobUpload) -> None:
        self.session.add(obj)
        self.session.flush()

    def add_all(self, *objs: SyncMutationAnswer) -> None:
        """Add without flushing (the caller flushes once)."""
        self.session.add_all(objs)

    def flush(self) -> None:
        self.session.flush()

    # --- clients, answers, aliases ------------------------------------------------------------------
    def client(self, client_id: uuid.UUID, *, lock: bool = False) -> SyncClient | None:
        stmt = select(SyncClient).where(SyncClient.client_id == client_id)
        return self.session.scalar(stmt.with_for_update() if lock else stmt)

    def answer(self, client_id: uuid.UUID, mutation_id: int) -> SyncMutationAnswer | None:
        return self.session.get(SyncMutationAnswer, (client_id, mutation_id))

    def add_answers(self, answers: list[dict[str, Any]]) -> None:
        """Stored push answers (``client_id``, ``mutation_id``, ``answer``, ``created_at``) in one INSERT."""
        if answers:
            self.session.execute(insert(SyncMutationAnswer.__table__), answers)

    def add_aliases(
        self, user_id: uuid.UUID, record_type: RecordType, pairs: Sequence[tuple[uuid.UUID, uuid.UUID]], at: datetime
    ) -> set[uuid.UUID]:
        """``(client id, server id)`` aliases of records of one type, in one INSERT; the client ids it added. A
        client id the account has an alias for already keeps it (no unique-key error, even from a concurrent
        push, so the transaction stays usable)."""
        if not pairs:
            return set()
        rows = [
            {"user_id": user_id, "client_ref": c, "record_type": record_type.value, "server_id": s, "created_at": at}
            for c, s in pairs
        ]
        insert_ = postgresql.insert if self.session.get_bind().dialect.name == "postgresql" else sqlite.insert
        stmt = (
            insert_(SyncIdAlias)
            .on_conflict_do_nothing(index_elements=[SyncIdAlias.user_id, SyncIdAlias.client_ref])
            .returning(SyncIdAlias.client_ref)
        )
        return set(self.session.scalars(stmt, rows).all())

    def ids_in_use(self, user_id: uuid.UUID, refs: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        """Which of ``refs`` the account uses already: a client id it has an alias for, or the id of a record
        it made or owns (vehicle, entry, document, folder, folder item, workshop request). One statement."""
        if not refs:
            return set()
        parts = (
            select(SyncIdAlias.client_ref).where(SyncIdAlias.user_id == user_id, SyncIdAlias.client_ref.in_(refs)),
            select(Vehicle.id).where(
                Vehicle.id.in_(refs), or_(Vehicle.created_by_user_id == user_id, Vehicle.owner_user_id == user_id)
            ),
            select(VehicleEntry.id).where(VehicleEntry.id.in_(refs), VehicleEntry.author_user_id == user_id),
            select(Document.id).where(Document.id.in_(refs), Document.owner_user_id == user_id),
            select(TrustFolder.id).where(TrustFolder.id.in_(refs), TrustFolder.owner_user_id == user_id),
            select(TrustFolderItem.id)
            .join(TrustFolder, TrustFolder.id == TrustFolderItem.folder_id)
            .where(TrustFolderItem.id.in_(refs), TrustFolder.owner_user_id == user_id),
            select(WorkshopGrant.id).where(WorkshopGrant.id.in_(refs), WorkshopGrant.requested_by_user_id == user_id),
        )
        return set(self.session.scalars(union(*parts)).all())

    def id_taken(self, model: type[Any], ref: uuid.UUID) -> bool:
        """Whether a record of ``model``'s table has the id (any account's, soft-deleted rows too)."""
        return self.session.scalar(select(exists().where(model.id == ref))) is True

    def aliases(self, user_id: uuid.UUID, refs: Sequence[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        if not refs:
            return {}
        stmt = select(SyncIdAlias.client_ref, SyncIdAlias.server_id).where(
            SyncIdAlias.user_id == user_id, SyncIdAlias.client_ref.in_(refs)
        )
        return {row[0]: row[1] for row in self.session.execute(stmt).all()}

    # --- records ------------------------------------------------------------------------------------
    def vehicles(self, ids: Sequence[uuid.UUID]) -> Sequence[Vehicle]:
        return self.session.scalars(select(Vehicle).where(Vehicle.id.in_(ids))).all() if ids else []

    def entries(self, ids: Sequence[uuid.UUID]) -> Sequence[VehicleEntry]:
        return self.session.scalars(select(VehicleEntry).where(VehicleEntry.id.in_(ids))).all() if ids else []

    def entry_rows(self, ids: Sequence[uuid.UUID]) -> Sequence[Any]:
        """Entry rows as Core rows (attribute access by the model's names, which are its column names): a
        pull page renders thousands, and ORM instances are several times dearer than rows."""
        if not ids:
            return []
        self.session.flush()  # a Core select does not autoflush
        table = VehicleEntry.__table__
        return self.session.execute(select(table).where(table.c.id.in_(ids))).all()

    def document_rows(self, ids: Sequence[uuid.UUID]) -> Sequence[Any]:
        """Document rows as Core rows (attribute access by the model's names, which are its column names): a first
        pull renders thousands, and loading ORM instances cost more than rendering them."""
        if not ids:
            return []
        self.session.flush()  # a Core select does not autoflush
        table = Document.__table__
        return self.session.execute(select(table).where(table.c.id.in_(ids))).all()

    def trust_lights(self, vehicle_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The stored trust light of each of these vehicles that has a summary (one statement)."""
        if not vehicle_ids:
            return {}
        self.session.flush()  # a Core select does not autoflush
        table = VehicleTrustSummary.__table__
        stmt = select(table.c.vehicle_id, table.c.trust_light).where(table.c.vehicle_id.in_(vehicle_ids))
        return {row[0]: row[1] for row in self.session.execute(stmt).all()}

    def summaries(self, ids: Sequence[uuid.UUID]) -> Sequence[VehicleTrustSummary]:
        if not ids:
            return []
        return self.session.scalars(select(VehicleTrustSummary).where(VehicleTrustSummary.vehicle_id.in_(ids))).all()

    def folders(self, ids: Sequence[uuid.UUID]) -> Sequence[TrustFolder]:
        return self.session.scalars(select(TrustFolder).where(TrustFolder.id.in_(ids))).all() if ids else []

    def folder_items(self, ids: Sequence[uuid.UUID]) -> Sequence[TrustFolderItem]:
        return self.session.scalars(select(TrustFolderItem).where(TrustFolderItem.id.in_(ids))).all() if ids else []

    def collections(self, ids: Sequence[uuid.UUID]) -> Sequence[VehicleCollection]:
        return self.session.scalars(select(VehicleCollection).where(VehicleCollection.id.in_(ids))).all() if ids else []

    def collection_members(self, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
        """Vehicle ids per collection in the order they were added (deleted vehicles left out)."""
        return VehicleRepository(self.session).member_ids(ids)

    def grants(self, ids: Sequence[uuid.UUID]) -> Sequence[WorkshopGrant]:
        return self.session.scalars(select(WorkshopGrant).where(WorkshopGrant.id.in_(ids))).all() if ids else []

    def revision_counts(self, group_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not group_ids:
            return {}
        stmt = (
            select(VehicleEntry.entry_group_id, func.count())
            .where(VehicleEntry.entry_group_id.in_(group_ids))
            .group_by(VehicleEntry.entry_group_id)
        )
        return {row[0]: int(row[1]) for row in self.session.execute(stmt).all()}

    def vehicles_children(self, vehicle_ids: Sequence[uuid.UUID]) -> dict[Any, list[tuple[str, Any]]]:
        """(type, id) of everything under each vehicle, for the snapshot sent when access is gained: one query per
        table for all of them (a first pull gains every vehicle of the account at once). Vehicle and record ids
        are the driver's values (``entry_page.driver_values``), as :meth:`changes_after` gives them."""
        key = driver_values(self.session).key
        ids = list(dict.fromkeys(vehicle_ids))
        found: dict[Any, list[tuple[str, Any]]] = {}
        for v in ids:
            found[key(v)] = [("vehicle", key(v)), ("trust_summary", key(v))]
        if not ids:
            return found
        queries = (
            (
                "entry",
                select(untyped(VehicleEntry.vehicle_id), untyped(VehicleEntry.id)).where(
                    VehicleEntry.vehicle_id.in_(ids)
                ),
            ),
            (
                "document",
                select(untyped(Document.vehicle_id), untyped(Document.id)).where(Document.vehicle_id.in_(ids)),
            ),
            (
                "folder",
                select(untyped(TrustFolder.vehicle_id), untyped(TrustFolder.id)).where(TrustFolder.vehicle_id.in_(ids)),
            ),
            (
                "folder_item",
                select(untyped(TrustFolder.vehicle_id), untyped(TrustFolderItem.id))
                .join(TrustFolder, TrustFolder.id == TrustFolderItem.folder_id)
                .where(TrustFolder.vehicle_id.in_(ids)),
            ),
            (
                "workshop_grant",
                select(untyped(WorkshopGrant.vehicle_id), untyped(WorkshopGrant.id)).where(
                    WorkshopGrant.vehicle_id.in_(ids)
                ),
            ),
        )
        for kind, stmt in queries:
            for vehicle_id, record_id in self.session.execute(stmt).all():
                found[vehicle_id].append((kind, record_id))
        return found

    # --- blob uploads -------------------------------------------------------------------------------
    def upload(self, user_id: uuid.UUID, sha256: str, *, lock: bool = False) -> SyncBlobUpload | None:
        stmt = select(SyncBlobUpload).where(SyncBlobUpload.user_id == user_id, SyncBlobUpload.sha256 == sha256)
        return self.session.scalar(stmt.with_for_update() if lock else stmt)

    def delete_upload(self, upload: SyncBlobUpload) -> None:
        self.session.delete(upload)
        self.session.flush()

    def documents_by_hash(self, sha256: str) -> Sequence[Document]:
        stmt = select(Document).where(Document.checksum_sha256 == sha256, Document.deleted_at.is_(None))
        return self.session.scalars(stmt.order_by(Document.created_at, Document.id)).all()
