"""Interoperation with other tools: Mermaid import and export, editor highlighting."""
