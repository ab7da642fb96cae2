"""Widgets several features use: the Markdown view, the timeline painter, icons, notices."""
