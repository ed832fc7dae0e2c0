"""The public change log: /changes/ and /data/changes.json (events computed by build.history)."""
from __future__ import annotations

import json
from typing import Iterator

import jinja2

from .base import Output, Sink
from .context import SiteContent


class ChangesPage(Output):
    name = "change log"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        labels = {rtype.name: rtype.short_label for rtype in site.registry}
        yield "changes/index.md", env.get_template("changes.html").render(events=site.events, labels=labels)

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        sink.file("data/changes.json", json.dumps({"as_of": site.as_of.isoformat(), "events": site.events},
                                                  ensure_ascii=False, indent=1))
