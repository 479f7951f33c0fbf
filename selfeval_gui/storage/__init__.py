"""Project files on disk: the `.jxzp` format, atomic saves, recovery copies. No Qt."""
