"""Sharing with a therapist: the session summary, shown on screen or saved."""
