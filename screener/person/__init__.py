"""The person's answers: the profile, ALSFRS-R scores, and the questionnaire that asks for them."""

__all__ = []
