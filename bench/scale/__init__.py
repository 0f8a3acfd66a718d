"""National scale: a generator of a large synthetic dataset (generate.py) and a benchmark of
the pages' server-side work against the raw counting queries (bench.py)."""
