"""selfeval_gui: prepares a department's 部门整体支出预算绩效自评报告."""

import os

__version__ = "0.1.0"


def without_pydantic_plugins() -> None:
    """Our programs use no pydantic plugins: spare them pydantic's search for some, which reads
    the entry points of every installed distribution as the first report model class is built.
    Called first by each program (the editor, `selfeval`), never on import, so that a program
    that imports our package keeps its plugins. An explicit setting is kept."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
