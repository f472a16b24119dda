"""Route policies: who may call a route, whether consent and a second factor are required (D4-D6).

Every route declares exactly one :class:`Policy` through :func:`syncserver.access.require`; the app
refuses to start when a route has none (deny by default).
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.roles import ACCOUNT_ROLES, ADMIN_ROLES, Role, Scope

#: Account roles except the moderator (D6: the moderator is blocked outside the allow-list,
#: :func:`shared.permissions.moderator_may_access`).
NON_MODERATOR_ROLES: frozenset[Role] = frozenset(ACCOUNT_ROLES - {Role.MODERATOR})


@dataclass(frozen=True)
class Policy:
    """The access rule of a route.

    ``name`` is the shared.permissions action (or route group) the route performs; ``roles`` are the
    account roles allowed, ``Role.PUBLIC`` meaning anonymous callers too; ``consent`` applies the D4
    gate; ``totp`` demands a confirmed second factor in the session (D2 admin routes).
    """

    name: str
    roles: frozenset[Role]
    consent: bool = True
    totp: bool = False
    scope: Scope = Scope.OWN

    @property
    def allows_anonymous(self) -> bool:
        return Role.PUBLIC in self.roles

    @property
    def allows_moderator(self) -> bool:
        return Role.MODERATOR in self.roles

    @classmethod
    def public(cls, name: str, *, moderator: bool = False) -> Policy:
        """No login needed; a signed-in moderator is still refused unless ``moderator`` (D6)."""
        roles = NON_MODERATOR_ROLES | {Role.PUBLIC} | ({Role.MODERATOR} if moderator else set())
        return cls(name=name, roles=frozenset(roles), consent=False, scope=Scope.PUBLIC)

    @classmethod
    def signed_in(cls, name: str, *, consent: bool = False, moderator: bool = True) -> Policy:
        """Any account (the moderator too by default); consent not required unless asked for."""
        roles = ACCOUNT_ROLES if moderator else NON_MODERATOR_ROLES
        return cls(name=name, roles=frozenset(roles), consent=consent)

    @classmethod
    def product(cls, name: str, roles: frozenset[Role] = NON_MODERATOR_ROLES, scope: Scope = Scope.OWN) -> Policy:
        """A product route: consent-gated, moderator blocked."""
        return cls(name=name, roles=frozenset(roles), consent=True, scope=scope)

    @classmethod
    def admin(cls, name: str, *, superadmin_only: bool = False) -> Policy:
        """An admin route: admin/superadmin with a confirmed second factor in the session (D2)."""
        roles = frozenset({Role.SUPERADMIN}) if superadmin_only else ADMIN_ROLES
        return cls(name=name, roles=roles, consent=True, totp=True, scope=Scope.ALL)


# Policies of the core routes.
HEALTH = Policy.public("health")
AUTH_START = Policy.public("auth.start", moderator=True)
AUTH_SESSION = Policy.signed_in("auth.session")
CONSENT = Policy.signed_in("consent")
