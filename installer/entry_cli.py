"""Start of the frozen command line, `selfeval` (a console program). See selfeval.spec."""

import sys

from selfeval_gui.cli import script

sys.exit(script())
