"""Rule files (placeholder until the rules module lands): extracted criteria only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from screener.criteria import Criterion, extract_criteria
from screener.studies import StudyRecord

RULES_DIR = Path(__file__).resolve().parents[1] / "rules"


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Curated study rules and general rules, applied over the text extractor."""

    errors: tuple[str, ...] = ()

    def criteria_for(self, record: StudyRecord) -> list[Criterion]:
        """The criteria to screen this study on."""
        return extract_criteria(record)


def load_rulebook(path: Path = RULES_DIR) -> RuleBook:
    """Load every rule file under ``path``."""
    return RuleBook()
