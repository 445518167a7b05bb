"""The release-day ledger: claims, reversals, approvals and payments per academic year."""
