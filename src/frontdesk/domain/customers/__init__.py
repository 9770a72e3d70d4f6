"""Customers: consumers, contacts, accounts, households, and how to reach them."""
