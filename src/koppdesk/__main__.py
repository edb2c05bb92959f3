"""Where the `koppdesk` command (pyproject's [project.scripts]) and `python -m koppdesk` start."""

import gc
import sys


def run() -> int:
    # Importing creates many objects that live as long as the program; the cyclic garbage
    # collector would walk them over and over (~3 ms of start-up, bench/startup.py).
    # koppdesk.cli.main() turns it back on; the GUI does so after its first frame.
    gc.disable()
    from koppdesk.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
