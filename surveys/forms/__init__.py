"""Survey forms: the answer form as data for its template (answering), the coordinators' forms (staff) and
the outbox pages' filter and follow-up form (dispatch)."""
