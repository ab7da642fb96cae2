"""Getting in: first run, the lock screen, the recovery key, the sample journal."""
