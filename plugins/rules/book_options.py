"""Rule `book-options`: a book cannot weaken Beancount's own checks of the fund's money.

`plugin_processing_mode "raw"` switches off balance assertions; a larger `tolerance_multiplier`,
an `inferred_tolerance_default`, `infer_tolerance_from_cost` or a `~` tolerance on a fund
account's `balance` let a passbook differ from the books; a hand-written `P` (or other
Beancount-reserved) flag passes an entry off as one Beancount made, which Fava hides; so does
`filename:` or `lineno:` written as metadata, which overrides where Beancount says the entry is
written (`lineno: 0` is what a found document carries, a pad's place is what its padding
carries: the seal and the outflow rules leave such entries to others); a plugin
that is neither Beancount's, Fava's nor ours can change the entries before the audit sees them.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Transaction
from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding, finding_at
from welfare_ledger.plugins.seal_digest import pad_locations
from welfare_ledger.plugins.source_lines import line_of, lines_matching

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "book-options"
DEFAULT_MULTIPLIER = Decimal("0.5")
RESERVED_FLAGS = frozenset("PSTCURM")
TRUSTED_PLUGINS = (
    "beancount.plugins.",
    "beancount.ops.",
    "fava.plugins.",
    "welfare_ledger.plugins.transparency",
)

MSG_RAW = (
    "The book sets plugin_processing_mode to raw, which switches off Beancount's balance "
    "assertions. Remove the option: the fund's money must be checked against the passbooks."
)
MSG_MULTIPLIER = (
    "The book sets tolerance_multiplier to {value} (Beancount's default is 0.5), so balances may "
    "differ from the passbook by more. Remove the option."
)
MSG_DEFAULT_TOLERANCE = (
    "The book sets inferred_tolerance_default ({value}), so amounts may differ by that much "
    "unseen. Remove the option."
)
MSG_FROM_COST = "The book sets infer_tolerance_from_cost, which widens tolerances. Remove the option."
MSG_BALANCE_TOLERANCE = (
    "The balance of {account} on {day} allows a difference of {tolerance} (`~`). A passbook "
    "balance is exact: remove the tolerance."
)
MSG_FLAG = (
    "The entry of {day} carries the flag {flag}, which Beancount keeps for entries it makes itself "
    "(Fava hides them). Use * or !."
)
MSG_LOCATION = (
    "The metadata `{key}` is written by hand: it overrides the file and line Beancount records "
    "for the entry, passing it off as one Beancount made or hiding where it is. Remove the line."
)
MSG_PLUGIN = (
    "The book loads the plugin {plugin}, which is neither Beancount's, Fava's nor welfare-ledger's; "
    "it could change the entries before they are audited. Remove it."
)


def _option_findings(book: Book) -> list[Finding]:
    options = book.options
    found: list[tuple[str, str, dict[str, Any]]] = []
    if options.get("plugin_processing_mode") == "raw":
        found.append(("plugin_processing_mode", MSG_RAW, {}))
    multiplier = options.get("tolerance_multiplier")
    if isinstance(multiplier, Decimal) and multiplier > DEFAULT_MULTIPLIER:
        found.append(("(inferred_)?tolerance_multiplier", MSG_MULTIPLIER, {"value": multiplier}))
    defaults = options.get("inferred_tolerance_default") or {}
    if any(Decimal(value) > 0 for value in defaults.values()):
        text = ", ".join(f"{k}:{v}" for k, v in sorted(defaults.items()))
        found.append(("inferred_tolerance_default", MSG_DEFAULT_TOLERANCE, {"value": text}))
    if options.get("infer_tolerance_from_cost"):
        found.append(("infer_tolerance_from_cost", MSG_FROM_COST, {}))
    findings = [
        finding_at(
            CODE,
            Severity.ERROR,
            line_of(book.options, rf'^\s*option\s+"{name}"'),
            date=None,
            area="",
            msgid=msgid,
            **params,
        )
        for name, msgid, params in found
    ]
    for name, _ in options.get("plugin") or ():
        if not str(name).startswith(TRUSTED_PLUGINS):
            meta = line_of(book.options, rf'^\s*plugin\s+"{re.escape(str(name))}"')
            findings.append(
                finding_at(CODE, Severity.ERROR, meta, date=None, area="", msgid=MSG_PLUGIN, plugin=name)
            )
    for keyword in ("filename", "lineno"):
        findings.extend(
            finding_at(CODE, Severity.ERROR, meta, date=None, area="", msgid=MSG_LOCATION, key=keyword)
            for meta in lines_matching(options, rf"^\s+{keyword}\s*:", keyword)
        )
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Options, tolerances, reserved flags and plugins that weaken the checks of the fund's money."""
    findings = _option_findings(book)
    for balance in book.balances:
        info = classify(balance.account)
        if balance.tolerance is not None and info.fund:
            findings.append(
                entry_finding(
                    CODE,
                    Severity.ERROR,
                    balance,
                    area=info.area or "",
                    msgid=MSG_BALANCE_TOLERANCE,
                    account=balance.account,
                    day=balance.date,
                    tolerance=balance.tolerance,
                )
            )
    pads = pad_locations(book.pads)
    for txn in book.transactions:
        if txn.flag not in RESERVED_FLAGS or not isinstance(txn, Transaction):
            continue
        place = (str(txn.meta.get("filename", "")), int(txn.meta.get("lineno", 0) or 0))
        if txn.flag == "P" and place in pads and isinstance(txn.meta.get("lineno"), int):
            continue
        area = next((a for p in txn.postings if (a := classify(p.account).area)), "")
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                txn,
                area=area,
                msgid=MSG_FLAG,
                day=txn.date,
                flag=txn.flag,
            )
        )
    return findings
