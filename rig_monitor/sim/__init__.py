"""Fake miners that answer like real firmware (demo, tests, benchmarks). Shares no parsing code with the client."""
