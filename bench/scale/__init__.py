"""National scale: a generator of a large synthetic dataset (generate.py, building its rows
in records.py and histories.py from dashboard/synthetic.py, as the demo does) and a benchmark
of the pages' server-side work against the raw counting queries (bench.py: timing.py,
raw_sql.py, services.py, pages.py, ingest.py, report.py)."""
