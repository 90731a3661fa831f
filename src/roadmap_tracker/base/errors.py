"""The one exception type the command-line interface turns into exit code 1."""

from __future__ import annotations


class RoadmapError(Exception):
    """Bad input or bad data, reported to the learner as one sentence and exit code 1.

    ``message`` says what is wrong, ``hint`` what to do about it (may be empty), and
    ``details`` are extra lines shown below the message (candidates, error positions).
    Nothing is written to disk once this has been raised.
    """

    def __init__(self, message: str, hint: str = "", details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.details = details or []

    def __str__(self) -> str:
        return self.message


class Declined(RoadmapError):
    """The learner answered no to a question (or cancelled a picker), so nothing was changed:
    not a mistake. Reported as its plain sentence and hint, without the "Error:" of a
    RoadmapError, and exit code 1 as every RoadmapError (a script can tell that nothing was
    done).
    """


def error_reason(error: BaseException) -> str:
    """What went wrong, for the end of a sentence: an OSError's text in lower case
    ("no space left on device"), else the error's own text.
    """
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error)
