"""The trust summary of one vehicle: the shape of ``GET /vehicles/{id}/trust-summary`` (SPEC §7.7).

The server computes it (:func:`shared.trust.derivation.derive_trust_summary`) and syncs it down;
the desktop rebuilds it with :meth:`TrustSummary.from_dict` and never computes a better one itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from shared.entries import TrustLevel
from shared.trust.catalogue import CATALOGUE, TrustLight
from shared.trust.facts import AccidentStatus


class VerificationLevel(StrEnum):
    """Qualitative verification degree from the top T-level (SPEC §7.3)."""

    NIEDRIG = "niedrig"
    MITTEL = "mittel"
    HOCH = "hoch"


class Presence(StrEnum):
    """Yes/no indicator values of ``history_status`` and ``evidence_status``."""

    VORHANDEN = "vorhanden"
    NICHT_VORHANDEN = "nicht_vorhanden"


#: The JSON keys of the trust summary, in contract order.
SUMMARY_KEYS: tuple[str, ...] = (
    "trust_light",
    "hint",
    "reason_codes",
    "todo_codes",
    "verification_level",
    "accident_status",
    "accident_status_label",
    "history_status",
    "evidence_status",
    "top_trust_level",
)


@dataclass(frozen=True, slots=True)
class TrustSummary:
    """The contract's trust summary; ``reason_codes`` are sorted by importance (priority, code).

    ``todo_codes`` are the to-dos the viewer may see (top three for VIP/dealer, all for others,
    SPEC §5.8); ``top_trust_level`` is ``None`` when no entry carries a level.
    """

    trust_light: TrustLight
    hint: str
    reason_codes: tuple[str, ...]
    todo_codes: tuple[str, ...]
    verification_level: VerificationLevel
    accident_status: AccidentStatus
    accident_status_label: str
    history_status: Presence
    evidence_status: Presence
    top_trust_level: TrustLevel | None

    def to_dict(self) -> dict[str, object]:
        """The JSON body with the contract's keys and plain values (lists, strings, null)."""
        return {
            "trust_light": self.trust_light.value,
            "hint": self.hint,
            "reason_codes": list(self.reason_codes),
            "todo_codes": list(self.todo_codes),
            "verification_level": self.verification_level.value,
            "accident_status": self.accident_status.value,
            "accident_status_label": self.accident_status_label,
            "history_status": self.history_status.value,
            "evidence_status": self.evidence_status.value,
            "top_trust_level": None if self.top_trust_level is None else self.top_trust_level.value,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TrustSummary:
        """Rebuild a summary received from the server; raises ``ValueError`` on any unknown key or value."""
        if set(data) != set(SUMMARY_KEYS):
            raise ValueError("trust summary keys differ from the contract")
        reason_codes = _codes(data["reason_codes"])
        todo_codes = _codes(data["todo_codes"])
        if not set(todo_codes) <= set(reason_codes):
            raise ValueError("to-do codes must be reason codes")
        top = data["top_trust_level"]
        hint = data["hint"]
        label = data["accident_status_label"]
        if not isinstance(hint, str) or not isinstance(label, str):
            raise ValueError("hint and accident_status_label must be strings")
        accident_status = AccidentStatus(_text(data["accident_status"]))
        if label != accident_status.label:
            raise ValueError("accident_status_label does not match accident_status")
        return cls(
            trust_light=TrustLight(_text(data["trust_light"])),
            hint=hint,
            reason_codes=reason_codes,
            todo_codes=todo_codes,
            verification_level=VerificationLevel(_text(data["verification_level"])),
            accident_status=accident_status,
            accident_status_label=label,
            history_status=Presence(_text(data["history_status"])),
            evidence_status=Presence(_text(data["evidence_status"])),
            top_trust_level=None if top is None else TrustLevel(_text(top)),
        )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value


def _codes(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of reason codes")
    codes = tuple(_text(item) for item in value)
    unknown = [code for code in codes if code not in CATALOGUE]
    if unknown:
        raise ValueError("unknown reason code")
    return codes
