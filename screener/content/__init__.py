"""Background for people: approved and withdrawn ALS therapies, symptom and supportive care, each
with sources.
"""

__all__ = []
