"""Surfaces: each vendor's HTTP API, translating to and from the domain. None imports another."""
