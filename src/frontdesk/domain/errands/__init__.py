"""Errands: a contact centre's conversations, their answers, attachments and actions."""
