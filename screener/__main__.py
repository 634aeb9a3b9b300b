"""Entry point of ``python -m screener``."""

import sys

from screener.cli.main import main

sys.exit(main())
