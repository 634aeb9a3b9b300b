"""One person against one study: each criterion met, not met or unknown, and the verdict with its
reasons.
"""

__all__ = []
