"""The learner's record: its events and what they add up to, and the progress file (its format,
reading it whole or line by line, the state kept between commands, the lock, appends, rewrites,
backups, migrations, transactions).
"""
