"""`python -m powderkeg` runs the CLI."""

from powderkeg.cli import main

if __name__ == "__main__":
    main()
