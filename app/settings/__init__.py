"""Settings: preferences, the passphrase and the recovery key."""
