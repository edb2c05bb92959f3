"""The copy of the last applied payload (`last-feed.json`), kept to rebuild a damaged database.

The copy is written on a thread while the payload is applied (writing and syncing 13 MB to
disk takes as long as a tenth of a large sync), and replaces the old copy only once the
database has committed: a payload that was held back or failed never becomes the copy.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

LAST_FEED_FILENAME = "last-feed.json"


class LastFeedCopy:
    """Starts writing `raw` to a temporary file next to `last-feed.json` at once."""

    def __init__(self, data_dir: Path, raw: bytes):
        self.target = Path(data_dir) / LAST_FEED_FILENAME
        self._tmp = self.target.with_name(self.target.name + ".tmp")
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._write, args=(raw,), name="last-feed", daemon=True)
        self._thread.start()

    def _write(self, raw: bytes) -> None:
        try:
            with open(self._tmp, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            self._error = exc

    def keep(self) -> None:
        """Make the copy `last-feed.json` (atomic replace); raises OSError if it could not be written."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        os.replace(self._tmp, self.target)

    def drop(self) -> None:
        """Forget the copy; the previous `last-feed.json` stays."""
        self._thread.join()
        self._tmp.unlink(missing_ok=True)
