"""Structured JSON logs through a redaction filter (SPEC §13.2).

Only allow-listed fields leave the process. Our own loggers log fixed event names; anything else
(library messages, tracebacks) is scrubbed of e-mail addresses, VIN-like strings, long tokens, codes
and quoted text before it is formatted.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import Any, TextIO

#: SPEC §13.2 allow-list plus the ops access-log fields.
ALLOWED_FIELDS = (
    "event_type",
    "status_code",
    "route_template",
    "role_category",
    "request_id",
    "method",
    "latency_ms",
    "error",
)

_SCRUBBERS = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"\b[A-HJ-NPR-Z0-9]{11,17}\b", re.IGNORECASE), "<id>"),
    (re.compile(r"[A-Za-z0-9_\-]{20,}"), "<token>"),
    (re.compile(r"\b\d{6,}\b"), "<num>"),
    (re.compile(r"'[^']*'|\"[^\"]*\""), "<text>"),
)


_FRAME_LINE = re.compile(r'^  File "[^"]+", line \d+, in [\w<>.]+$')


def scrub(text: str) -> str:
    for pattern, replacement in _SCRUBBERS:
        text = pattern.sub(replacement, text)
    return text


def scrub_traceback(text: str) -> str:
    """Keep the frame lines (file, line, function: code, not data); scrub everything else."""
    return "\n".join(line if _FRAME_LINE.match(line) else scrub(line) for line in text.splitlines())


class RedactionFilter(logging.Filter):
    """Replaces each record's message by a scrubbed one and keeps only allow-listed extra fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        record.ltc_message = scrub(message)
        fields = {k: getattr(record, k) for k in ALLOWED_FIELDS if hasattr(record, k)}
        if isinstance(fields.get("route_template"), str):
            fields["route_template"] = scrub(fields["route_template"])
        record.ltc_fields = fields
        if record.exc_info and record.exc_info[0] is not None:
            exc_text = scrub_traceback("".join(traceback.format_exception(*record.exc_info)))
            record.ltc_exc = exc_text
            record.exc_info = None
            record.exc_text = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": getattr(record, "ltc_message", "<unfiltered>"),
        }
        payload.update(getattr(record, "ltc_fields", {}))
        exc_text = getattr(record, "ltc_exc", None)
        if exc_text:
            payload["exc"] = exc_text
        return json.dumps(payload, ensure_ascii=False, default=str)


def make_handler(stream: TextIO | None = None) -> logging.Handler:
    """A stream handler with the redaction filter and the JSON formatter (tests attach one too)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(RedactionFilter())
    handler.setFormatter(JsonFormatter())
    return handler


_configured = False


def configure_logging(level: str = "INFO") -> None:
    """Route the root logger (uvicorn and libraries included) through one redacting JSON handler."""
    global _configured
    root = logging.getLogger()
    root.setLevel(level.upper())
    if _configured:
        return
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(make_handler())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    logging.getLogger("uvicorn.access").disabled = True  # our access log carries the route template instead
    _configured = True
