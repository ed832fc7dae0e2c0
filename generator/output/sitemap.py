"""sitemap.xml (and .gz) listing every page of the site: the theme's pages, then the generated ones."""
from __future__ import annotations

import gzip
from xml.sax.saxutils import escape as xml_escape

import jinja2

from .base import Output, Sink
from .context import SiteContent


class Sitemap(Output):
    name = "sitemap"

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink) -> None:
        urls = "".join(f"\n    <url>\n         <loc>{xml_escape(site.site_url + url)}</loc>\n    </url>"
                       for url in sink.page_urls)
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + "\n</urlset>")
        sink.file("sitemap.xml", text)
        sink.file("sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))
