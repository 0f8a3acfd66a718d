"""Showing an Altair chart on a page without validating it again on every rerun."""

from __future__ import annotations

import streamlit as st


def show(chart, **options):
    """st.altair_chart, minus Altair's JSON-schema validation: the builders in
    dashboard/charts are validated by the tests, and validating on each rerun was the
    largest single cost of a busy server (a quarter of its CPU with 50 sessions)."""
    return st.vega_lite_chart(spec=chart.to_dict(validate=False), **options)
