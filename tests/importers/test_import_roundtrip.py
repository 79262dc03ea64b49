"""Register -> `welfare import` -> `welfare check`: right paper passes, wrong paper is found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from beancount import loader
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

HERE = Path(__file__).parent
SAMPLES = HERE / "samples"
CASH = "Assets:BangMueang:Cash"
BANK = "Assets:BangMueang:Bank:Krungthai"
MAIN = """\
option "title" "BangMueang"
option "operating_currency" "THB"
include "registers.beancount"
include "imported.beancount"
"""
DOCUMENTS = (
    "2022-10-10.claim-BM-0001.pdf",
    "2022-10-15.claim-BM-0002.pdf",
    "2022-10-28.claim-BM-0004.pdf",
)


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def make_book(folder: Path) -> Path:
    shutil.copy(HERE / "roundtrip" / "registers.beancount", folder)
    (folder / "imported.beancount").write_text("", encoding="utf-8")
    for name in DOCUMENTS:
        (folder / name).write_bytes(f"%PDF-1.4 scanned claim form {name}\n".encode())  # each its own paper
    main = folder / "main.beancount"
    main.write_text(MAIN, encoding="utf-8")
    return main


def import_into(main: Path, account: str, *files: Path):
    imported = main.parent / "imported.beancount"
    result = invoke("import", *map(str, files), "--account", account, "--book", str(main),
                    "--output", str(imported.with_suffix(".new")))
    assert result.exit_code == 0, result.output
    new = imported.with_suffix(".new").read_text(encoding="utf-8")
    with imported.open("a", encoding="utf-8") as book:
        book.write(new)
    return result


def check(main: Path) -> tuple[int, list[dict[str, object]]]:
    result = invoke("check", str(main), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_right_paper_imports_clean_and_only_once(tmp_path):
    main = make_book(tmp_path)
    import_into(main, CASH, SAMPLES / "contributions_th_cp874.csv", SAMPLES / "claims_th_bom.csv")
    statement = shutil.copy(HERE / "roundtrip" / "statement.csv", tmp_path / "statement-2022-09.csv")
    import_into(main, BANK, Path(statement))

    entries, errors, _ = loader.load_file(str(main))
    assert errors == []
    members = [p.meta["member"] for e in entries if hasattr(e, "postings")
               for p in e.postings if p.meta and "member" in p.meta]
    assert members == ["BM-0001", "BM-0002", "BM-0003", "BM-0004"]
    code, findings = check(main)
    dated = [f for f in findings if f["rule"] != "stale-books"]
    assert dated == [], [(f["rule"], f["message"]) for f in dated]
    assert code == 0

    again = invoke("import", str(SAMPLES / "contributions_th_cp874.csv"), str(SAMPLES / "claims_th_bom.csv"),
                   "--account", CASH, "--book", str(main))
    assert again.exit_code == 0, again.output
    assert "0 new entries; 5 already in the book left out." in again.stderr
    assert "\n2022-" not in again.stdout


def test_claim_by_unknown_member_is_found(tmp_path):
    main = make_book(tmp_path)
    import_into(main, CASH, SAMPLES / "contributions_th_cp874.csv")
    claims = (SAMPLES / "claims_th_bom.csv").read_text(encoding="utf-8-sig").replace(
        "BM-0004,สวัสดิการผู้สูงอายุ", "BM-9999,สวัสดิการผู้สูงอายุ")
    paper = tmp_path / "claims.csv"
    paper.write_text(claims, encoding="utf-8")
    import_into(main, CASH, paper)

    code, findings = check(main)
    assert code == 1
    unknown = [f for f in findings if f["rule"] == "unknown-member"]
    assert len(unknown) == 1, findings
    assert "BM-9999" in str(unknown[0]["message"])
    assert unknown[0]["date"] == "2022-10-28"
    assert str(unknown[0]["file"]).endswith("imported.beancount")
