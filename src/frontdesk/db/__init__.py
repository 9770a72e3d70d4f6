"""The database: connections, units of work, statements, migrations."""
