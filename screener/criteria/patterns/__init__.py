"""One module per family of eligibility wording (age, ALSFRS-R, breathing, drugs, …): item text →
readings.
"""

__all__ = []
