"""What the pages show, decided without Streamlit (so it is tested without it)."""

__all__ = []
