"""The August data cut: named, versioned, frozen snapshots of a year's national figures."""
