"""The store: table registry, SQLAlchemy tables, system fields, numbering."""
