"""Exports: charts (PNG, SVG, PDF), data (CSV, XLSX) and the briefing pack (PPTX, PDF).

Nothing here imports Streamlit. Pages and the command line call `dashboard.exports.service`,
which checks the permission table and writes the audit event; the other modules are pure
renderers. Every render is offline: vl-convert may load no URL, and the CJK font must be on
the machine (`dashboard.exports.fonts`).
"""
