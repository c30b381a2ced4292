"""The one mail outbox: every e-mail the surveys app sends goes through here.

- `outbox`: the queues (invitations, reminders, stored e-mails) and the one claim, send,
  retry-with-backoff and sweep path they share;
- `smtp`: sending one message over a reused connection and telling what kind of failure it was;
- `backend`: the embedded e-mail backend (no EMAIL_URL) that keeps messages for the local
  outbox page ("Utkorg").

What a message says and whom it goes to is the surveys' business (`surveys.emails`,
`surveys.services.dispatch`); how it is claimed, sent, retried and swept is decided here only.
"""
