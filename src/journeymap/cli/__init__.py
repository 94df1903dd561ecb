"""The command line: the click commands and the console script's entry point.

The only layer that imports click; everything it does is a call into the
layers below, plus printing, exit codes and writing files.
"""
