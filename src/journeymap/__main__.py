"""`python -m journeymap` runs the command-line tool."""

from journeymap.console import main

if __name__ == "__main__":
    main()
