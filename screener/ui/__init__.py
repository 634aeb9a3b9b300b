"""The Streamlit user interface: session helpers (``state``) and one file per page."""

__all__ = []
