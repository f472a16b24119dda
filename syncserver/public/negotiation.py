"""Content negotiation of the public QR route: HTML for browsers, JSON for programs (D21). Pure string parsing."""

from __future__ import annotations

HTML = "text/html"
JSON = "application/json"


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return 0.0
            return q if 0.0 <= q <= 1.0 else 0.0
    return 1.0


def _accepted(accept: str, media_type: str) -> float:
    """The quality ``accept`` gives ``media_type``: the most specific matching range wins (RFC 9110 §12.5.1)."""
    main = media_type.split("/", 1)[0]
    best_specificity, best_q = -1, 0.0
    for item in accept.split(","):
        parts = item.strip().split(";")
        media_range = parts[0].strip().lower()
        if media_range == media_type:
            specificity = 2
        elif media_range == f"{main}/*":
            specificity = 1
        elif media_range == "*/*":
            specificity = 0
        else:
            continue
        if specificity > best_specificity:
            best_specificity, best_q = specificity, _quality(parts[1:])
    return best_q


def prefers_html(accept: str | None) -> bool:
    """True when the Accept header ranks ``text/html`` above ``application/json``; ties and no header are JSON."""
    if not accept:
        return False
    html_q = _accepted(accept, HTML)
    return html_q > 0.0 and html_q > _accepted(accept, JSON)
