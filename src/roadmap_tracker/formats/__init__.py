"""Formats a curriculum or a record is written in or read from: JSON, Markdown and iCalendar
exports, Markdown import. Serialisers and parsers of plain data (a curriculum, an
``ActiveContext``, dates); reading the session and writing files is the commands'
(``commands.exporting``, ``commands.importing``).
"""
