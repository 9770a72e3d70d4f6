"""People: one person as every service sees them, and what happened with them."""
