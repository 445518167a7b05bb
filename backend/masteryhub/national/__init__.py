"""The national picture: every hub's figures side by side, and coverage of England's schools."""
