"""``python -m mailcheck ...``: see :mod:`mailcheck.cli`."""

import sys

from mailcheck.cli import main

sys.exit(main())
