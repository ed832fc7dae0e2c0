"""A whole site written for a plan, incrementally: the theme engine builds its pages into a folder of its own,
then the outputs are written on all cores into the generation that is not live, only what changed is
written, what is gone is deleted, and the generation goes live with one rename (build/generations.py).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from ..core.timing import phase
from . import cache, generations, staging
from .pipeline import Prepared
from ..output.feeds import feeds_of
from ..output.guide_records import marker as guide_marker
from .writer import (SiteWriter, kept_files, link_from_live, remove_stale, snippets, sources, sync_theme,
                     write_parallel)


@dataclass(frozen=True)
class ThemeJob:
    """What the theme engine is asked to render, besides the hand-written pages it reads itself: everything it
    needs from the generator, so that another engine is another adapter (ARCHITECTURE.md)."""

    sources: dict[str, str]  # path under content/ -> Markdown of a generated page (lists, campaigns, data page …)
    snippets: dict[str, str]  # marker -> Markdown, where a hand-written page holds the marker
    appendix: dict[str, str]  # a hand-written page's address -> Markdown added at its end (a guide's record box)
    pages: tuple  # hand-written pages as intake normalised them (intake.pages.Page): read those, not the files
    feeds: tuple[tuple[str, str, str], ...]  # (title, RSS path, Atom path) every page announces in its head
    # campaign id -> its title, authority and address: what a bulletin naming the campaign shows under its heading
    campaigns: dict[str, dict] = field(default_factory=dict)


def theme_job(prepared: Prepared) -> ThemeJob:
    content = prepared.content
    return ThemeJob(sources(prepared), snippets(prepared),
                    {guide.url: guide_marker(guide.url) for guide in content.guides},
                    prepared.plan.inspection.pages,
                    tuple((feed.title, *feed.paths()) for feed in feeds_of(prepared.plan.registry)),
                    {c.id: {"title": c.title, "authority": c.authority, "url": f"campaigns/{c.id}/"}
                     for c in prepared.plan.inspection.dataset.campaigns})


class Theme(Protocol):
    """What the theme engine built (adapters/mkdocs/plugin.ThemeResult)."""

    frames: dict  # depth -> writer.Frame: the themed page around a body, for record pages at that depth
    pages: list[str]  # addresses of the pages it built, in order
    files: frozenset[str]  # every file it wrote (never written over)
    documents: list[dict]  # url, title and plain text of each hand-written page, for the search index


@dataclass(frozen=True)
class Built:
    pages_made: int
    pages_reused: int
    files: int
    removed: int


def context_digest(prepared: Prepared) -> str:
    """All a page depends on besides its records and what its template looks up: the templates, the
    settings, the site's address and the program."""
    plan = prepared.plan
    h = hashlib.sha1(cache.code_version().encode())
    h.update(repr(plan.settings).encode())
    h.update(plan.site.site_url.encode())
    if plan.site.theme_dir:
        for path in sorted(plan.site.theme_dir.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(plan.site.theme_dir).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def theme_key(prepared: Prepared, engine_inputs: str) -> str:
    """All the theme engine's result depends on: what the engine itself reads (engine_inputs: its configuration,
    the hand-written pages, its version), the templates, settings and program, all the SiteContent holds (the
    job is made from it), the persons' names the hand-written pages are masked with, the day judged by and
    today."""
    plan = prepared.plan
    return cache.key("theme", engine_inputs, context_digest(prepared), prepared.content.content_digest(),
                     "\x00".join(sorted(plan.inspection.names)), plan.as_of, plan.today, plan.strict)


def build_site(prepared: Prepared, theme_engine: Callable[[Prepared, ThemeJob, Path], Theme],
               target: Path | None = None, clean: bool = False,
               engine_inputs: Callable[[Prepared], str] | None = None) -> Built:
    """Into target (the plan's site folder by default). Raises what the theme engine raises; the live site is
    then untouched. clean: trust nothing an earlier build left (files changed by hand are put right).
    engine_inputs: a digest of what the theme engine reads itself; given, the engine is not run when its
    result would be the same as last time, whose files are then kept."""
    plan = prepared.plan
    target = target or plan.output_dir
    store = cache.Store(plan.site.root / plan.settings.history_dir)
    generation = generations.next_generation(target, store.folder)
    trusted = generation.trusted and not clean
    holds = generation.manifest if trusted else {}
    before = set(holds) if trusted else generation.existing_files()
    live = {} if clean else generations.live_manifest(target, store.folder)
    live_site = (target.resolve(), live) if live else None
    pages_key = generations.slug(target)
    temporary = staging.create(target)
    done = False
    try:
        with phase("theme engine"):
            key = theme_key(prepared, engine_inputs(prepared)) if engine_inputs else None
            last = None if clean or key is None else store.recall("theme", pages_key, key)
            theme_links = None if last is None else kept_files(last[1], holds, live_site)
            if theme_links is not None:
                theme, theme_files = last
            else:
                theme = theme_engine(prepared, theme_job(prepared), temporary)
                theme_files = sync_theme(temporary, generation.path, holds)
                theme_links = []
        writer = SiteWriter(generation.path, theme.frames, theme.pages, frozenset(theme_files), theme.documents,
                            holds=holds, live=live_site,
                            pages_before=_dict(None if clean else store.get("pages", pages_key)),
                            context=context_digest(prepared), site=prepared.content,
                            outputs_before=_dict(None if clean else store.get("outputs", pages_key)),
                            memory=(store, pages_key))
        written = write_parallel(prepared, writer)
        files = {**theme_files, **written.files}
        deferred = theme_links + written.linked  # files still to take from the live site
        if live and files == live and (trusted or not before):
            # the live site as it is (a rebuild with nothing changed): it stays live, and the folder written keeps
            # what it held (known: trusted, or empty) and now holds every file of the site but those deferred
            removed = 0
            skipped = set(deferred)
            generations.settle(generation, target, store.folder,
                               {**holds, **{path: sha for path, sha in files.items() if path not in skipped}})
        else:
            with phase("take unchanged files from the live site"):
                link_from_live(target.resolve(), generation.path, deferred)
            with phase("remove what is gone"):
                removed = remove_stale(generation.path, set(files), before)
            with phase("swap"):
                retired = generations.live_name(target)
                generations.complete(generation, target, store.folder, files)
                if clean and retired:  # hand edits there too: the build that next writes it trusts nothing
                    generations.distrust(generations.folder_of(target) / retired)
        store.put("pages", pages_key, written.pages)
        if key is not None:
            store.remember("theme", pages_key, key, (theme, theme_files))
        store.put("outputs", pages_key, written.outputs)
        done = True
    finally:
        if not done:  # failed or interrupted (Ctrl+C too): the half-written generation goes, the live one stays
            generations.discard(generation)
        staging.discard(temporary)
    return Built(written.made, written.reused, len(files), removed)
