"""The theme's files listed once per process for the installed theme packages: MkDocs lists and filters every
file of every theme folder on each build to find the static files to copy, and Material has ~14,000, nearly all
icons in its hidden .icons folder, which MkDocs's own filter then drops (it copies no hidden file). The listing
leaves hidden files out from the start; the site's own theme folder (custom_dir) is listed afresh each time:
it is what an editor changes while a preview runs. Templates are still found by name whether listed or not."""
from __future__ import annotations

import jinja2

_LISTED: dict[str, tuple[str, ...]] = {}


def list_installed_once(theme) -> None:
    """Make the environments of this MkDocs theme list the files of its installed folders from memory."""
    make_env = theme.get_env
    own = {theme.custom_dir} if theme.custom_dir else set()

    def get_env() -> jinja2.Environment:
        env = make_env()
        loader = env.loader
        if isinstance(loader, jinja2.FileSystemLoader):
            loader.list_templates = lambda: _list(loader.searchpath, own)
        return env

    theme.get_env = get_env


def _list(searchpath: list[str], own: set[str]) -> list[str]:
    found: set[str] = set()
    for folder in searchpath:
        if folder in own:
            found.update(jinja2.FileSystemLoader(folder).list_templates())
        else:
            if folder not in _LISTED:
                _LISTED[folder] = tuple(name for name in jinja2.FileSystemLoader(folder).list_templates()
                                        if not any(part.startswith(".") for part in name.split("/")))
            found.update(_LISTED[folder])
    return sorted(found)
