"""The public QR mini-check (SPEC §8, DECISIONS D20, D21): the public page and the management of its token."""

from __future__ import annotations
