"""ClinicalTrials.gov studies: the API client, the bundled snapshot, study records and where a
study list comes from.
"""

__all__ = []
