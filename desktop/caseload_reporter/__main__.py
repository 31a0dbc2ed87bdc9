"""``python -m caseload_reporter``: the same as the ``caseload-reporter`` command."""

import sys

from caseload_reporter.cli import main

sys.exit(main())
