"""frontdesk: one server, three customer-service vendors' REST APIs, one store."""

__version__ = "0.1.0"
