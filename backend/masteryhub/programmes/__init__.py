"""Programmes: primary and secondary, their criteria and default year rules (read-only)."""
