"""Cention Contact Center: its JSON:API kit, access tokens, and (to come) its endpoints."""
