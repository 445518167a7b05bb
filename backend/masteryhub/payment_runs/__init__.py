"""Payment runs: a hub pays its schools approved ledger entries in one reviewed batch."""
