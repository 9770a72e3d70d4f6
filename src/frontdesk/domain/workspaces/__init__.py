"""Workspaces: tenants. Every record belongs to exactly one."""
