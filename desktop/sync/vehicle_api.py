"""Online-only vehicle routes over the app's :class:`ApiClient`: public token, workshop access, add-on gate.

Contracts:

- Thread: blocking like :class:`ApiClient`; call it from the network pool, never the GUI thread.
- Authentication, the one refresh on 401 and the error mapping are the client's (errors typed by ``detail``
  code, e.g. ``addon_not_available`` / ``admin_only`` / ``paywall_required`` from the add-on gate).
- Rows come back as frozen dataclasses; ids stay strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from desktop.sync.client import ApiClient

PUBLIC_PAGE_PREFIX = "/public/qr/"
WORKSHOP_KIND = "workshop"


@dataclass(frozen=True, slots=True)
class PublicTokenState:
    vehicle_id: str
    enabled: bool
    token: str | None
    rotated_at: str | None


@dataclass(frozen=True, slots=True)
class OrgRow:
    id: str
    kind: str
    name: str
    membership_status: str | None


@dataclass(frozen=True, slots=True)
class GrantRow:
    id: str
    vehicle_id: str
    org_id: str
    status: str
    expires_at: str | None
    created_at: str | None


@dataclass(frozen=True, slots=True)
class GrantedVehicle:
    id: str
    vin_masked: str
    nickname: str | None


def public_url(server_url: str, token: str) -> str:
    """The URL the sticker's QR code encodes (D20)."""
    return f"{server_url.rstrip('/')}{PUBLIC_PAGE_PREFIX}{quote(token, safe='')}"


def _token_state(body: Any) -> PublicTokenState:
    return PublicTokenState(
        vehicle_id=str(body["vehicle_id"]),
        enabled=bool(body.get("enabled")),
        token=body.get("public_token"),
        rotated_at=body.get("rotated_at"),
    )


def _grant(body: Any) -> GrantRow:
    return GrantRow(
        id=str(body["id"]),
        vehicle_id=str(body["vehicle_id"]),
        org_id=str(body["org_id"]),
        status=str(body.get("status") or ""),
        expires_at=body.get("expires_at"),
        created_at=body.get("created_at"),
    )


def _org(body: Any) -> OrgRow:
    membership = body.get("membership_status") or body.get("status")
    return OrgRow(str(body["id"]), str(body.get("kind") or ""), str(body.get("name") or ""), membership)


class VehicleApi:
    """The REST calls of the QR panel, the workshop page and the trust-folder add-on gate."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    @property
    def server_url(self) -> str:
        return self.client.base_url

    # -- public token (D20) ----------------------------------------------------------------------------

    def public_token(self, vehicle_id: str) -> PublicTokenState:
        return _token_state(self.client._authed("GET", f"/vehicles/{vehicle_id}/public-token"))

    def rotate_public_token(self, vehicle_id: str) -> PublicTokenState:
        return _token_state(self.client._authed("POST", f"/vehicles/{vehicle_id}/public-token/rotate"))

    def disable_public_token(self, vehicle_id: str) -> PublicTokenState:
        return _token_state(self.client._authed("POST", f"/vehicles/{vehicle_id}/public-token/disable"))

    # -- workshop access (D8) --------------------------------------------------------------------------

    def my_orgs(self) -> list[OrgRow]:
        return [_org(row) for row in self.client._authed("GET", "/orgs") or []]

    def workshop_orgs(self) -> list[OrgRow]:
        """The caller's workshop organisations (any membership status; the server checks approval)."""
        return [org for org in self.my_orgs() if org.kind == WORKSHOP_KIND]

    def request_access(self, public_token: str, org_id: str) -> GrantRow:
        body = {"public_token": public_token, "org_id": org_id}
        return _grant(self.client._authed("POST", "/workshop/access-requests", body))

    def workshop_grants(self) -> list[GrantRow]:
        return [_grant(row) for row in self.client._authed("GET", "/workshop/grants") or []]

    def workshop_vehicles(self) -> list[GrantedVehicle]:
        rows = self.client._authed("GET", "/workshop/vehicles") or []
        return [GrantedVehicle(str(r["id"]), str(r.get("vin_masked") or ""), r.get("nickname")) for r in rows]

    def vehicle_grants(self, vehicle_id: str) -> list[GrantRow]:
        return [_grant(row) for row in self.client._authed("GET", f"/vehicles/{vehicle_id}/workshop-grants") or []]

    # -- add-on gate (SPEC §7.6) -----------------------------------------------------------------------

    def enable_addon(self, vehicle_id: str, addon_key: str) -> bool:
        """Activate an add-on through the gate; raises the gate's ``ApiError`` (403 with its code)."""
        body = self.client._authed("POST", f"/addons/vehicles/{vehicle_id}/enable", {"addon_key": addon_key})
        return bool(body.get("active")) if isinstance(body, dict) else False
