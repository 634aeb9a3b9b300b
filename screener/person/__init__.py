"""The person's answers: the profile, ALSFRS-R scores, and the questionnaire that asks for them.

Importing this package switches pydantic plugins off for the process
(``PYDANTIC_DISABLE_PLUGINS=__all__``), before any model here is built. A pydantic plugin,
any installed package that registers the ``pydantic`` entry point (tracing and logging
tools do), is handed every value a model validates; the models here validate a person's
health answers, which reach no log, service or file (privacy standard). It also spares
every start-up a scan of all installed packages' metadata for plugins.
"""

import os

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

__all__ = []
