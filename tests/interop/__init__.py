"""Tests of import from and export to other tools, and of editor highlighting."""
