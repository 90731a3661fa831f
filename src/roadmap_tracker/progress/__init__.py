"""The learner's record: its events and what they add up to, and the progress file (lock, appends,
rewrites, backups, migrations).
"""
