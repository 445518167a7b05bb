"""A hub's headteacher contact per school (who confirms release days)."""
