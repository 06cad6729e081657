"""`python -m diag` runs the command line."""

from diag.cli import main

main()
