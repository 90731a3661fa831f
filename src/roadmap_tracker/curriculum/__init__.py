"""The curriculum: its model, durations, and the catalog that finds, parses, validates and caches
curricula.
"""
