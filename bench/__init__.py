"""Benchmarks. `python -m bench.run` compares balgraph with other SPARQL servers (see bench/RESULTS.md)."""
