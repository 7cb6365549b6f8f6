"""``python -m benchmarks``: every benchmark in one run (see ``benchmarks/run.py``)."""

import sys

from .run import main

sys.exit(main())
