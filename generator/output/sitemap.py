"""sitemap.xml listing every page of the site: the theme's pages, then the generated ones. Past 50,000
addresses (the protocol's limit for one file) sitemap.xml becomes an index of sitemap-N.xml files."""
from __future__ import annotations

import gzip
from xml.sax.saxutils import escape as xml_escape

import jinja2

from .base import Output, Sink
from .context import SiteContent

PER_FILE = 50_000
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _urlset(site_url: str, urls: list[str]) -> str:
    entries = "".join(f"\n    <url>\n         <loc>{xml_escape(site_url + url)}</loc>\n    </url>" for url in urls)
    return HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + entries + "\n</urlset>"


class Sitemap(Output):
    name = "sitemap"
    lists_pages = True

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        urls = sink.page_urls
        if len(urls) <= PER_FILE:
            text = _urlset(site.site_url, urls)
        else:
            parts = [urls[i:i + PER_FILE] for i in range(0, len(urls), PER_FILE)]
            for n, part in enumerate(parts, start=1):
                sink.file(f"sitemap-{n}.xml", _urlset(site.site_url, part))
            text = HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(
                f"\n    <sitemap>\n         <loc>{xml_escape(site.site_url)}sitemap-{n}.xml</loc>\n    </sitemap>"
                for n in range(1, len(parts) + 1)) + "\n</sitemapindex>"
        sink.file("sitemap.xml", text)
        sink.file("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {site.site_url.rstrip('/')}/sitemap.xml\n")
        sink.file("sitemap.xml.gz", gzip.compress(text.encode("utf-8"), mtime=0))
