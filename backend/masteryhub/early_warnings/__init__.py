"""Early warnings: per specialist and year, on track / at risk / behind, by rules held as data."""
