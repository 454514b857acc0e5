"""``python -m ehcp_lint`` runs the command line."""

from ehcp_lint.cli import main

if __name__ == "__main__":
    main()
