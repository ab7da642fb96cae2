"""Safety on a shared computer: locking, quick exit, idle lock, the clipboard."""
