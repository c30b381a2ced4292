"""The register's pages: the list and detail (register), editing (edit), the import (importing), the start
page (home) and the type-ahead endpoints (typeahead)."""
