"""Computing from checked documents: timing, prioritisation, progress and roll-up, semantic comparison."""
