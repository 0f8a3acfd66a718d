"""Report ingestion: templates, safe reading, header matching and validation of uploaded
files, and ingesting them into the database (`ingest.py`: one transaction per file that
writes the submission and, when accepted, the records through `dashboard.submissions`, with
the audit event), the `refresh` command over an inbox (`refresh.py`) and the coordinators'
pre-filled templates (`prefill.py`, which reads the database).

Built on the dashboard's core (settings, db, models, permissions, audit, submissions); the
core imports nothing from here. `python -m pipelines --help` lists the commands."""
