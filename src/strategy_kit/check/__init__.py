"""Checking documents: pydantic errors at their positions, the rules pass, strategy files, directories and repositories."""
