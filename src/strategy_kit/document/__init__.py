"""The workshop format: models, durations, ids, lifecycle, privacy rules, schema, diagnostics."""
