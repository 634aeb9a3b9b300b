"""Streamlit page scripts, one per page; ``app.py`` runs them by path, nothing imports them.

A package only so that the layer contracts (pyproject.toml) see the pages as the top of ``ui``.
"""
