"""Write the sample files: the banks' layouts (balances computed, not typed), Windows-874 and XLSX.

Run `python tests/importers/make_samples.py` to rewrite them; then regenerate the expected
outputs with `python tests/importers/make_samples.py --expected` and review the diff. The
layouts follow what Thai banks and common tools export (see docs/importers.md); the rows
are invented for the fictional fund of BangMueang.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).parent))
from bank_layouts import LAYOUTS, write_layouts

SAMPLES = Path(__file__).with_name("samples")

BANK_CP874 = """\
รายการเคลื่อนไหวบัญชี ธนาคารกรุงไทย
วันที่,รายการ,จำนวนเงิน,คงเหลือ
5 ม.ค. 2566,ฝากเงินสด,"2,000.00","37,052.85"
16 ม.ค. 2566,ค่าอาหารประชุมคณะกรรมการ,-850.00,"36,202.85"
31 ม.ค. 2566,ดอกเบี้ย,8.10,"36,210.95"
"""

CONTRIBUTIONS_CP874 = """\
ทะเบียนรับเงินสัจจะ กองทุนสวัสดิการชุมชนตำบลบางเมือง
ประจำเดือนกันยายน 2565
ลำดับ,วันที่,รหัสสมาชิก,จำนวนเงิน,เลขที่ใบเสร็จ,หมายเหตุ
1,05/09/2565,BM-0001,30,2565-0001,
2,05/09/2565,BM-0002,30,2565-0002,
3,05/09/2565,BM-0003,90,2565-0003,จ่ายล่วงหน้า 3 เดือน

4,06/09/2565,BM-0004,30,2565-0004,
,รวม,,180,,
"""


def bank_cp874() -> None:
    (SAMPLES / "bank_th_cp874_signed.csv").write_bytes(BANK_CP874.encode("cp874"))


def contributions_cp874() -> None:
    (SAMPLES / "contributions_th_cp874.csv").write_bytes(CONTRIBUTIONS_CP874.encode("cp874"))


def contributions_en_xlsx() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["BangMueang Community Welfare Fund"])
    sheet.append(["Contributions, October 2022"])
    sheet.append([])
    sheet.append(["No.", "Date", "Member", "Amount", "Receipt"])
    rows = [
        (1, datetime.datetime(2022, 10, 3), "BM-0001", 30, "2565-0005"),
        (2, datetime.datetime(2022, 10, 3), "BM-0002", 60.0, "2565-0006"),
        (3, datetime.date(2022, 10, 4), "BM-0004", 30, "2565-0007"),
        (4, 44840, "BM-0003", 1200.5, "2565-0008"),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet.append([None, "Total", None, 1320.5, None])
    sheet["B5"].number_format = "dd/mm/yyyy"
    book.save(SAMPLES / "contributions_en.xlsx")


def contributions_th_xlsx() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["ทะเบียนเงินสัจจะ เดือนพฤศจิกายน ๒๕๖๕"])
    sheet.append(["วันที่", "รหัสสมาชิก", "จำนวนเงิน (บาท)", "เลขที่ใบเสร็จ"])
    sheet.append(["๑/๑๑/๒๕๖๕", "BM-๐๐๐๑", "๓๐", "๒๕๖๕-๐๐๐๙"])
    sheet.append(["1 พ.ย. 65", "BM-0002", "1,030.00", "2565-0010"])
    sheet.append(["2565-11-02", "BM-0003", 30, "2565-0011"])
    book.save(SAMPLES / "contributions_th.xlsx")


def claims_en_xlsx() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Benefit payments register"])
    sheet.append(["Date", "Event date", "Member", "Type", "Amount", "Nights",
                  "Approved by", "Recorded by", "Document"])
    sheet.append([datetime.datetime(2022, 12, 2), datetime.datetime(2022, 11, 28), "BM-0002",
                  "Sickness", 600, 3, "BM-0007 BM-0008", "BM-0009", "2022-12-02.claim-BM-0002.pdf"])
    sheet.append([datetime.datetime(2022, 12, 9), "07/12/2022", "BM-0003", "Birth", 1000, None,
                  "BM-0007, BM-0008", "BM-0009", "2022-12-09.claim-BM-0003.pdf"])
    sheet.append([datetime.datetime(2022, 12, 20), datetime.datetime(2022, 12, 18), "BM-0001",
                  "death benefit", 5000, None, "BM-0007/BM-0008/BM-0010", "BM-0009",
                  "2022-12-20.claim-BM-0001.pdf"])
    book.save(SAMPLES / "claims_en.xlsx")


def write_expected() -> None:
    from beangulp import testing
    from welfare_ledger.importers.registry import importers_for

    for document in sorted(SAMPLES.iterdir()):
        if document.suffix == ".beancount":
            continue
        layout = LAYOUTS.get(document.name)
        account = layout.account if layout else "Assets:BangMueang:Bank:Krungthai" \
            if document.name.startswith("bank") else "Assets:BangMueang:Cash"
        importer = next(i for i in importers_for(account) if i.identify(str(document)))
        found = testing.run_importer(importer, str(document))
        testing.write_expected_file(f"{document}.beancount", *found, force=True)


if __name__ == "__main__":
    if "--expected" in sys.argv:
        write_expected()
    else:
        bank_cp874()
        contributions_cp874()
        contributions_en_xlsx()
        contributions_th_xlsx()
        claims_en_xlsx()
        write_layouts(SAMPLES)
