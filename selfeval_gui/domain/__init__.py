"""The report, its computations and its rules. Pure Python: no Qt, no I/O."""
