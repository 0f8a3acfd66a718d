"""Supervision of lagging regions (work programme III(c): the NDRC "will carry out scheduling
and inspection ... and supervise and help the regions with lagging work progress").

For every supervised reporting unit (the 31 mainland provincial-level divisions and the
Xinjiang Production and Construction Corps) the measures that apply to it are computed as of a
day, each by the rule shown beside it (`rules.py`), scored by a published points rule, and the
units are ranked, lagging first. `sheets.compute` does the national computation (the command
line); `service` is the authorised entry for the pages (a coordinator gets their own sheet);
`export_pdf` and `export_xlsx` write the per-province sheet an inspection visit takes along.
"""
