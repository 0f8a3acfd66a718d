"""A plain-Python evaluator of the counting rule in docs/PROGRAMMES.md and the tests that hold
the SQL engine (`dashboard.progress.counting`) against it."""
