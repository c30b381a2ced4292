"""Survey services: writes and side effects, one module per responsibility."""
