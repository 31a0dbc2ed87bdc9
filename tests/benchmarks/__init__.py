"""Speed benchmarks for the importer: ``python tests/benchmarks/bench_import.py`` prints the table."""
