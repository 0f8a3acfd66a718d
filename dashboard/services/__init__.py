"""Read and write services for the pages, the CLI and exports. No Streamlit here: results
are plain dataclasses or DataFrames, never live ORM objects. Every function that reads
scoped data or writes takes the acting user."""
