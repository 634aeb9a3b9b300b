"""Entry point of ``python -m screener``."""

import os
import sys

# pydantic plugins are found by scanning every installed package's entry points on the first
# model build, and each one is handed what it validates: here, a person's answers. The command
# line loads none (which also spares that scan at start-up); set PYDANTIC_DISABLE_PLUGINS
# yourself (e.g. to "") to load them.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from screener.cli.main import main  # noqa: E402  (after the line above)

sys.exit(main())
