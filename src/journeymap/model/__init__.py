"""The compiled model: journey types, diagnostics, error codes and funnel arithmetic.

The bottom layer: it imports nothing else of journeymap, so every stage can use it.
"""
