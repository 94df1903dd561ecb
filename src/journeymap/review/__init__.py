"""Reviewing `.journey` changes: the canonical formatter and the semantic diff.

`format` rewrites a file's syntax tree in canonical form (comments kept);
`diff` compares two compiled journeys by ID; `diff_text` renders the changes
as text, Markdown or JSON; `gitrev` reads `REV:path` arguments through git.
"""
