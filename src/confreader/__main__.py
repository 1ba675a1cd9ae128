"""`python -m confreader` runs the same entry point as the console script."""
import sys

from confreader.cli import main

sys.exit(main())
