"""The `.journey` language: grammar, line reader, syntax tree, values and the formatter.

The only layer that imports lark; it turns text into statements and back (fmt),
and knows nothing of what a journey means.
"""
