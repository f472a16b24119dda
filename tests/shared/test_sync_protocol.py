from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from shared.sync.protocol import (
    MAX_PUSH_MUTATIONS,
    MUTATION_ARGS,
    Change,
    ChangeOp,
    ChangesPage,
    Mutation,
    MutationName,
    MutationResult,
    PushRequest,
    RecordType,
    ResultStatus,
    SyncMeta,
)


class TestWireModels:
    def test_every_mutation_documents_its_args(self) -> None:
        assert set(MUTATION_ARGS) == set(MutationName)

    def test_push_request_round_trips_through_json(self) -> None:
        req = PushRequest(
            client_id=uuid.uuid4(),
            mutations=[Mutation(mutation_id=1, name=MutationName.VEHICLE_CREATE, args={"vin": "X"})],
        )
        assert PushRequest.model_validate_json(req.model_dump_json()) == req

    @pytest.mark.parametrize(
        "mutations",
        [[], [{"mutation_id": i + 1, "name": "vehicle.create"} for i in range(MAX_PUSH_MUTATIONS + 1)]],
    )
    def test_push_request_bounds(self, mutations: list[dict[str, object]]) -> None:
        with pytest.raises(ValidationError):
            PushRequest.model_validate({"client_id": str(uuid.uuid4()), "mutations": mutations})

    @pytest.mark.parametrize(
        "raw",
        [
            {"mutation_id": 0, "name": "vehicle.create"},
            {"mutation_id": 1, "name": "vehicle.explode"},
            {"mutation_id": 1, "name": "vehicle.update", "base_version": 0},
            {"mutation_id": 1, "name": "vehicle.update", "extra": 1},
        ],
    )
    def test_bad_mutations_are_refused(self, raw: dict[str, object]) -> None:
        with pytest.raises(ValidationError):
            Mutation.model_validate(raw)

    def test_result_defaults(self) -> None:
        result = MutationResult(mutation_id=3, status=ResultStatus.REJECTED, code="forbidden")
        assert result.rows == []
        assert result.id_map == {}
        assert result.message is None

    def test_changes_page_and_meta(self) -> None:
        change = Change(seq=4, op=ChangeOp.REMOVE, type=RecordType.VEHICLE, id=uuid.uuid4())
        page = ChangesPage(cursor="c1.1.4", has_more=False, changes=[change], counts={"vehicle": 0})
        assert ChangesPage.model_validate_json(page.model_dump_json()) == page
        meta = SyncMeta(protocol_version=1, schema_version=1, server_time=datetime(2025, 1, 1, tzinfo=UTC))
        assert meta.max_push_mutations == MAX_PUSH_MUTATIONS
