"""`welfare seal`: appends a seal that holds, refuses with a clear message and writes nothing, verifies.

The books are real files; the command runs through the real `welfare` click group, and
`welfare check` reads the result back.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import segno
from click.testing import CliRunner
from welfare_ledger.plugins.seal_code import check_code, qr_payload, qr_svg
from welfare_ledger.scripts.cli import cli

MAIN = """\
option "operating_currency" "THB"
include "areas/bm/area.beancount"
"""

AREA = """\
include "registers.beancount"
2020-01-01 open Assets:BM:Bank:GSB THB
2020-01-01 open Income:BM:Contributions THB
include "2022.beancount"
include "2023.beancount"
"""

REGISTERS = """\
2020-01-01 custom "area" "BM" "ตำบลบางเมือง"
2021-06-01 custom "member" "BM-0001" "BM"
2021-06-01 custom "member" "BM-0002" "BM"
"""

YEAR_2022 = """\
2022-01-05 * "Collection day"
  Assets:BM:Bank:GSB  60.00 THB
  Income:BM:Contributions  -30.00 THB
    member: "BM-0001"
    receipt: "2565-0001"
  Income:BM:Contributions  -30.00 THB
    member: "BM-0002"
    receipt: "2565-0002"
2022-02-01 balance Assets:BM:Bank:GSB  60.00 THB
  document: "statement-2022-01.pdf"
"""

YEAR_2023 = """\
2023-01-05 * "Collection day"
  Assets:BM:Bank:GSB  30.00 THB
  Income:BM:Contributions  -30.00 THB
    member: "BM-0001"
    receipt: "2566-0001"
"""

SEAL_LINE = re.compile(r'^2022-12-31 custom "seal" "BM" "(v1:[0-9a-f]{64}:[^"]*)"$', re.MULTILINE)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """These books end in January 2023: `stale-books` judges them as of then."""
    monkeypatch.setenv("WELFARE_TODAY", "2023-01-31")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    files = {
        "main.beancount": MAIN,
        "areas/bm/area.beancount": AREA,
        "areas/bm/registers.beancount": REGISTERS,
        "areas/bm/2022.beancount": YEAR_2022,
        "areas/bm/2023.beancount": YEAR_2023,
        "areas/bm/statement-2022-01.pdf": "%PDF-1.4 bank statement",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "main.beancount"


def welfare(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--lang", lang, *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_seal_appends_to_the_file_that_declares_the_area_and_holds(book: Path) -> None:
    code, out, _ = welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))
    assert code == 0
    registers = (book.parent / "areas/bm/registers.beancount").read_text(encoding="utf-8")
    assert registers.startswith(REGISTERS)
    match = SEAL_LINE.search(registers)
    assert match is not None
    digest = match.group(1)
    assert digest in out
    total = digest.split(":")[1]
    board = " ".join(total[i : i + 4] for i in range(0, 20, 4)).upper()
    assert f"Check code for the notice board: {board}" in out
    assert f"รหัสตรวจสอบสำหรับติดประกาศ: {board}" in out
    assert "Sealed through 2022-12-31, covering 4 month(s) with entries." in out
    assert "ปิดงวดถึงวันที่ 31 ธ.ค. 2565" in out
    assert (book.parent / "areas/bm/area.beancount").read_text(encoding="utf-8") == AREA

    code, out, _ = welfare("check", str(book))
    assert (code, out.strip()) == (0, "No findings: every rule holds.")
    code, out, _ = welfare("seal", "--verify", str(book))
    assert code == 0
    assert digest in out
    assert f"BM 2022-12-31 {board} the seal holds" in out
    assert "All 1 seal(s) hold." in out


def test_the_area_book_alone_verifies_its_own_seal(book: Path) -> None:
    assert welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))[0] == 0
    code, out, _ = welfare("seal", "--verify", str(book.parent / "areas/bm/area.beancount"))
    assert code == 0
    assert "All 1 seal(s) hold." in out


def test_verify_names_the_month_that_changed(book: Path) -> None:
    assert welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))[0] == 0
    year = book.parent / "areas/bm/2022.beancount"
    year.write_text(YEAR_2022.replace('"2565-0002"', '"2565-0012"'), encoding="utf-8")
    code, out, _ = welfare("seal", "--verify", str(book))
    assert code == 1
    assert "THE SEAL IS BROKEN" in out
    assert "the content of 2022-01 changed" in out
    assert "1 of 1 seal(s) do not hold." in out
    code, out, _ = welfare("seal", "--verify", str(book), lang="th")
    assert "เนื้อหาของเดือน มกราคม 2565" in out
    code, out, _ = welfare("check", str(book))
    assert code == 1
    assert "[seal]" in out


def test_a_later_seal_needs_a_later_date(book: Path) -> None:
    assert welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))[0] == 0
    before = snapshot(book.parent)
    code, _, err = welfare("seal", "--area", "BM", "--through", "2022-06-30", str(book))
    assert code == 1
    assert "already sealed through 2022-12-31" in err
    assert snapshot(book.parent) == before
    code, _, _ = welfare("seal", "--area", "BM", "--through", "2023-12-31", str(book))
    assert code == 0
    assert welfare("seal", "--verify", str(book))[1].count("the seal holds") == 2


def test_an_unknown_area_is_refused(book: Path) -> None:
    before = snapshot(book.parent)
    code, _, err = welfare("seal", "--area", "KK", "--through", "2022-12-31", str(book), lang="th")
    assert code == 2  # an argument error, refused before the book is loaded
    assert err.strip() == f"ปิดงวดไม่ได้: ไม่มีการประกาศพื้นที่ KK ใน {book}"
    assert snapshot(book.parent) == before


def test_findings_in_the_period_are_refused_but_not_later_ones(book: Path) -> None:
    year = book.parent / "areas/bm/2022.beancount"
    year.write_text(YEAR_2022.replace('    receipt: "2565-0002"\n', ""), encoding="utf-8")
    before = snapshot(book.parent)
    code, _, err = welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))
    assert code == 1
    assert "Cannot seal BM through 2022-12-31" in err
    assert "finding(s) dated in the period" in err
    assert "2022.beancount:" in err
    assert "[receipt-sequence]" in err
    assert snapshot(book.parent) == before
    code, _, _ = welfare("seal", "--area", "BM", "--through", "2021-12-31", str(book))
    assert code == 0


def test_a_book_with_beancount_errors_is_refused(book: Path) -> None:
    year = book.parent / "areas/bm/2023.beancount"
    year.write_text(YEAR_2023.replace("30.00 THB\n  Income", "31.00 THB\n  Income"), encoding="utf-8")
    before = snapshot(book.parent)
    code, _, err = welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))
    assert code == 1
    assert "Beancount reports 1 error(s)" in err
    assert "2023.beancount:1" in err
    assert snapshot(book.parent) == before


def test_seal_needs_area_and_date_or_verify(book: Path) -> None:
    code, _, err = welfare("seal", str(book))
    assert code == 2
    assert "--area" in err
    assert "--verify" in err


def test_the_demo_province_sealed_through_2024_has_no_findings_and_stable_digests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WELFARE_TODAY", "2025-01-15")
    digests = []
    for name in ("first", "second"):
        out_dir = tmp_path / name
        code, _, err = welfare(
            "demo",
            "--out",
            str(out_dir),
            "--areas",
            "2",
            "--members",
            "20",
            "--years",
            "3",
            "--start-year",
            "2022",
            "--seed",
            "5",
            "--seal-through",
            "none",
        )
        assert code == 0, err
        book = out_dir / "main.beancount"
        areas = sorted(
            re.findall(
                r'custom "area" "(\w+)"',
                "".join(p.read_text(encoding="utf-8") for p in out_dir.rglob("*.beancount")),
            )
        )
        assert len(areas) == 2
        for area in areas:
            code, _, err = welfare("seal", "--area", area, "--through", "2024-12-31", str(book))
            assert code == 0, err
        code, out, _ = welfare("check", str(book))
        assert (code, out.strip()) == (0, "No findings: every rule holds.")
        code, out, _ = welfare("seal", "--verify", str(book))
        assert code == 0
        assert welfare("seal", "--verify", str(book))[1] == out
        digests.append(sorted(re.findall(r"v1:[0-9a-f]{64}:\S*", out)))
    assert len(digests[0]) == 2
    assert digests[0] == digests[1]


def _sealed(book: Path) -> str:
    assert welfare("seal", "--area", "BM", "--through", "2022-12-31", str(book))[0] == 0
    match = SEAL_LINE.search((book.parent / "areas/bm/registers.beancount").read_text(encoding="utf-8"))
    assert match is not None
    return match.group(1)


def test_verify_code_accepts_the_board_code_as_typed_and_refuses_a_wrong_one(book: Path) -> None:
    board = check_code(_sealed(book))
    for typed in (board, board.lower(), board.replace(" ", "-"), board.replace(" ", "")):
        code, out, err = welfare("seal", "--verify", "--code", typed, str(book))
        assert (code, err) == (0, ""), typed
        assert (
            f"The check code {board} is the seal of BM (ตำบลบางเมือง) through 2022-12-31, and the seal holds"
            in out
        )
    wrong = board[:-1] + ("0" if board[-1] != "0" else "1")
    code, out, _ = welfare("seal", "--verify", "--code", wrong, str(book))
    assert code == 1
    assert f"No seal of this book has the check code {wrong}." in out
    assert f"BM 2022-12-31 {board} the seal holds" in out  # what the book has, to compare
    code, _, err = welfare("seal", "--verify", "--code", board[:-2], str(book))
    assert code == 2 and "is not a check code" in err


def test_verify_code_of_a_seal_whose_books_changed_is_refused(book: Path) -> None:
    board = check_code(_sealed(book))
    year = book.parent / "areas/bm/2022.beancount"
    year.write_text(
        YEAR_2022.replace("-30.00 THB", "-30.01 THB", 1).replace("60.00", "60.01"), encoding="utf-8"
    )
    code, out, _ = welfare("seal", "--verify", "--code", board, str(book))
    assert code == 1
    assert "THE SEAL IS BROKEN" in out and "2022-01" in out


def test_the_notice_qr_code_carries_what_verify_code_accepts(book: Path) -> None:
    digest = _sealed(book)
    result = CliRunner().invoke(
        cli,
        [
            "report",
            "disclosure",
            str(book),
            "--area",
            "BM",
            "--month",
            "2023-01",
            "--lang",
            "en",
            "--page-url",
            "https://fund.example/bm",
        ],
    )
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    payload = re.search(r'id="qr-payload">([^<]*)<', html).group(1)
    assert payload == qr_payload("BM", datetime.date(2022, 12, 31), digest, "https://fund.example/bm")
    qr = html[html.index('id="seal-qr">') + len('id="seal-qr">') : html.index("</svg>") + len("</svg>")]
    assert qr == qr_svg(payload).strip()  # the modules drawn are those of this payload
    assert segno.make(payload, error="m").version <= 5  # small enough to scan from a notice board
    assert f'id="seal-code">{check_code(digest)}</p>' in html
    code, out, _ = welfare("seal", "--verify", "--code", payload, str(book))
    assert code == 0 and "the seal holds" in out
    other_day = payload.replace("2022-12-31", "2022-11-30")
    code, out, _ = welfare("seal", "--verify", "--code", other_day, str(book))
    assert code == 1 and "No seal of BM (ตำบลบางเมือง) through 2022-11-30" in out
    code, _, err = welfare(
        "seal", "--verify", "--area", "BM", "--code", payload.replace(" BM ", " XX "), str(book)
    )
    assert code == 2 and "not of --area BM" in err
