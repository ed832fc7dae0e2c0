"""The preview: MkDocs' own development server, rebuilding when content, data or theme change (the plugin
watches data/ too), with the day a rebuild judges by passed down from the command line."""
from __future__ import annotations

import os
import signal
from datetime import date
from pathlib import Path

from mkdocs.commands.serve import serve

from .plugin import AS_OF_VARIABLE


def preview(config_file: Path, dev_addr: str, as_of: date | None) -> None:
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    if as_of:
        os.environ[AS_OF_VARIABLE] = as_of.isoformat()
    # Stopped by a service manager (SIGTERM) as by Ctrl+C: MkDocs then removes the temporary folder it previews
    # from (a whole site, in the system's temporary folder), which a plain SIGTERM would leave behind each time.
    signal.signal(signal.SIGTERM, _interrupt)
    serve(str(config_file), dev_addr=dev_addr, livereload=True)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
