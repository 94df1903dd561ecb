"""The render stage: a journey drawn as one view in one format, as text or bytes.

SVG, PNG, DOT, Mermaid, Markdown and JSON writers, the table of formats, and
the one render path every command and integration calls. Named `emit`, not
`render`, because `journeymap.render` is the library's public function.
"""
