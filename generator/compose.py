"""What the site is made of, apart from hand-written content: generated pages (Markdown) and files (bytes)."""
from __future__ import annotations

import json

import jinja2

from . import render, write


def site_sources(env: jinja2.Environment, content: render.SiteContent, events: list[dict]
                 ) -> tuple[dict[str, str], dict[str, bytes]]:
    """(src_uri -> Markdown of generated pages, path -> bytes of downloads) for the theme builder to add."""
    pages = render.generated_pages(env, content)
    files = write.MemoryWriter()
    listed = write.downloads(files, content)
    pages["data/index.md"] = env.get_template("data_index.html").render(
        as_of=content.pub.as_of, downloads=listed, dictionary=write.dictionary())
    pages["changes/index.md"] = env.get_template("changes.html").render(events=events)
    files.write("data/changes.json", json.dumps({"as_of": content.pub.as_of.isoformat(), "events": events},
                                                ensure_ascii=False, indent=1))
    return pages, files.files
