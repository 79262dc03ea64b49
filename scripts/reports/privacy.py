"""What a public report may print of a book's free text: never a national ID or phone number.

The `personal-data` rule reports such numbers as errors, but a report must not publish them
while the book waits to be fixed, so payees and narrations pass through `public_text` first.
"""

from __future__ import annotations

from welfare_ledger.plugins.rules.personal_data import MOBILE, NATIONAL_ID

HIDDEN = "[…]"


def public_text(text: str | None) -> str:
    """`text` with anything shaped like a Thai national ID or mobile number hidden."""
    if not text:
        return ""
    return MOBILE.sub(HIDDEN, NATIONAL_ID.sub(HIDDEN, text))
