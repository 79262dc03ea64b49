"""`@ledger_doc`: the book under test sits in the test's docstring, as in Beancount's own tests."""

from __future__ import annotations

import functools
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

from beancount import loader


def ledger_doc(func: Callable[..., Any]) -> Callable[[], Any]:
    """Load the docstring of `func` as a book and call `func(entries, errors, options_map)`."""
    text = textwrap.dedent(func.__doc__ or "")

    def wrapper() -> Any:
        entries, errors, options_map = loader.load_string(text, dedent=True)
        return func(entries, errors, options_map)

    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__module__ = func.__module__
    wrapper.__signature__ = inspect.Signature()  # type: ignore[attr-defined]
    wrapper.__input__ = text  # type: ignore[attr-defined]
    return functools.update_wrapper(wrapper, func, assigned=(), updated=())
