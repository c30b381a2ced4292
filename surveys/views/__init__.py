"""Survey pages: the answer pages reached from e-mailed links (answering), the coordinators' pages for
versions, courses and the history import (staff), the outbox pages (dispatch) and one answer read by staff
(responses)."""
