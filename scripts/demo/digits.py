"""First digits that follow Benford's law for an area's bills, without the noise of a small sample.

A bill a person chose is log-uniform over one decade from its account's low end, so its first
digit follows Benford's law; with a few dozen bills, chance alone would still stray from it and
the red-flag report would call an honest fund suspicious. So an area's bills take their
mantissas (the fractional part of log10 of the amount, which sets the first digit) from one
stratified set: each first digit gets its expected share of the area's bills (project bills,
drawn first, count towards it), and each account is dealt mantissas from across the whole
range, so its own bills still cover their decade and none is an outlier.
"""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

DIGITS = range(1, 10)


def first_digit(amount: Decimal) -> int:
    """The first significant digit of a positive amount."""
    return int(str(amount.normalize()).lstrip("0.")[0])


def _quotas(count: int, taken: Counter[int]) -> dict[int, int]:
    """How many of `count` more bills start with each digit, so that with `taken` all follow Benford."""
    total = count + sum(taken.values())
    exact = {d: total * math.log10(1 + 1 / d) for d in DIGITS}
    target = {d: int(exact[d]) for d in DIGITS}
    for d in sorted(DIGITS, key=lambda d: exact[d] - target[d], reverse=True)[: total - sum(target.values())]:
        target[d] += 1
    quotas = {d: max(target[d] - taken[d], 0) for d in DIGITS}
    while sum(quotas.values()) > count:
        quotas[max(DIGITS, key=lambda d: (quotas[d] - (target[d] - taken[d]), quotas[d]))] -= 1
    while sum(quotas.values()) < count:
        quotas[max(DIGITS, key=lambda d: exact[d] - taken[d] - quotas[d])] += 1
    return quotas


def mantissas(rng: random.Random, counts: dict[str, int], taken: Counter[int]) -> dict[str, list[float]]:
    """Mantissas in [0, 1) for `counts[account]` bills of each account, in random order per account."""
    found: list[float] = []
    for digit, quota in _quotas(sum(counts.values()), taken).items():
        low, width = math.log10(digit), math.log10(1 + 1 / digit)
        found += [low + width * (slot + rng.random()) / quota for slot in range(quota)]
    dealt: dict[str, list[float]] = {account: [] for account in counts}
    total = sum(counts.values())
    for index, value in enumerate(sorted(found)):
        behind = {
            a: (index + 1) * counts[a] / total - len(dealt[a]) for a in counts if len(dealt[a]) < counts[a]
        }
        dealt[max(behind, key=lambda a: behind[a])].append(value)
    for values in dealt.values():
        rng.shuffle(values)
    return dealt


def bill(low: float, mantissa: float) -> Decimal:
    """The bill in the decade [low, 10 * low) whose first digit `mantissa` sets, in whole baht."""
    share = (mantissa - math.log10(low)) % 1
    return Decimal(int(low * 10**share))
