"""The public QR page as HTML: German, mobile first, no JavaScript, every value escaped (SPEC §8.2-8.4, D21).

Rendering reads only the projection of :func:`shared.public_page.project_public_page` (the contract keys),
so nothing the JSON variant withholds can reach the page. All text goes through :func:`html.escape`;
the one stylesheet is inline and allowed by its SHA-256 hash in the Content-Security-Policy, so the
page needs no other source (``default-src 'none'``). No framework imports: usable from services and tests.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from html import escape
from string import Template

#: Shown where a descriptor is missing (or was withheld by the projection).
NO_VALUE = "Keine Angabe"

#: German display names of the light colours (API values of TrustLight).
LIGHT_LABELS: Mapping[str, str] = {"rot": "Rot", "orange": "Orange", "gelb": "Gelb", "gruen": "Grün"}
#: Vehicle classes of SPEC §4.2 (API values -> German display names).
CLASS_LABELS: Mapping[str, str] = {
    "hypercar": "Hypercar",
    "sport": "Sportwagen",
    "luxus": "Luxus",
    "alltag": "Alltagsfahrzeug",
    "nutzfahrzeug": "Nutzfahrzeug",
}
PRESENCE_LABELS: Mapping[str, str] = {"vorhanden": "Vorhanden", "nicht_vorhanden": "Nicht vorhanden"}
LEVEL_LABELS: Mapping[str, str] = {"niedrig": "Niedrig", "mittel": "Mittel", "hoch": "Hoch"}

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#eef1f5;color:#1b2430;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
"DejaVu Sans",Arial,sans-serif;overflow-wrap:anywhere}
main{max-width:34rem;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:14px;box-shadow:0 1px 3px rgba(20,30,50,.12);padding:14px 16px;margin:0 0 10px}
.brand{margin:2px 4px 8px;font-size:.8rem;font-weight:700;letter-spacing:.06em;text-transform:uppercase;
color:#4a5668}
h1{margin:0 0 10px;font-size:1.4rem;line-height:1.25}
h2{margin:0 0 10px;font-size:.8rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;color:#4a5668}
.sub{margin:0 0 2px;color:#4a5668;font-size:.9rem}
dl{margin:0;display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:4px 14px}
dt{color:#4a5668}
dd{margin:0;font-weight:600}
.vin{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;letter-spacing:.04em}
.light{display:flex;align-items:center;gap:12px;margin:0 0 10px;padding:10px 14px;border-radius:12px;
font-size:1.15rem;font-weight:700;border:2px solid transparent}
.dot{flex:none;width:28px;height:28px;border-radius:50%;box-shadow:inset 0 -3px 0 rgba(0,0,0,.18)}
.light-rot{background:#fdecec;border-color:#c62828;color:#8e1b1b}.light-rot .dot{background:#d32f2f}
.light-orange{background:#fff1e3;border-color:#e65100;color:#8a3200}.light-orange .dot{background:#f57c00}
.light-gelb{background:#fff8d6;border-color:#c9a100;color:#5e4a00}.light-gelb .dot{background:#fbc02d}
.light-gruen{background:#e7f5ea;border-color:#2e7d32;color:#1b5e20}.light-gruen .dot{background:#388e3c}
.hint{margin:0;font-size:1.05rem}
.badge{display:inline-block;padding:4px 12px;border-radius:999px;font-weight:700;border:1px solid}
.acc-unfallfrei{background:#e7f5ea;border-color:#2e7d32;color:#1b5e20}
.acc-nicht_unfallfrei{background:#fdecec;border-color:#c62828;color:#8e1b1b}
.acc-unbekannt{background:#eef1f5;border-color:#6b7788;color:#333d4a}
.disclaimer{margin:12px 0 0;padding:10px 12px;border-radius:10px;background:#1b2430;color:#fff;font-size:.9rem;
line-height:1.4}
footer{margin:4px 4px 16px;font-size:.8rem;color:#4a5668}
""".strip()


def _style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


STYLE_HASH = _style_hash(CSS)

#: Headers of every public QR response (page, JSON and errors): nothing loads, nothing is cached or referred.
SECURITY_HEADERS: Mapping[str, str] = {
    "Content-Security-Policy": (
        f"default-src 'none'; style-src '{STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Robots-Tag": "noindex, nofollow",
}

_DOCUMENT = Template(
    """<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>$title</title>
<style>$css</style>
</head>
<body>
<main>
<p class="brand">LifeTimeCircle · Service Heft</p>
$body
<footer>Öffentlicher Fahrzeug-Check · nur lesbar · ohne Halterdaten</footer>
</main>
</body>
</html>
"""
)

_PAGE_BODY = Template(
    """<section class="card" aria-labelledby="vehicle-title">
<p class="sub">Öffentlicher Fahrzeug-Check</p>
<h1 id="vehicle-title">$heading</h1>
<dl>
<dt>Marke</dt><dd>$make</dd>
<dt>Modell</dt><dd>$model</dd>
<dt>Fahrzeugklasse</dt><dd>$vehicle_class</dd>
<dt>Baujahr</dt><dd>$year</dd>
<dt>Motor/Antrieb</dt><dd>$engine</dd>
<dt>FIN</dt><dd class="vin" id="vin">$vin</dd>
</dl>
</section>
<section class="card" aria-labelledby="trust-title">
<h2 id="trust-title">Trust-Ampel</h2>
<div class="light light-$light_key" id="trust-light"><span class="dot" aria-hidden="true"></span>\
<span>$light_label</span></div>
<p class="hint" id="hint">$hint</p>
<p class="disclaimer" id="disclaimer">„$disclaimer“</p>
</section>
<section class="card" aria-labelledby="status-title">
<h2 id="status-title">Dokumentation</h2>
<dl>
<dt>Unfallstatus</dt><dd><span class="badge acc-$accident_key" id="accident">$accident_label</span></dd>
<dt>Historie</dt><dd>$history</dd>
<dt>Nachweise</dt><dd>$evidence</dd>
<dt>Verifizierung</dt><dd>$verification</dd>
</dl>
</section>"""
)

_NOT_FOUND_BODY = """<section class="card" aria-labelledby="nf-title">
<h1 id="nf-title">Dieser Fahrzeug-Check ist nicht verfügbar</h1>
<p class="sub">Der QR-Code oder Link ist nicht gültig.</p>
<p class="hint">Bitte fragen Sie die Halterin oder den Halter des Fahrzeugs nach einem aktuellen QR-Code.</p>
</section>"""

_RATE_LIMITED_BODY = """<section class="card" aria-labelledby="rl-title">
<h1 id="rl-title">Zu viele Anfragen</h1>
<p class="hint">Bitte versuchen Sie es in einer Minute erneut.</p>
</section>"""


def _text(value: object, labels: Mapping[str, str] | None = None) -> str:
    """Escaped display text of one projection value; a missing value reads :data:`NO_VALUE`."""
    if value is None or value == "":
        return escape(NO_VALUE)
    text = str(value)
    if labels is not None:
        text = labels.get(text, text)
    return escape(text, quote=True)


def _key(value: object, allowed: Mapping[str, str]) -> str:
    """A CSS class suffix from a closed list (never raw input)."""
    return value if isinstance(value, str) and value in allowed else "unbekannt"


def _document(title: str, body: str) -> str:
    return _DOCUMENT.substitute(title=escape(title), css=CSS, body=body)


def render_page(page: Mapping[str, object]) -> str:
    """The HTML page for one projection (exactly the contract keys)."""
    make, model = page.get("make"), page.get("model")
    heading = " ".join(str(part) for part in (make, model) if part) or "Fahrzeug"
    light = _key(page.get("trust_light"), LIGHT_LABELS)
    accident = page.get("accident_status")
    body = _PAGE_BODY.substitute(
        heading=escape(heading),
        vehicle_class=_text(page.get("vehicle_class"), CLASS_LABELS),
        make=_text(make),
        model=_text(model),
        year=_text(page.get("year")),
        engine=_text(page.get("engine")),
        vin=_text(page.get("vin_masked")),
        light_key=light,
        light_label=escape(LIGHT_LABELS.get(light, NO_VALUE)),
        hint=_text(page.get("hint")),
        accident_key=accident if accident in ("unfallfrei", "nicht_unfallfrei") else "unbekannt",
        accident_label=_text(page.get("accident_status_label")),
        history=_text(page.get("history_status"), PRESENCE_LABELS),
        evidence=_text(page.get("evidence_status"), PRESENCE_LABELS),
        verification=_text(page.get("verification_level"), LEVEL_LABELS),
        disclaimer=_text(page.get("disclaimer")),
    )
    return _document(f"{heading} – Fahrzeug-Check", body)


def render_not_found() -> str:
    """The neutral page for an unknown, rotated or disabled token (the same for all three)."""
    return _document("Fahrzeug-Check nicht verfügbar", _NOT_FOUND_BODY)


def render_rate_limited() -> str:
    """The page shown with 429 when one address asks too often."""
    return _document("Zu viele Anfragen", _RATE_LIMITED_BODY)
