"""Running MkDocs for a plan the command line made: into a folder of its choosing, with the plan bound."""
from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.exceptions import MkDocsException

from ...build.pipeline import Prepared
from ...build.writer import DuplicatePath
from .config import PLUGIN, load


class BuildFailed(Exception):
    """MkDocs, the theme or a template failed; the message is for the clerk."""


def render(prepared: Prepared, into: Path) -> None:
    plan = prepared.plan
    config = load(plan.site.config_file, site_dir=str(into), strict=plan.strict)
    config.plugins[PLUGIN].bind(prepared)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (MkDocsException, jinja2.TemplateError, DuplicatePath, OSError) as exc:
        raise BuildFailed(str(exc)) from exc
    finally:
        config.plugins.on_shutdown()
