"""The business plans seeded by migration 0002, frozen here so that the migration never changes."""
