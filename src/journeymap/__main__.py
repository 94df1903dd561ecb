"""`python -m journeymap` runs the command-line tool."""

from journeymap.cli.console import main

if __name__ == "__main__":
    main()
