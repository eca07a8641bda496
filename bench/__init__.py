"""Benchmarks: scripts that print a table (median of several runs, ratio to a baseline)."""
