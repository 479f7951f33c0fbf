"""Start of the frozen editor, `selfeval-gui` (windowed on Windows). See selfeval.spec."""

import sys

from selfeval_gui.app import main

sys.exit(main())
