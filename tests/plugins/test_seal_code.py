"""The check code members compare: typed back in any common way, and carried by the QR code."""

from __future__ import annotations

import datetime

import segno
from hypothesis import given
from hypothesis import strategies as st
from welfare_ledger.plugins.seal_code import (
    check_code,
    codes_match,
    normalise_code,
    parse_qr_payload,
    qr_payload,
    qr_svg,
)

DIGEST = "v1:" + "6fc21340394ccd0618e5" + "ab" * 22 + ":2024-01=" + "0" * 16


def test_check_code_is_five_blocks_of_four():
    assert check_code(DIGEST) == "6FC2 1340 394C CD06 18E5"


def test_typed_codes_are_accepted_however_written():
    for typed in ("6FC2 1340 394C CD06 18E5", "6fc2-1340-394c-cd06-18e5", "６FC21340394CCD0618E5"):
        assert codes_match(DIGEST, typed), typed
    thai = "๖FC2 ๑๓๔๐ ๓๙๔C CD๐๖ ๑๘E5"
    assert codes_match(DIGEST, thai)


def test_a_different_or_malformed_code_does_not_match():
    assert not codes_match(DIGEST, "6FC2 1340 394C CD06 18E6")
    assert not codes_match(DIGEST, "6FC2 1340 394C CD06")
    assert normalise_code("6FC2 1340 394C CD06 18EZ") is None


@given(st.text(max_size=40))
def test_normalise_never_raises(text: str):
    result = normalise_code(text)
    assert result is None or len(result) == 20


def test_qr_payload_round_trips_and_draws():
    payload = qr_payload("BangMueang", datetime.date(2024, 12, 31), DIGEST, "https://fund.example/b")
    assert parse_qr_payload(payload) == (
        "BangMueang",
        datetime.date(2024, 12, 31),
        "6FC21340394CCD0618E5",
        "https://fund.example/b",
    )
    svg = qr_svg(payload)
    assert svg.startswith("<svg") and "<script" not in svg
    assert segno.make(payload, error="m").designator  # the payload fits a QR code
    assert parse_qr_payload("something else") is None
