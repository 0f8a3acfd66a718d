"""Programmes: policy documents as data (docs/PROGRAMMES.md). A programme file holds the
document, its clauses, its targets with declarative counting rules, and its milestones."""
