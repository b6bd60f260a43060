"""`python -m casus` runs the CLI."""

from casus.cli import main

main()
