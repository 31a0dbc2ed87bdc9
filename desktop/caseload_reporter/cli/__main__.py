"""``python -m caseload_reporter.cli``: the same as the installed command."""

import sys

from caseload_reporter.cli import main

sys.exit(main())
