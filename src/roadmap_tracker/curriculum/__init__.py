"""The curriculum: its model, its checkable items, durations, the cross-field checks, and the
catalog that finds, parses, validates and caches curricula.
"""
