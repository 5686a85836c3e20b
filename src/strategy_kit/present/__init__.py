"""Presenting results: labels, charts, prepared views and every output format."""
