"""The command line (`python -m screener …`): the only place that parses arguments, prints and
returns exit codes.
"""

__all__ = []
