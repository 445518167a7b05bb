"""Registers propose ledger entries (release days for leads, grants for schools)."""
