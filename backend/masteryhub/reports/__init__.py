"""Reports for a hub and its finance team."""
