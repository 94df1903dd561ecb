"""Emitters: turn a Scene (or, for text formats, the model) into output bytes."""
