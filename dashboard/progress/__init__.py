"""The progress engine: counting rules compiled to SQL (counting.py); pace and status in
plain arithmetic (engine.py) with the forecast's count model (forecast.py, its labels in
forecast_labels.py); the service that joins them (service.py); each target's state as plain
data for `progress --json` and the API (report.py); the forecast's backtest (backtest.py,
its command in backtest_cli.py); the counting spans that make history rules an indexed range
query (spans.py), the same rule evaluated straight from the histories (history_rule.py) and
the check that holds the two together (spans_check.py, `python -m dashboard spans`)."""
