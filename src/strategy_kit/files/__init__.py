"""Reading and writing workshop files: decoding, YAML round trip and fast path, atomic writes, git, the canonical layout."""
