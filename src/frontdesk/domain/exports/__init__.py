"""Exports: presets of which errands and fields, and the rows an export of one produces."""
