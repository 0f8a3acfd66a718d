"""The progress engine: counting rules in SQL (counting.py), pace, forecast and status in
plain arithmetic (engine.py, with the forecast's count model in forecast.py), the service
that joins them (service.py), and the forecast's backtest (backtest.py)."""
