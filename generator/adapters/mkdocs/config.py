"""mkdocs.yml as the generator needs it, read by MkDocs' own loader so INHERIT, !ENV and both spellings of
`plugins:` mean here exactly what they mean to the build.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from ...assemble.plan import SiteConfig

PLUGIN = "disclosure"


class SiteConfigError(Exception):
    """mkdocs.yml cannot be used; the message is for the clerk."""


def site_config_of(config: MkDocsConfig) -> SiteConfig:
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise SiteConfigError(f"mkdocs.yml 的 plugins 中没有启用 {PLUGIN} 插件")
    theme = config.theme.custom_dir
    return SiteConfig(Path(config.config_file_path).resolve(), Path(config.docs_dir), Path(config.site_dir),
                      Path(theme) if theme else None, config.site_url or "", dict(plugin.options),
                      config.site_name or "", _blog_slugs(config), _page_texts(config))


def _page_texts(config: MkDocsConfig) -> dict[str, str]:
    """Settings the theme prints on every page, by their name in mkdocs.yml (checked like other texts)."""
    texts = {"site_name": config.site_name or "", "site_description": config.site_description or "",
             "copyright": config.copyright or ""}
    short = (config.extra or {}).get("short_name")
    if short is not None:
        texts["extra.short_name"] = str(short)
    for n, line in enumerate((config.extra or {}).get("hotlines") or []):
        if isinstance(line, dict):
            texts[f"extra.hotlines.{n}"] = " ".join(str(line.get(key, "")) for key in ("label", "number"))
    footer = (config.extra or {}).get("footer")
    if isinstance(footer, dict):
        texts.update({f"extra.footer.{key}": str(value) for key, value in footer.items() if value is not None})
    return texts


def _blog_slugs(config: MkDocsConfig) -> dict:
    """How Material's blog makes the address of a post from its title and of a category from its name."""
    blog = config.plugins.get("material/blog")
    if blog is None or not blog.config.enabled:
        return {}
    c = blog.config
    return {"post": lambda text: c.post_slugify(text, c.post_slugify_separator),
            "category": lambda text: c.categories_slugify(text, c.categories_slugify_separator)}


def load(config_file: Path, **overrides) -> MkDocsConfig:
    """MkDocs' configuration object; its own problems become one SiteConfigError."""
    try:
        return load_config(str(config_file), **overrides)
    except (MkDocsException, OSError, ValueError) as exc:  # MkDocs' Abort is a MkDocsException and a SystemExit
        raise SiteConfigError(f"mkdocs.yml 有误：{exc}（详见上方 MkDocs 的说明）") from None


def read_site_config(config_file: Path) -> SiteConfig:
    """The generator's view of mkdocs.yml, without MkDocs' warnings (they belong to the build that follows)."""
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return site_config_of(load(config_file))
    finally:
        logger.setLevel(level)  # the build that may follow must still see, and count, MkDocs' warnings
