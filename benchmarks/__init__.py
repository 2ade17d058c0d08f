"""Performance benchmarks: each module is a script that prints its figures (see docs/performance.md)."""
