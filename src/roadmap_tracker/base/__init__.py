"""The foundation every layer stands on: errors, records, the clock, paths, printable text, YAML
limits and the signed cache. Imports nothing else of roadmap_tracker.
"""
