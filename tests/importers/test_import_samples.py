"""Every sample file next to its expected `.beancount` output, compared as beangulp's `test` does."""

from __future__ import annotations

from pathlib import Path

import pytest
from beangulp import testing
from welfare_ledger.importers.registry import IMPORTERS, importers_for

SAMPLES = Path(__file__).with_name("samples")
DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".beancount")
KINDS = {"bank": "BankImporter", "contributions": "ContributionsImporter", "claims": "ClaimsImporter"}


def expected_account(document: Path) -> str:
    first = Path(f"{document}.beancount").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(";; Account: ")
    return first.removeprefix(";; Account: ")


def test_every_variant_has_a_sample():
    names = {p.name for p in DOCUMENTS}
    for prefix in KINDS:
        assert any(n.startswith(prefix) and n.endswith(".csv") for n in names), prefix
    for prefix in ("contributions", "claims"):
        assert any(n.startswith(prefix) and n.endswith(".xlsx") for n in names), prefix
    raw = {p.name: p.read_bytes() for p in DOCUMENTS if p.suffix == ".csv"}
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values()), "UTF-8 with BOM"
    assert any(not data.startswith(b"\xef\xbb\xbf") and _is_utf8(data) for data in raw.values())
    assert any(not _is_utf8(data) for data in raw.values()), "Windows-874"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_sample_matches_expected_output(document: Path):
    importers = importers_for(expected_account(document))
    identified = [i for i in importers if i.identify(str(document))]
    assert [type(i).__name__ for i in identified] == [KINDS[document.name.split("_")[0]]]
    found = testing.run_importer(identified[0], str(document))
    diff = testing.compare_expected(f"{document}.beancount", *found)
    assert not diff, "".join(diff)


def test_registry_knows_three_importers():
    assert {kind.__name__ for kind in IMPORTERS} == set(KINDS.values())
