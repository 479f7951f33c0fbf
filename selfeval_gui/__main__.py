"""`python -m selfeval_gui [FILE]`: the desktop editor (see `selfeval_gui.app`)."""

import sys

from selfeval_gui.app import main

sys.exit(main())
