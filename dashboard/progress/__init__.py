"""The progress engine: counting rules compiled to SQL (counting.py), pace, forecast and
status in plain arithmetic (engine.py), and the service that joins them (service.py);
each target's state as plain data for `progress --json` and the API (report.py); the
counting spans that make history rules an indexed range query (spans.py), the same rule
evaluated straight from the histories (history_rule.py) and the check that holds the two
together (spans_check.py, `python -m dashboard spans`)."""
