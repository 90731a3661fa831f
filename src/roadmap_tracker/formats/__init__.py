"""Formats a curriculum or a record is written in or read from: JSON, Markdown and iCalendar
exports, Markdown import.
"""
