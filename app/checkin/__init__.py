"""The weekly check-in: the form, past check-ins, and the offer of this week's."""
