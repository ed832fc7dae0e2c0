"""Benchmarks at province scale: synthetic data delivered as clerks deliver it, and measured builds."""
