"""The frozen app's entry point: the same ``main`` as the installed ``caseload-reporter`` command."""

import sys

from caseload_reporter.cli import main

if __name__ == "__main__":
    sys.exit(main())
