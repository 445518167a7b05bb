"""Specialists: an appointed teacher's participation in a cohort, its ledger and progress."""
