"""Streamlit glue shared by the pages: the engine, the signed-in user, the language, cached
reads and the common page chrome. Logic lives in dashboard.services."""
