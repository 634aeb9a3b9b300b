"""Every error the screener raises on purpose.

ScreenerError                      base: the app and the CLI catch this one
├── BadInput                       the user's input is wrong (CLI exit code 2)
│   ├── ProfileError               a profile value has the wrong type or range
│   ├── StudyFileError             a --studies file cannot be read as studies
│   ├── RuleFileError              a rule file is malformed (file, rule, field, allowed values)
│   │   └── RuleFileProblems       every problem of one rule file (``problems``)
│   └── CandidateFileError         a candidate CSV cannot be read at all
├── CTGovUnavailable               no trustworthy answer from ClinicalTrials.gov
├── SnapshotError                  the bundled snapshot is missing or corrupted
└── ContentError                   a bundled content file is malformed (a packaging bug)

ValueError                         signals caught inside the screener and reworded there
├── UnreadableJSON                 text that is not JSON this program can read (``line``)
├── UnreadableYAML                 YAML refused: too deep, too big once aliases expand, huge int
├── Unreadable                     a criterion's op or value does not fit its factor
└── NotCacheable                   a criterion value JSON cannot give back exactly

Each message is written for a person: it names the file, line, key or field at fault.
The ``ValueError`` family never reaches a person as it is: each caller turns it into one of
the ``ScreenerError`` kinds (or a "needs review" criterion, or an uncached study).
"""

from __future__ import annotations

__all__ = [
    "ScreenerError",
    "BadInput",
    "ProfileError",
    "StudyFileError",
    "RuleFileError",
    "CandidateFileError",
    "CTGovUnavailable",
    "SnapshotError",
    "RuleFileProblems",
    "ContentError",
    "UnreadableJSON",
    "UnreadableYAML",
    "Unreadable",
    "NotCacheable",
]


class ScreenerError(Exception):
    """Base class of every error raised on purpose by the screener."""


class BadInput(ScreenerError):
    """The user's input is wrong; the CLI exits with code 2."""


class ProfileError(BadInput):
    """A profile value has the wrong type, is out of range, or is an unknown key."""


class StudyFileError(BadInput):
    """A studies file cannot be read as ClinicalTrials.gov study records."""


class RuleFileError(BadInput):
    """A rule file is malformed; the message names the file, rule, field and allowed values."""


class CandidateFileError(BadInput):
    """A candidate CSV cannot be screened at all (not a CSV, no id column, duplicate ids...)."""


class CTGovUnavailable(ScreenerError):
    """ClinicalTrials.gov could not give a trustworthy answer (network, status, or body)."""


class SnapshotError(ScreenerError):
    """The bundled snapshot is missing or corrupted."""


class RuleFileProblems(RuleFileError):
    """A rule file with one or more problems; ``problems`` lists every message."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)


class ContentError(ScreenerError):
    """A bundled content file is missing or malformed (a packaging bug, not user input)."""


class UnreadableJSON(ValueError):
    """Text that is not JSON this program can read; ``line`` is 1-based when known."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line else reason)


class UnreadableYAML(ValueError):
    """YAML this program will not load: too deep, too big once aliases expand, or a huge int."""


class Unreadable(ValueError):
    """The criterion's op or value does not fit its factor's conventions."""


class NotCacheable(ValueError):
    """A criterion holding a value JSON cannot give back exactly (it is then not cached)."""
