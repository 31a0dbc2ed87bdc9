"""What the command's exit status means, the same for every subcommand."""

# 0: done; 1: done but failing (a report with accessibility errors, a file that could not be written);
# 2: the command line itself is wrong; 3: the inputs (files, data) cannot give what was asked.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3
