"""Survey selectors: read-side queries for pages, services and reports."""
