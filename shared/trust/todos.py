"""To-dos of a vehicle (SPEC §5.8): one per reason code, ordered by importance, cut per role.

To-dos are active "from yellow on" (D-022): read as "whenever the light is yellow or worse".
Green has no reasons, so the to-do list is exactly the sorted reason list, cut per role:
VIP and dealer (dealer is "VIP level", SPEC §1.2) see the prioritised top three, other account
roles the complete list; moderator and the anonymous public get none (they have no trust access).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shared.roles import Role
from shared.trust.catalogue import CATALOGUE, Severity, sort_key

#: How many to-dos a VIP (or dealer) sees (SPEC §13.6 "VIP to-do top-N").
TODO_TOP_N_VIP = 3
#: Roles that see only the prioritised top-N.
TOP_N_ROLES: frozenset[Role] = frozenset({Role.VIP, Role.DEALER})
#: Roles that see no to-dos at all.
NO_TODO_ROLES: frozenset[Role] = frozenset({Role.MODERATOR, Role.PUBLIC})


@dataclass(frozen=True, slots=True)
class Todo:
    """One to-do: the system reason (a catalogue code) plus the owner's optional note."""

    reason_code: str
    priority: int
    severity: Severity
    text: str
    owner_note: str | None = None


def sort_reason_codes(reason_codes: Iterable[str]) -> tuple[str, ...]:
    """Deduplicate and order codes by priority, ties by code; raises ``KeyError`` for an unknown code."""
    return tuple(spec.code for spec in sorted({CATALOGUE[code] for code in reason_codes}, key=sort_key))


def todo_codes_for_role(reason_codes: Iterable[str], role: Role) -> tuple[str, ...]:
    """The to-do codes ``role`` sees, most important first (SPEC §5.8, §7.7)."""
    if role in NO_TODO_ROLES:
        return ()
    ordered = sort_reason_codes(reason_codes)
    if role in TOP_N_ROLES:
        return ordered[:TODO_TOP_N_VIP]
    return ordered


def build_todos(
    reason_codes: Iterable[str], role: Role, owner_notes: Mapping[str, str] | None = None
) -> tuple[Todo, ...]:
    """The to-do items ``role`` sees; ``owner_notes`` maps a reason code to the owner's note."""
    notes = owner_notes or {}
    items: list[Todo] = []
    for code in todo_codes_for_role(reason_codes, role):
        spec = CATALOGUE[code]
        note = (notes.get(code) or "").strip()
        items.append(Todo(code, spec.priority, spec.severity, spec.hint, note or None))
    return tuple(items)
