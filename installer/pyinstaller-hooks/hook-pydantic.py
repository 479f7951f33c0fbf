# Replaces the contributed hook, which collects every pydantic submodule including the
# pydantic.v1 compatibility package that selfeval.spec excludes (it serves pydantic-1 models
# only): the same list without it.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("pydantic", filter=lambda name: not name.startswith("pydantic.v1"))
