"""Cohorts: intakes of a programme, their application window, year rules and residentials."""
