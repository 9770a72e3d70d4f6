"""Synthetic data: realistic customers in bulk, for demos and benchmarks."""
