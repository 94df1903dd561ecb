"""The language server (`journeymap lsp`): diagnostics, completion, hover and more over LSP.

Only this package imports pygls (installed with the `lsp` extra); the command
line imports it when `journeymap lsp` runs. `index` and `completion` read the
text without pygls; `server` wires them to the protocol.
"""
