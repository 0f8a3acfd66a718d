"""Where pilots and CEMS sites are: the datums their coordinates are written in, converted to
the map's GCJ-02 (datums.py), and which province a point lies in (provinces.py)."""
