"""Docs-site integrations: the MkDocs plugin, SuperFences fences and the Sphinx extension.

Each submodule imports the tool it plugs into, so importing this package
imports none of them; `journeymap.integrations.diagrams` is the shared core.
"""
