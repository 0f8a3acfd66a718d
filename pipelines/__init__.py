"""Plain data pipelines: parsing, validation and safe reading of uploaded files."""
