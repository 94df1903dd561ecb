"""The grammar's terminal patterns that the parser's fast path is built from.

Generated from grammar/journey.lark by `python tools/gen_terminals.py`
(`make generated`): do not edit. Each is the terminal's regular expression as
Lark compiles it; tests/language/test_terminal_patterns.py fails when this
file is stale against the grammar.
"""

ID = "[^\\W\\d](?:[\\w-]*\\w)?"
STRING = '"(?:[^"\\\\\n]|\\\\.)*"'
TEXT = '(?:[^\\s\\[\\]"#]|#(?=\\S))(?:[^\n\\[\\]"#]|(?<=\\S)#|#(?=\\S))*'
ATTR_WORD = '[^\\s,\\[\\]="#][^\\s,\\[\\]="]*|#[0-9A-Za-z]+'
