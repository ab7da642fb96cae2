"""Copies of the journal made by sync programs, found beside it and merged in."""
