"""The core of welfare-ledger: the register model, the transparency rules and their findings."""
