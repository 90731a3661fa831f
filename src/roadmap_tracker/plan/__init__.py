"""The plan: pure functions over a curriculum and a record (windows, pace, what is next), and
references to items.
"""
