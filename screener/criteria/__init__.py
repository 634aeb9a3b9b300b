"""Turn a study's eligibility items into structured criteria with the study's own words."""

from screener.criteria.extract import extract_criteria, extract_item
from screener.criteria.model import FACTORS, UNCLASSIFIED, Criterion, Kind

__all__ = ["FACTORS", "UNCLASSIFIED", "Criterion", "Kind", "extract_criteria", "extract_item"]
