"""A workspace's settings: its system properties and its custom fields."""
