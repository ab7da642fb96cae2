"""The six signs as cards, with their prompts and recent counts."""
