"""The seal's check code as members meet it: short, grouped, typed back in, and as a QR code.

A seal digest is far too long to pin on a notice board or read on a phone. Members compare
the check code instead: the first 20 hex digits of the digest's total, in five blocks of four
(`6FC2 1340 394C CD06 18E5`), 80 bits, so a rewrite that keeps the same code is out of reach.
The QR code carries what a member needs to compare without typing: the area, the through-date,
the code and, when the fund publishes its pages, their address.
"""

from __future__ import annotations

import datetime
import io
import re
import unicodedata

from welfare_ledger.plugins.seal_digest import SHORT_HEX, short_form

QR_PREFIX = "WELFARE-SEAL"
_NOT_HEX = re.compile(r"[^0-9A-F]")


def check_code(digest: str) -> str:
    """The grouped check code of a full seal digest (`6FC2 1340 394C CD06 18E5`)."""
    return short_form(digest)


def normalise_code(text: str) -> str | None:
    """A check code as a person typed it, reduced to its 20 hex digits; None when it is not one.

    Spaces, dashes, lower case and Thai or full-width digits are accepted, as people copy
    them from a board or a phone.
    """
    text = unicodedata.normalize("NFKC", text)
    folded = "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text).upper()
    digits = _NOT_HEX.sub("", folded.replace("-", " "))
    stray = re.sub(r"[0-9A-F\s\-]", "", folded)
    if stray or len(digits) != SHORT_HEX:
        return None
    return digits


def codes_match(digest: str, typed: str) -> bool:
    """Whether a typed check code is the code of `digest`."""
    wanted = normalise_code(typed)
    return wanted is not None and wanted == check_code(digest).replace(" ", "")


def qr_payload(area: str, through: datetime.date, digest: str, url: str | None = None) -> str:
    """The text of the QR code: one line a member's phone shows and `seal --verify --code` reads."""
    parts = [QR_PREFIX, area, through.isoformat(), check_code(digest).replace(" ", "-")]
    if url:
        parts.append(url)
    return " ".join(parts)


def parse_qr_payload(text: str) -> tuple[str, datetime.date, str, str | None] | None:
    """Area, through-date, code and address of a QR payload; None when it is not one of ours."""
    parts = text.strip().split(" ")
    if len(parts) not in (4, 5) or parts[0] != QR_PREFIX:
        return None
    try:
        through = datetime.date.fromisoformat(parts[2])
    except ValueError:
        return None
    code = normalise_code(parts[3])
    if code is None:
        return None
    return parts[1], through, code, parts[4] if len(parts) == 5 else None


def qr_svg(payload: str, *, scale: int = 4) -> str:
    """The QR code of `payload` as an inline SVG element (no XML declaration), dark on white."""
    import segno

    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        buffer, kind="svg", scale=scale, xmldecl=False, svgns=True, dark="#000", light="#fff"
    )
    return buffer.getvalue().decode("utf-8")
