"""PyInstaller entry for the window: the same function as the `unknot` gui-script."""

import sys

from unknot.app.main import main

sys.exit(main())
