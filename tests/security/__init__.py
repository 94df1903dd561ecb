"""Security tests: inert output, include sandbox, bounded cost, atomic writes, determinism."""
