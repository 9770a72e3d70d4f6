"""The ``frontdesk`` command line."""
