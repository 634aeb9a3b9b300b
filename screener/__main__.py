"""Entry point of ``python -m screener``."""

import sys

from screener.cli import main

sys.exit(main())
