"""Hub day rates: what a hub pays per day, by activity, for a cohort's programme year."""
