"""Benford's first-digit test with Nigrini's mean absolute deviation (MAD) bands.

Only amounts a person chose (not fixed by a benefit rule) of at least 10 baht are tested, and
only when there are enough of them: with fewer than `MIN_COUNT` the test says so and gives no band.
"""

from __future__ import annotations

import dataclasses
import math
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

MIN_COUNT = 100
SMALLEST = Decimal(10)
DIGITS = tuple(range(1, 10))
EXPECTED = tuple(math.log10(1 + 1 / d) for d in DIGITS)
BANDS = ((0.006, "close"), (0.012, "acceptable"), (0.015, "marginal"))
NONCONFORMITY = "nonconformity"


@dataclasses.dataclass(frozen=True, slots=True)
class BenfordResult:
    """Observed first-digit shares against Benford's, and the MAD band when there are enough amounts."""

    count: int
    counts: tuple[int, ...]
    observed: tuple[float, ...]
    expected: tuple[float, ...]
    mad: float | None
    band: str | None

    @property
    def enough(self) -> bool:
        """Whether there were enough amounts for the test to mean anything."""
        return self.band is not None


def first_digit(amount: Decimal) -> int:
    """The first significant digit of a positive amount."""
    digits = amount.normalize().as_tuple().digits
    return next(d for d in digits if d)


def band_of(mad: float) -> str:
    """Nigrini's conformity band of a first-digit MAD."""
    for limit, name in BANDS:
        if mad < limit:
            return name
    return NONCONFORMITY


def benford(amounts: Iterable[Decimal]) -> BenfordResult:
    """The first-digit test over `amounts` (those below 10 baht are left out)."""
    counts = [0] * 9
    for amount in amounts:
        if amount >= SMALLEST:
            counts[first_digit(amount) - 1] += 1
    total = sum(counts)
    observed = tuple(c / total if total else 0.0 for c in counts)
    if total < MIN_COUNT:
        return BenfordResult(total, tuple(counts), observed, EXPECTED, None, None)
    mad = sum(abs(o - e) for o, e in zip(observed, EXPECTED, strict=True)) / len(DIGITS)
    return BenfordResult(total, tuple(counts), observed, EXPECTED, mad, band_of(mad))
