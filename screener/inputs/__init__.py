"""Reading input nobody vouches for (JSON, YAML, text shown back to people) safely, with one clear
message.
"""

__all__ = []
