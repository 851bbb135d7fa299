"""The benchmark harness: `python -m bench.run` (see bench/RESULTS.md)."""
