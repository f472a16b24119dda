"""Record ids are UUIDv7 (ARCHITECTURE "Ids"): version and variant bits, the creation time in front."""

from __future__ import annotations

import time
import uuid

from shared.ids import uuid7


def test_uuid7_has_version_7_and_the_rfc_variant() -> None:
    for _ in range(200):
        value = uuid7()
        assert value.version == 7
        assert value.variant == uuid.RFC_4122


def test_uuid7_leads_with_the_creation_millisecond_so_later_ids_sort_later() -> None:
    before = time.time_ns() // 1_000_000
    first = uuid7()
    time.sleep(0.002)
    second = uuid7()
    after = time.time_ns() // 1_000_000
    assert before <= first.int >> 80 <= second.int >> 80 <= after
    assert first < second
    assert str(first) < str(second)  # the text form (the replica's keys) sorts the same way
    assert len({uuid7() for _ in range(1000)}) == 1000
