"""E-mailed digests and reminders: who gets which digest, what it says, how it is sent and
recorded (`python -m dashboard digest`)."""
