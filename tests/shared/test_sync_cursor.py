from __future__ import annotations

import pytest

from shared.errors import DomainError, ErrorCode
from shared.sync import cursor
from shared.sync.cursor import Cursor, CursorError
from shared.sync.protocol import DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT


class TestEncodeDecode:
    @pytest.mark.parametrize(("epoch", "seq"), [(1, 0), (7, 123456789), (0, 1)])
    def test_round_trip(self, epoch: int, seq: int) -> None:
        assert cursor.decode(Cursor(epoch, seq).encode()) == Cursor(epoch, seq)

    @pytest.mark.parametrize("raw", ["", "c1", "c1.1", "c2.1.1", "c1.a.1", "c1.1.-1", "c1.1.1.1", "c1.1." + "9" * 19])
    def test_malformed(self, raw: str) -> None:
        with pytest.raises(CursorError):
            cursor.decode(raw)

    def test_advance_never_moves_back(self) -> None:
        assert Cursor(1, 5).advance(3) == Cursor(1, 5)
        assert Cursor(1, 5).advance(9) == Cursor(1, 9)
        assert cursor.start(4) == Cursor(4, 0)


class TestResumePoint:
    @pytest.mark.parametrize("raw", [None, ""])
    def test_no_cursor_starts_at_the_beginning(self, raw: str | None) -> None:
        assert cursor.resume_point(raw, epoch=2, horizon=0, head=10) == Cursor(2, 0)

    def test_valid_cursor(self) -> None:
        assert cursor.resume_point("c1.2.5", epoch=2, horizon=3, head=10) == Cursor(2, 5)

    @pytest.mark.parametrize(
        "raw",
        [
            "garbage",  # unparsable
            "c1.1.5",  # other epoch
            "c1.2.2",  # below the horizon (compacted)
            "c1.2.11",  # beyond the head (unknown)
        ],
    )
    def test_full_resync(self, raw: str) -> None:
        with pytest.raises(DomainError) as info:
            cursor.resume_point(raw, epoch=2, horizon=3, head=10)
        assert info.value.code is ErrorCode.FULL_RESYNC_REQUIRED
        assert info.value.http_status == 409


class TestPageLimit:
    @pytest.mark.parametrize(
        ("requested", "expected"),
        [(None, DEFAULT_PAGE_LIMIT), (0, 1), (-5, 1), (10, 10), (MAX_PAGE_LIMIT + 1, MAX_PAGE_LIMIT)],
    )
    def test_clamped(self, requested: int | None, expected: int) -> None:
        assert cursor.page_limit(requested) == expected
