"""The plugin config may tighten the rules and can never loosen them."""

from __future__ import annotations

from decimal import Decimal

from welfare_ledger.plugins.config import DEFAULT, parse_config


def test_tightening_values_apply():
    config, errors = parse_config("{'approvals-required': 3, 'large-amount': 5000, 'split-days': 14}")
    assert not errors
    assert config.approvals_required == 3
    assert config.large_amount == Decimal(5000)
    assert config.split_days == 14


def test_loosening_values_are_refused_and_ignored():
    config, errors = parse_config("{'approvals-required': 1, 'split-days': 3, 'report-days': 365}")
    assert config == DEFAULT
    assert len(errors) == 3
    assert all("may only tighten" in e.message("en") for e in errors)


def test_bad_config_is_an_error_not_a_crash():
    for text in ("__import__('os').system('true')", "[1, 2]", "{'nonsense': 1}", "{'approvals-required': 'x'}"):
        config, errors = parse_config(text)
        assert config == DEFAULT
        assert len(errors) == 1, text
