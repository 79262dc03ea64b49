"""The banks' statement layouts as sample files, with balances computed here rather than typed.

Each `Layout` knows its rows (signed movements), renders them the way that bank or tool
writes a statement (preamble, header names, date form, sign convention, order, delimiter,
encoding), and can render itself corrupted: a balance that does not follow, a sign
flipped, a row missing. The facts it computes (rows, money in and out, closing balance) are
what the tests hold the importer's output to. The rows are invented for the fictional fund
of BangMueang; the layouts follow what the banks export (docs/importers.md).
"""

from __future__ import annotations

import dataclasses
import datetime
import html
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

D = Decimal
Cells = list[str]


@dataclasses.dataclass(frozen=True)
class Move:
    """One row: its day, its words (description, details), its money into the account."""

    day: datetime.date
    words: tuple[str, str]
    amount: Decimal


@dataclasses.dataclass(frozen=True)
class Layout:
    """A bank's way of writing a statement, and the rows of one."""

    name: str
    account: str
    opening: Decimal
    moves: tuple[Move, ...]
    preamble: tuple[Cells, ...]
    header: Cells
    cells: Callable[[Move, Decimal], Cells]
    brought_forward: Callable[[datetime.date, Decimal], Cells] | None = None
    delimiter: str = ","
    encoding: str = "utf-8"
    newest_first: bool = False
    html: bool = False
    signed: bool = False
    page_break_after: int | None = None
    details_on_next_row: bool = False

    @property
    def balances(self) -> list[Decimal]:
        running, out = self.opening, []
        for move in self.moves:
            running += move.amount
            out.append(running)
        return out

    @property
    def closing(self) -> Decimal:
        return self.balances[-1]

    @property
    def money_in(self) -> Decimal:
        return sum((m.amount for m in self.moves if m.amount > 0), D(0))

    @property
    def money_out(self) -> Decimal:
        return -sum((m.amount for m in self.moves if m.amount < 0), D(0))

    def render(self, *, flip: int | None = None, rebalance: int | None = None,
               drop: int | None = None) -> tuple[bytes, dict[int, int]]:
        """The file's bytes, and the row number of each move (by index) as the importer counts rows."""
        body: list[tuple[int | None, Cells]] = []
        for index, (original, printed) in enumerate(zip(self.moves, self.balances, strict=True)):
            if index == drop:
                continue
            move = dataclasses.replace(original, amount=-original.amount) if index == flip else original
            balance = printed + D("100.00") if index == rebalance else printed
            body.append((index, self.cells(move, balance)))
            if self.details_on_next_row and move.words[1]:
                body.append((None, ["", move.words[1], "", "", "", ""]))
            if self.page_break_after == index:
                body.append((None, ["Page 1 of 2"]))
                body.append((None, list(self.header)))
        if self.brought_forward is not None:
            body.insert(0, (None, self.brought_forward(self.moves[0].day, self.opening)))
        if self.newest_first:
            body.reverse()
        rows: list[tuple[int | None, Cells]] = [(None, list(c)) for c in self.preamble]
        rows.append((None, list(self.header)))
        rows += body
        return self._write(rows)

    def _write(self, rows: list[tuple[int | None, Cells]]) -> tuple[bytes, dict[int, int]]:
        lines: list[str] = []
        numbers: dict[int, int] = {}
        line = 1
        for index, cells in rows:
            if self.html:
                text = "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"
            else:
                text = self.delimiter.join(_quoted(cell, self.delimiter) for cell in cells)
            if index is not None:
                numbers[index] = line
            line += text.count("\n") + 1
            lines.append(text)
        if self.html:
            lines[0] = '<html><head><meta charset="utf-8"></head><body><table>' + lines[0]
            lines[-1] += "</table></body></html>"
        return ("\n".join(lines) + "\n").encode(self.encoding), numbers

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.render()[0])
        return path


def _quoted(cell: str, delimiter: str) -> str:
    if delimiter in cell or '"' in cell or "\n" in cell:
        return '"' + cell.replace('"', '""') + '"'
    return cell


def money(value: Decimal) -> str:
    return f"{value:,.2f}"


def signed(value: Decimal) -> str:
    return f"{value:+,.2f}"


def split(value: Decimal, *, negative_out: bool = False) -> tuple[str, str]:
    """(withdrawal, deposit) cells of a two-column statement."""
    if value < 0:
        return (money(value) if negative_out else money(-value)), ""
    return "", money(value)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def ddmmyy(d: datetime.date, sep: str = "-") -> str:
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year % 100:02d}"


def ddmmyyyy(d: datetime.date, *, be: bool = False) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year + (543 if be else 0)}"


def _kasikorn_th_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount)
    return [ddmmyy(m.day), "10:15", m.words[0], out, into, money(balance), "K PLUS", m.words[1]]


def _kasikorn_en_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount)
    return [ddmmyy(m.day), f"{ddmmyy(m.day)} 09:30", m.words[0], out, into, money(balance), "K PLUS", m.words[1]]


def _kcyber_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount, negative_out=True)
    return [ddmmyy(m.day), "14:02", m.words[0], out, into, money(balance), "K-Cyber", m.words[1]]


def _kbiz_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount, negative_out=True)
    return [f"{ddmmyy(m.day, '/')} 11:4{m.day.day % 10}", m.words[0], out, into, money(balance), "K BIZ", m.words[1]]


def _scb_th_cells(m: Move, balance: Decimal) -> Cells:
    code = "X1" if m.amount > 0 else "X2"
    out, into = ("", signed(m.amount)) if m.amount > 0 else (signed(m.amount), "")
    return [ddmmyyyy(m.day, be=True), "08:05", code, "ENET", out, into, money(balance), m.words[1]]


def _scb_en_cells(m: Move, balance: Decimal) -> Cells:
    code = "X1" if m.amount > 0 else "X2"
    out, into = ("", signed(m.amount)) if m.amount > 0 else (signed(m.amount), "")
    return [ddmmyyyy(m.day), "13:40", code, "ENET", out, into, money(balance), m.words[1]]


def _scb_business_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount)
    date = ddmmyyyy(m.day)
    return [date, date, "TRF" if "โอน" in m.words[0] or "Transfer" in m.words[0] else "OTH", m.words[0], "",
            out, into, money(balance), m.words[1]]


def _krungthai_cells(m: Move, balance: Decimal) -> Cells:
    return [ddmmyyyy(m.day, be=True), "09:00", "NBSDT" if m.amount > 0 else "NBSWT", m.words[0], m.words[1], "",
            money(m.amount), money(balance), "0123"]


def _bangkok_cells(m: Move, balance: Decimal) -> Cells:
    out, into = split(m.amount)
    return [ddmmyy(m.day, "/"), m.words[0], out, into, money(balance), "ATM" if "CASH" in m.words[0] else "MOBILE"]


def _ocr_cells(m: Move, balance: Decimal) -> Cells:
    return [ddmmyyyy(m.day), m.words[0], money(abs(m.amount)), "in" if m.amount > 0 else "out", money(balance)]


ADDRESS_TH = "99 หมู่ 5 ตำบลบางเมือง\nอำเภอเมืองสมุทรปราการ จังหวัดสมุทรปราการ 10270"
ADDRESS_EN = "99 Moo 5, Bang Mueang\nMueang Samut Prakan, Samut Prakan 10270"

KASIKORN_TH = Layout(
    name="bank_kasikorn_statement_th.csv",
    account="Assets:BangMueang:Bank:Kasikorn",
    opening=D("45210.50"),
    moves=(
        Move(day("2024-12-02"), ("ฝากเงินสด", "ฝากที่สาขาบางเมือง"), D("3500.00")),
        Move(day("2024-12-05"), ("รับโอนเงิน", "เงินสมทบจาก พอช. ปีงบ 2568"), D("25000.00")),
        Move(day("2024-12-10"), ("โอนเงิน", "PromptPay x9136 นาง สมใจ ใจดี"), D("-1200.00")),
        Move(day("2024-12-15"), ("รับโอนเงิน", "จาก อบต.บางเมือง เงินสมทบ"), D("10000.00")),
        Move(day("2024-12-20"), ("ถอนเงินสด", "ATM สาขาบางเมือง"), D("-5000.00")),
        Move(day("2024-12-25"), ("ค่าธรรมเนียม", "ค่าธรรมเนียมรายปีบัตร"), D("-15.00")),
        Move(day("2024-12-30"), ("ดอกเบี้ย", ""), D("42.50")),
        Move(day("2024-12-30"), ("ภาษีหัก ณ ที่จ่าย", "ภาษีดอกเบี้ย 15%"), D("-6.38")),
    ),
    preamble=(
        ["รายการเดินบัญชีเงินฝากออมทรัพย์ (มีรายละเอียด)"],
        ["ชื่อบัญชี", "กองทุนสวัสดิการชุมชนตำบลบางเมือง"],
        ["ที่อยู่", ADDRESS_TH],
        ["เลขที่บัญชี", "xxx-x-x1234-x"],
        ["รอบระหว่างวันที่", "01/12/2024 - 31/12/2024"],
        ["สาขาเจ้าของบัญชี", "สาขาบางเมือง"],
        [],
    ),
    header=["วันที่", "เวลา/วันที่มีผล", "รายการ", "ถอนเงิน", "ฝากเงิน", "ยอดคงเหลือ", "ช่องทาง", "รายละเอียด"],
    cells=_kasikorn_th_cells,
    brought_forward=lambda d, b: [ddmmyy(d.replace(day=1)), "", "ยอดยกมา", "", "", money(b), "", ""],
    encoding="utf-8-sig",
)

KASIKORN_EN = Layout(
    name="bank_kasikorn_statement_en.csv",
    account="Assets:BangMueang:Bank:Kasikorn",
    opening=D("77531.62"),
    moves=(
        Move(day("2025-01-03"), ("Cash Deposit", "Branch Bang Mueang"), D("2000.00")),
        Move(day("2025-01-06"), ("Transfer Deposit", "CODI matching fund FY2025"), D("15000.00")),
        Move(day("2025-01-08"), ("Transfer Deposit", "CASHEW FARM profit share"), D("1500.00")),
        Move(day("2025-01-10"), ("Payment", "Hospital treatment MR. SOMCHAI JAIDEE"), D("-3000.00")),
        Move(day("2025-01-15"), ("Transfer Deposit", "Interest-free loan repaid"), D("5000.00")),
        Move(day("2025-01-20"), ("Transfer Deposit", "<img src=x onerror=alert(1)>"), D("1.00")),
        Move(day("2025-01-31"), ("Interest", ""), D("38.20")),
        Move(day("2025-01-31"), ("Withholding Tax", "Tax on interest"), D("-5.73")),
    ),
    preamble=(
        ["Statement of Savings Account (with details)"],
        ["Account Name", "BANGMUEANG COMMUNITY WELFARE FUND"],
        ["Address", ADDRESS_EN],
        ["Account No.", "xxx-x-x1234-x"],
        ["Period", "01/01/2025 - 31/01/2025"],
        [],
    ),
    header=["Date", "Time/Eff.Date", "Descriptions", "Withdrawal", "Deposit", "Outstanding Balance", "Channel",
            "Details"],
    cells=_kasikorn_en_cells,
    brought_forward=lambda d, b: [ddmmyy(d.replace(day=1)), "", "Beginning Balance", "", "", money(b), "", ""],
)

KCYBER = Layout(
    name="bank_kasikorn_kcyber_history.csv",
    account="Assets:BangMueang:Bank:Kasikorn",
    opening=D("30120.00"),
    moves=(
        Move(day("2024-11-04"), ("Cash Deposit", "CDM"), D("4200.00")),
        Move(day("2024-11-11"), ("Transfer Withdrawal", "To 081-234-5678 Ms Malee Sukjai"), D("-600.00")),
        Move(day("2024-11-18"), ("Transfer Deposit", "From SAO Bang Mueang matching"), D("8000.00")),
        Move(day("2024-11-25"), ("Cash Withdrawal", "K-ATM"), D("-2000.00")),
        Move(day("2024-11-28"), ("Transfer Withdrawal", "Electricity bill"), D("-412.75")),
    ),
    preamble=(
        ["Transaction History"],
        ["Account No.", "xxx-x-x1234-x"],
        ["Period", "01/11/2024 - 30/11/2024"],
    ),
    header=["Date", "Time", "Transaction Type", "Withdrawal (THB)", "Deposit (THB)", "Outstanding Balance (THB)",
            "Channel", "Details"],
    cells=_kcyber_cells,
    newest_first=True,
)

KBIZ = Layout(
    name="bank_kasikorn_kbiz_recent.csv",
    account="Assets:BangMueang:Bank:KBiz",
    opening=D("102400.00"),
    moves=(
        Move(day("2024-11-05"), ("Transfer Deposit", "เงินบริจาค วัดบางเมือง"), D("5000.00")),
        Move(day("2024-11-12"), ("Transfer Withdrawal", "ค่าจ้างทำบัญชี"), D("-2500.00")),
        Move(day("2024-11-19"), ("Transfer Withdrawal", "โอนให้ นางสาว มานี มีนา"), D("-1000.00")),
        Move(day("2024-11-26"), ("Fee", "ค่าธรรมเนียมโอน"), D("-10.00")),
        Move(day("2024-11-29"), ("Transfer Deposit", "เทศบาลตำบลบางเมือง สมทบ"), D("12000.00")),
    ),
    preamble=(
        ["K BIZ - Recent Transactions"],
        ["Account", "xxx-x-x5678-x"],
        ["As of", "30/11/2567 16:05"],
    ),
    header=["Date", "Transaction", "Withdrawal", "Deposit", "Balance", "Channel", "Details"],
    cells=_kbiz_cells,
    newest_first=True,
)

SCB_TH = Layout(
    name="bank_scb_th.txt",
    account="Assets:BangMueang:Bank:SCB",
    opening=D("18250.00"),
    moves=(
        Move(day("2024-10-03"), ("", "รับโอนจาก พอช. เงินสมทบ"), D("20000.00")),
        Move(day("2024-10-09"), ("", "ชำระค่าไฟฟ้า กฟภ."), D("-356.40")),
        Move(day("2024-10-15"), ("", "ฝากเงินสด ผ่านเครื่อง CDM"), D("1800.00")),
        Move(day("2024-10-22"), ("", "โอนไป PromptPay 0891234567 นาย ประสิทธิ์ ขยัน"), D("-2000.00")),
        Move(day("2024-10-31"), ("", "ดอกเบี้ยเงินฝาก"), D("11.25")),
    ),
    preamble=(),
    header=["วันที่", "เวลา", "รหัสรายการ", "ช่องทาง", "ถอนเงิน/โอนออก", "ฝากเงิน/โอนเข้า", "ยอดเงินคงเหลือ",
            "รายละเอียด"],
    cells=_scb_th_cells,
    delimiter="\t",
)

SCB_EN = Layout(
    name="bank_scb_en.txt",
    account="Assets:BangMueang:Bank:SCB",
    opening=D("37704.85"),
    moves=(
        Move(day("2024-11-01"), ("", "Transfer from CODI"), D("6000.00")),
        Move(day("2024-11-07"), ("", "Bill payment water"), D("-180.00")),
        Move(day("2024-11-14"), ("", "Cash deposit CDM"), D("2500.00")),
        Move(day("2024-11-30"), ("", "Interest"), D("9.80")),
        Move(day("2024-11-30"), ("", "Withholding tax on interest"), D("-1.47")),
    ),
    preamble=(),
    header=["Date", "Time", "Transaction Code", "Channel", "Withdrawals", "Deposits", "Balance", "Description"],
    cells=_scb_en_cells,
    delimiter="\t",
)

SCB_BUSINESS = Layout(
    name="bank_scb_business_history.csv",
    account="Assets:BangMueang:Bank:SCB",
    opening=D("46033.03"),
    moves=(
        Move(day("2025-02-03"), ("Transfer In", "อบต.บางเมือง เงินสมทบ 2568"), D("15000.00")),
        Move(day("2025-02-10"), ("Transfer Out", "ค่าถ่ายเอกสาร ร้านบางเมืองก๊อปปี้"), D("-240.00")),
        Move(day("2025-02-10"), ("Transfer Out", "ค่าถ่ายเอกสาร ร้านบางเมืองก๊อปปี้"), D("-240.00")),
        Move(day("2025-02-17"), ("Cash Withdrawal", "เบิกเงินสดเข้ากองทุน"), D("-8000.00")),
        Move(day("2025-02-24"), ("Service Charge", "SMS alert fee"), D("-20.00")),
    ),
    preamble=(
        ["Account Transaction History"],
        ["Account Number", "xxx-x-x9012-x"],
        ["Account Name", "BANGMUEANG COMMUNITY WELFARE FUND"],
    ),
    header=["Transaction Date", "Value Date", "Transaction Code", "Description", "Cheque No.", "Debit Amount",
            "Credit Amount", "Balance", "Details"],
    cells=_scb_business_cells,
)

KRUNGTHAI_XLS = Layout(
    name="bank_krungthai_statement.xls",
    account="Assets:BangMueang:Bank:Krungthai",
    opening=D("23212.35"),
    moves=(
        Move(day("2025-01-06"), ("ฝากเงินสด", "สาขาบางเมือง"), D("3000.00")),
        Move(day("2025-01-13"), ("รับโอน", "เงินสมทบ เทศบาลตำบลบางเมือง"), D("9000.00")),
        Move(day("2025-01-20"), ("โอนเงิน", "ค่าพวงหรีด งานศพสมาชิก"), D("-500.00")),
        Move(day("2025-01-27"), ("ถอนเงินสด", "ATM"), D("-4000.00")),
    ),
    preamble=(
        ["ธนาคารกรุงไทย จำกัด (มหาชน)"],
        ["เลขที่บัญชี", "xxx-x-x6789-x"],
        ["ชื่อบัญชี", "กองทุนสวัสดิการชุมชนตำบลบางเมือง"],
    ),
    header=["วันที่", "เวลา", "รหัสรายการ", "รายการ", "รายละเอียด", "เลขที่เช็ค", "จำนวนเงิน", "ยอดคงเหลือ",
            "สาขา"],
    cells=_krungthai_cells,
    html=True,
    signed=True,
)

KRUNGTHAI_CSV = dataclasses.replace(
    KRUNGTHAI_XLS,
    name="bank_krungthai_statement_cp874.csv",
    opening=D("30712.35"),
    moves=(
        Move(day("2025-02-03"), ("ฝากเงินสด", "สาขาบางเมือง"), D("2200.00")),
        Move(day("2025-02-14"), ("โอนเงิน", "ค่าอาหารประชุมกรรมการ"), D("-750.00")),
        Move(day("2025-02-21"), ("รับโอน", "บริจาคจาก ร้านทองบางเมือง"), D("3000.00")),
        Move(day("2025-02-28"), ("ดอกเบี้ย", ""), D("7.60")),
    ),
    html=False,
    encoding="cp874",
)

BANGKOK_PDF = Layout(
    name="bank_bangkok_pdf_converted.csv",
    account="Assets:BangMueang:Bank:Bangkok",
    opening=D("64000.00"),
    moves=(
        Move(day("2025-02-03"), ("CASH DEPOSIT", ""), D("5000.00")),
        Move(day("2025-02-07"), ("TRANSFER FROM", "SAO BANG MUEANG"), D("7000.00")),
        Move(day("2025-02-12"), ("TRANSFER TO", "MR. ANAN DEEJAI"), D("-1500.00")),
        Move(day("2025-02-19"), ("CASH WITHDRAWAL", ""), D("-3000.00")),
        Move(day("2025-02-26"), ("BILL PAYMENT", "PEA ELECTRICITY"), D("-640.00")),
    ),
    preamble=(
        ["BANGKOK BANK PUBLIC COMPANY LIMITED"],
        ["STATEMENT OF ACCOUNT"],
        ["ACCOUNT NO.", "xxx-x-x3456-x"],
        ["PERIOD", "01/02/2025 - 28/02/2025"],
    ),
    header=["Date", "Description", "Debit", "Credit", "Balance", "Channel"],
    cells=_bangkok_cells,
    brought_forward=lambda d, b: ["", "BALANCE B/F", "", "", money(b), ""],
    page_break_after=2,
    details_on_next_row=True,
)

OCR = Layout(
    name="bank_ocr_direction.csv",
    account="Assets:BangMueang:Bank:Passbook",
    opening=D("5120.00"),
    moves=(
        Move(day("2025-03-05"), ("ฝากเงินสด", ""), D("1500.00")),
        Move(day("2025-03-12"), ("ถอนเงินสด", ""), D("-700.00")),
        Move(day("2025-03-19"), ("รับโอน พอช.", ""), D("4000.00")),
        Move(day("2025-03-31"), ("ดอกเบี้ย", ""), D("2.15")),
    ),
    preamble=(["passbook scan page 12"],),
    header=["date", "description", "amount", "direction", "balance"],
    cells=_ocr_cells,
)

ALL = (KASIKORN_TH, KASIKORN_EN, KCYBER, KBIZ, SCB_TH, SCB_EN, SCB_BUSINESS, KRUNGTHAI_XLS, KRUNGTHAI_CSV,
       BANGKOK_PDF, OCR)
LAYOUTS = {layout.name: layout for layout in ALL}


def write_layouts(folder: Path) -> None:
    for layout in ALL:
        layout.write(folder)
