"""Rule `inactive-member`: a member is used only while a member, from joining to exit day included.

A contribution, payment or other use dated before joining or after exit is an error. For a
benefit the event must not come before joining, and the benefit must be paid by the exit day;
the one exception is a death benefit, which is paid after the death by its nature and is fine
when its event is on or before the death. A death benefit needs the death in the register: a
funeral paid for a member the register shows alive is the ghost funeral of the old frauds.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.i18n import Msg

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Benefit, Contribution, MemberUse
    from welfare_ledger.plugins.registers import Member

CODE = "inactive-member"
DEATH = "Death"

MSG_BEFORE_JOINING = (
    "Member {member} is used on {day} but joined only on {joined}. Correct the date or the "
    "member code, or register the member from the right date."
)
MSG_AFTER_EXIT = (
    "Member {member} is used on {day} after leaving on {exit} ({reason}). A member who left "
    "may not pay or be paid: reverse the entry or correct the member code."
)
MSG_EVENT_BEFORE_JOINING = (
    "The {kind} benefit of {amount} to {member} is for an event on {event}, before they "
    "joined on {joined}. Benefits cover only events during membership: reverse the payment."
)
MSG_DEATH_OF_THE_LIVING = (
    "The Death benefit of {amount} to {member} is for an event on {event}, but the member register "
    "does not show {member} as deceased. Record the death (`member-exit` with \"deceased\" on the day of "
    "death), or reverse the payment."
)
MSG_DEATH_AFTER_EXIT = (
    "The Death benefit of {amount} to {member} is for an event on {event}, after they left "
    "on {exit} ({reason}). Reverse the payment or correct the event date."
)


def _benefits_by_use(book: Book) -> dict[tuple[int, str], Benefit]:
    return {(id(b.txn), b.member): b for b in book.benefits if b.amount > 0}


def _benefit_problem(member: Member, benefit: Benefit) -> tuple[str, datetime.date] | None:
    """The message and day when a benefit falls outside the membership, or None."""
    event = benefit.event_date
    if event < member.joined:
        return MSG_EVENT_BEFORE_JOINING, event
    exit_date = member.exit_date
    if benefit.type == DEATH and (exit_date is None or member.exit_reason != "deceased"):
        return (MSG_DEATH_AFTER_EXIT, event) if exit_date is not None and event > exit_date else (
            MSG_DEATH_OF_THE_LIVING,
            event,
        )
    if exit_date is None:
        return None
    if benefit.type == DEATH:
        return (MSG_DEATH_AFTER_EXIT, event) if event > exit_date else None
    if max(event, benefit.date) > exit_date:
        return MSG_AFTER_EXIT, benefit.date
    return None


def _problem(
    use: MemberUse | Contribution, member: Member, benefit: Benefit | None
) -> tuple[str, datetime.date] | None:
    """The message and the day that break membership for this use, or None."""
    if benefit is not None:
        return _benefit_problem(member, benefit)
    if use.date < member.joined:
        return MSG_BEFORE_JOINING, use.date
    if not member.active_on(use.date):
        return MSG_AFTER_EXIT, use.date
    return None


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Uses of members outside their membership."""
    members = book.register.members
    benefits = _benefits_by_use(book)
    findings = []
    never = datetime.date.max
    spans = {code: (m.joined, m.exit_date or never) for code, m in members.items()}
    for use in book.member_uses:
        span = spans.get(use.code)
        if span is None:
            continue
        benefit = benefits.get((id(use.txn), use.code))
        if benefit is None and span[0] <= use.date <= span[1]:
            continue
        member = members[use.code]
        problem = _problem(use, member, benefit)
        if problem is None:
            continue
        msgid, day = problem
        findings.append(
            finding_at(
                CODE,
                Severity.ERROR,
                use.meta,
                date=use.date,
                area=use.area or member.area,
                msgid=msgid,
                entry=use.txn,
                member=member.code,
                day=day,
                joined=member.joined,
                exit=member.exit_date or "-",
                reason=Msg(member.exit_reason) if member.exit_reason else "-",
                kind=(benefit.type if benefit else None) or "-",
                kind_th=BENEFIT_TYPES.get(benefit.type or "", "-") if benefit else "-",
                amount=benefit.amount if benefit else "-",
                event=benefit.event_date if benefit else day,
            )
        )
    return findings
