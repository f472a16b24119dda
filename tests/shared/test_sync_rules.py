from __future__ import annotations

import pytest

from shared.errors import DomainError, ErrorCode
from shared.sync.protocol import Mutation, MutationName
from shared.sync.rules import Disposition, check_order, check_versions, disposition, parse_version


def _m(mid: int) -> Mutation:
    return Mutation(mutation_id=mid, name=MutationName.VEHICLE_DELETE, args={})


class TestParseVersion:
    @pytest.mark.parametrize(
        ("raw", "expected"), [(None, None), ("1", 1), (" 2 ", 2), ("x", None), ("-1", None), (3, 3), (-1, None)]
    )
    def test_table(self, raw: str | int | None, expected: int | None) -> None:
        assert parse_version(raw) == expected


class TestCheckVersions:
    @pytest.mark.parametrize(("protocol", "schema"), [(None, None), (1, 1), (1, None), (None, 1)])
    def test_accepted(self, protocol: int | None, schema: int | None) -> None:
        check_versions(protocol, schema, server_protocol=1, server_schema=1)

    @pytest.mark.parametrize(("protocol", "schema"), [(2, 1), (1, 2), (0, None), (None, 9)])
    def test_mismatch(self, protocol: int | None, schema: int | None) -> None:
        with pytest.raises(DomainError) as info:
            check_versions(protocol, schema, server_protocol=1, server_schema=1)
        assert info.value.code is ErrorCode.PROTOCOL_MISMATCH


class TestOrderAndDisposition:
    def test_ascending_is_fine(self) -> None:
        check_order([_m(1), _m(2), _m(7)])

    @pytest.mark.parametrize("ids", [[2, 2], [3, 1]])
    def test_not_ascending(self, ids: list[int]) -> None:
        with pytest.raises(DomainError) as info:
            check_order([_m(i) for i in ids])
        assert info.value.code is ErrorCode.VALIDATION_FAILED

    @pytest.mark.parametrize(
        ("mid", "last", "expected"),
        [(1, 0, Disposition.APPLY), (5, 5, Disposition.DUPLICATE), (4, 5, Disposition.DUPLICATE), (6, 5, "apply")],
    )
    def test_disposition(self, mid: int, last: int, expected: str) -> None:
        assert disposition(mid, last) == expected
