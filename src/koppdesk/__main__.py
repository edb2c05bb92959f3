"""`python -m koppdesk` behaves like the `koppdesk` command."""

import sys

from koppdesk.cli import main

sys.exit(main())
