"""Where pilots, CEMS sites and zero-carbon parks are: the datums their coordinates are
written in, converted to the map's GCJ-02 (datums.py), which province a point lies in
(provinces.py), and the check reports and registry forms make of a located row (check.py)."""
