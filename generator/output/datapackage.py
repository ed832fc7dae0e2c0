"""datapackage.json (Frictionless Data Package v1) describing every download: each file with its format and
the table's fields and types, from the same columns the downloads and the data dictionary page use, with the
terms of reuse from the settings."""
from __future__ import annotations

import json

import jinja2

from .base import Output, Sink
from .context import SiteContent
from .downloads import AMOUNT_UNIT, FORMATS, tables

MEDIA = {"CSV": "text/csv", "JSON": "application/json",
         "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def package(site: SiteContent) -> dict:
    settings = site.settings
    resources = []
    for table in tables(site):
        # A field's name is the header as the file has it (Chinese); its English identifier, the JSON key, is
        # stated in its description.
        schema = {"fields": [{"name": c.label, "type": c.datatype,
                              "description": "；".join(x for x in (c.doc, f"JSON 键名 {c.id}") if x)}
                             for c in table.columns]}
        for fmt in FORMATS:
            resource = {"name": f"{table.stem.replace('_', '-')}-{fmt.lower()}", "title": f"{table.label}（{fmt}）",
                        "description": table.doc, "path": f"{table.stem}.{fmt.lower()}", "format": fmt.lower(),
                        "mediatype": MEDIA[fmt]}
            if fmt == "CSV":
                resource.update(profile="tabular-data-resource", encoding="utf-8-sig", schema=schema,
                                dialect={"delimiter": ",", "lineTerminator": "\r\n", "header": True})
            elif fmt == "XLSX":
                resource.update(profile="tabular-data-resource", schema=schema)
            else:
                resource["description"] += "。对象的 records 数组每项一行，fields 说明各列"
            resources.append(resource)
    licence = {k: v for k, v in (("name", settings.data_license), ("title", settings.data_license_title),
                                  ("path", settings.data_license_url)) if v}
    return {
        "profile": "data-package",
        "name": "disclosure-site-data",
        "title": f"{site.site_name}：公开数据" if site.site_name else "公开数据",
        "description": f"信息截至 {site.as_of}。金额单位为{AMOUNT_UNIT}，日期为 ISO 8601（YYYY-MM-DD）。",
        "homepage": site.permalink("data/"),
        "created": f"{site.as_of}T00:00:00+08:00",
        **({"licenses": [licence]} if licence else {}),
        "resources": resources,
    }


class DataPackage(Output):
    name = "data package"

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        sink.file("data/datapackage.json", json.dumps(package(site), ensure_ascii=False, indent=2) + "\n")
