"""The progress engine: counting rules in SQL (counting.py), pace, forecast and status in
plain arithmetic (engine.py), and the service that joins them (service.py)."""
