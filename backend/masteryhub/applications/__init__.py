"""Applications: intake, headteacher references, screening, reviews and decisions."""
