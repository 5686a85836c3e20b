"""Changing workshop files: the edit transaction and splice engine, the domain edits, score import, init."""
