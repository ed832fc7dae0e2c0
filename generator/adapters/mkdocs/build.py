"""Running MkDocs for a plan the command line made: into a folder of its choosing, with the plan bound."""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.exceptions import MkDocsException

from ...assemble.pipeline import Prepared
from ...assemble.site import Built, ThemeJob, build_site
from ...assemble.writer import DuplicatePath, MissingFrame
from .config import PLUGIN, load
from .plugin import ThemeResult


class BuildFailed(Exception):
    """MkDocs, the theme or a template failed; the message is for the clerk."""


def render(prepared: Prepared, target: Path | None = None, clean: bool = False) -> Built:
    """The whole site for a prepared plan, into target (the plan's site folder by default), going live only
    when everything is written; clean: nothing an earlier build left is trusted."""
    return build_site(prepared, theme, target, clean, engine_inputs)


def engine_inputs(prepared: Prepared) -> str:
    """A digest of what MkDocs reads itself: mkdocs.yml, every file under the content folder, and the versions
    of MkDocs, Material and the Markdown extensions (the theme's own templates are in the plan's digest).
    Not included: environment variables that mkdocs.yml reads with !ENV (build --clean after changing one)."""
    site = prepared.plan.site
    h = hashlib.sha1(site.config_file.read_bytes())
    for package in PACKAGES:
        h.update(f"\x00{package}={_version(package)}".encode())
    for path in sorted(site.docs_dir.rglob("*")):
        if path.is_file():
            h.update(b"\x00" + path.relative_to(site.docs_dir).as_posix().encode() + b"\x00")
            h.update(path.read_bytes())
    return h.hexdigest()


PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "markupsafe")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def theme(prepared: Prepared, job: ThemeJob, into: Path) -> ThemeResult:
    """MkDocs builds the hand-written pages, the job's Markdown pages and the frames into `into`."""
    plan = prepared.plan
    config = load(plan.site.config_file, site_dir=str(into), strict=plan.strict)
    plugin = config.plugins[PLUGIN]
    plugin.bind(prepared, job)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (MkDocsException, jinja2.TemplateError, DuplicatePath, MissingFrame, OSError) as exc:
        raise BuildFailed(str(exc)) from exc
    finally:
        config.plugins.on_shutdown()
    return plugin.theme
