"""Notifications raised by answering a survey.

`low_score_flagged` is called (on commit) for every LowScoreFlag created when a
response is stored; the dispatch side implements the e-mail to the consultant's
manager through the outbox.
"""


def low_score_flagged(flag_id: int) -> None:
    """Queue the e-mail about a flagged low score. Implemented with the outbox."""
    raise NotImplementedError("implemented by the survey dispatch work")
