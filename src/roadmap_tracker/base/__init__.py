"""The foundation every layer stands on: errors, records, the clock and the days roadmap keeps,
paths, atomic writes, printable text, YAML limits and the signed cache. Imports nothing else of
roadmap_tracker.
"""
