"""The window icons: Unknot's own and the plain "Notes" icon of discreet mode."""
