"""Every error the screener raises on purpose.

ScreenerError                      base: the app and the CLI catch this one
├── BadInput                       the user's input is wrong (CLI exit code 2)
│   ├── ProfileError               a profile value has the wrong type or range
│   ├── StudyFileError             a --studies file cannot be read as studies
│   ├── RuleFileError              a rule file is malformed (file, rule, field, allowed values)
│   └── CandidateFileError         a candidate CSV cannot be read at all
├── CTGovUnavailable               no trustworthy answer from ClinicalTrials.gov
└── SnapshotError                  the bundled snapshot is missing or corrupted

Each message is written for a person: it names the file, line, key or field at fault.
"""

from __future__ import annotations


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
