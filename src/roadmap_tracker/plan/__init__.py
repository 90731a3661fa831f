"""The plan: pure functions over a curriculum and a record (windows and pace, what is next,
recurring activities), and references to items.
"""
