"""Runs the outputs: their Markdown sources and snippets for the theme engine, then their files and themed
pages into the folder being built. A path is never written twice, and never over a page the theme built.

Writing is incremental: a file whose content the folder already holds is not written again, and a page made
from the same inputs (its records, and what its template looked up about other records) as in an earlier
build is not even made again: its bytes are already there, or are copied from the live site.
"""
from __future__ import annotations

import copy
import hashlib
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from markupsafe import escape

from ..core.timing import add_phase, phase, step
from ..output import OUTPUTS
from ..output.base import Output
from .cache import Store
from .pipeline import Prepared


@dataclass(frozen=True)
class Frame:
    """The themed page around a body, split at the body. Filled by string replacement: fast at any scale."""

    head: str
    tail: str
    title_marker: str
    path_marker: str
    heading_marker: str = ""  # in the head, where the page's H1 goes (the title, unless a heading is given)

    def page(self, title: str, path: str, body: str, heading: str | None = None) -> str:
        safe_title = str(escape(title))
        head = self.head
        if self.heading_marker:
            head = head.replace(self.heading_marker, str(escape(title if heading is None else heading)))
        return (head.replace(self.title_marker, safe_title).replace(self.path_marker, path)
                + body + self.tail.replace(self.title_marker, safe_title).replace(self.path_marker, path))


class DuplicatePath(Exception):
    """Two outputs, or an output and the theme engine, want the same file: a bug or a content clash."""


class MissingFrame(Exception):
    """A page is wanted at a depth the theme engine made no frame for (adapters/mkdocs/frame.DEPTHS)."""


@dataclass
class Written:
    """What a writer did: merged from every process that wrote part of the site."""

    files: dict[str, str] = field(default_factory=dict)  # path -> content digest
    pages: dict[str, tuple] = field(default_factory=dict)  # url -> (inputs key, lookups, lookups digest, digest)
    urls: list[str] = field(default_factory=list)  # pages written with page(), in order
    made: int = 0  # pages rendered
    reused: int = 0  # pages taken as they were
    timings: dict[str, float] = field(default_factory=dict)  # seconds per output, in the process that wrote
    linked: list[str] = field(default_factory=list)  # paths to take from the live site: see link_from_live()
    # whole output -> (inputs key, {path: digest}, [page urls in order])
    outputs: dict[str, tuple] = field(default_factory=dict)


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class SiteWriter:
    """The Sink the outputs write to (output.base.Sink)."""

    def __init__(self, site_dir: Path, frames: dict[int, Frame], theme_pages: list[str],
                 theme_files: frozenset[str] = frozenset(), theme_documents: list[dict] | None = None, *,
                 holds: dict[str, str] | None = None, live: tuple[Path, dict[str, str]] | None = None,
                 pages_before: dict[str, tuple] | None = None, context: str = "", site=None,
                 outputs_before: dict[str, tuple] | None = None, memory: tuple[Store, str] | None = None):
        """frames: the themed page around a body, for each depth a page can have (cases/x/ is 2);
        theme_pages: addresses of the pages the theme engine built, in order; theme_files: every path it wrote
        (never overwritten); theme_documents: the hand-written ones' url, title and text.

        holds: path -> digest of what site_dir already holds (trusted); live: the live site's folder and what
        it holds; pages_before: what made each page last time; context: a digest of all else a page depends
        on (templates, settings, program); site: the SiteContent, to check what templates looked up;
        outputs_before: what made each whole output (search index, downloads) last time, and its files;
        memory: the cache and this site's name in it, for what outputs remember() between builds.
        Without them every file is written."""
        self.site_dir = site_dir
        self.frames = frames
        self.theme_files = frozenset(theme_files)
        self._theme_pages = list(theme_pages)
        self._documents = list(theme_documents or [])
        self.holds = holds or {}
        self.live = live
        self.pages_before = pages_before or {}
        self.outputs_before = outputs_before or {}
        self.memory = memory
        self.frame_digests = {depth: digest((f.head + "\x00" + f.tail).encode()) for depth, f in frames.items()}
        self.frames_digest = digest("|".join(self.frame_digests[d] for d in sorted(self.frame_digests)).encode())
        self.context = context
        self.site = site
        self.out = Written()
        # files kept from the live site are linked at the end (link_from_live), and only if the site differs from
        # the live one; where outputs run anyway, their workers link what they keep as they go, on all cores
        self.defer_links = True

    def part_writer(self) -> "SiteWriter":
        """The same writer with its own record of what it writes (a part of the outputs, in a worker or not)."""
        part = copy.copy(self)
        part.out = Written()
        return part

    # --- Sink --------------------------------------------------------------------------------------------
    def file(self, path: str, data: str | bytes) -> None:
        if path in self.out.files or path in self.theme_files:
            raise DuplicatePath(f"two outputs want the same path: {path}")
        data = data.encode("utf-8") if isinstance(data, str) else data
        sha = digest(data)
        self.out.files[path] = sha
        if self.holds.get(path) == sha:
            return  # the folder holds this content already
        put(self.site_dir / path, data)

    def written(self, path: str) -> str:
        return self.out.files[path]

    def previous(self, path: str, sha: str) -> Path | None:
        if self.holds.get(path) == sha:
            return self.site_dir / path
        if self.live is not None and self.live[1].get(path) == sha:
            return self.live[0] / path
        return None

    def keep(self, path: str, sha: str) -> bool:
        if not self._available(path, sha):
            return False
        self._keep(path, sha)
        return True

    def recall(self, name: str):
        if self.memory is None:
            return None
        store, site = self.memory
        return store.recall(MEMORY, _memory_name(site, name), self.context)

    def remember(self, name: str, value) -> None:
        if self.memory is not None:
            store, site = self.memory
            store.remember(MEMORY, _memory_name(site, name), self.context, value)

    @contextmanager
    def stream(self, path: str) -> Iterator[BinaryIO]:
        """A file written bit by bit (a large download): into a temporary file beside it, which replaces it
        unless the folder already holds the same content."""
        if path in self.out.files or path in self.theme_files:
            raise DuplicatePath(f"two outputs want the same path: {path}")
        self.out.files[path] = ""
        target = self.site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.part")
        try:
            with open(partial, "w+b") as stream:
                yield stream
                stream.seek(0)
                sha = hashlib.sha1()
                while chunk := stream.read(1 << 20):
                    sha.update(chunk)
            self.out.files[path] = sha.hexdigest()
            if self.holds.get(path) == self.out.files[path]:
                partial.unlink()
            else:
                os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)

    def page(self, url: str, title: str, body: str, inputs: str | None = None, lookups: list | None = None,
             heading: str | None = None) -> None:
        frame = self.frames.get(url.count("/"))
        if frame is None:
            raise MissingFrame(f"no frame for a page {url.count('/')} folders deep: {url}")
        data = frame.page(title, url, body, heading).encode("utf-8")
        self.file(url + "index.html", data)
        self.out.urls.append(url)
        self.out.made += 1
        if inputs is not None and self.site is not None:
            self.out.pages[url] = (self._key(url, inputs), lookups or [], self.site.lookups_digest(lookups or []),
                                   self.out.files[url + "index.html"])

    def reuse(self, url: str, inputs: str) -> bool:
        """Whether the page at url comes out as last time; if so it is put in place without being made."""
        before = self.pages_before.get(url)
        if before is None or self.site is None:
            return False
        key, lookups, lookups_digest, sha = before
        if key != self._key(url, inputs) or self.site.lookups_digest(lookups) != lookups_digest:
            return False
        if not self.keep(url + "index.html", sha):
            return False
        self.out.urls.append(url)
        self.out.pages[url] = before
        self.out.reused += 1
        return True

    def reuse_output(self, name: str, inputs: str) -> bool:
        """Whether a whole output (all its files and pages) comes out as last time from these inputs; if so
        its files are put in place without it running."""
        before = self.outputs_before.get(name)
        key = self.output_key(inputs)
        if (before is None or len(before) != 3 or before[0] != key
                or not all(self._available(p, s) for p, s in before[1].items())):
            return False
        for path, sha in before[1].items():
            self._keep(path, sha)
        for url in before[2]:
            self.out.urls.append(url)
            if url in self.pages_before:  # what made each page, for a later build that changes some
                self.out.pages[url] = self.pages_before[url]
        self.out.reused += len(before[2])
        self.out.outputs[name] = before
        return True

    def output_key(self, inputs: str) -> str:
        """Its inputs with all else its files depend on: the frames around its pages, the templates, settings
        and program."""
        return digest(f"{inputs}|{self.frames_digest}|{self.context}".encode())

    def _available(self, path: str, sha: str) -> bool:
        """The folder being written, or the live site, holds this content at path."""
        if path in self.out.files or path in self.theme_files:
            raise DuplicatePath(f"two outputs want the same path: {path}")
        return self.holds.get(path) == sha or (self.live is not None and self.live[1].get(path) == sha)

    def _keep(self, path: str, sha: str) -> None:
        """Keep the file the folder or the live site holds (checked with _available): one the folder lacks is
        taken from the live site (see defer_links)."""
        if self.holds.get(path) != sha:
            if self.defer_links:
                self.out.linked.append(path)
            else:
                link_from_live(self.live[0], self.site_dir, [path])
        self.out.files[path] = sha

    def _key(self, url: str, inputs: str) -> str:
        return digest(f"{inputs}|{self.frame_digests.get(url.count('/'), '')}|{self.context}".encode())

    @property
    def theme_documents(self) -> list[dict]:
        return self._documents

    @property
    def page_urls(self) -> list[str]:
        return self._theme_pages + self.out.urls


MEMORY = "outputs-memory"  # the cache's folder for what outputs remember between builds


def _memory_name(site: str, output: str) -> str:
    return f"{site}-{output.replace(' ', '-')}"


def sources(prepared: Prepared, outputs: tuple[Output, ...] = OUTPUTS) -> dict[str, str]:
    """Path under content/ -> Markdown of every generated page the theme engine renders."""
    pages: dict[str, str] = {}
    for output in outputs:
        for uri, text in output.sources(prepared.content, prepared.env):
            if uri in pages:
                raise DuplicatePath(f"two outputs want the same page: {uri}")
            pages[uri] = text
    return pages


def snippets(prepared: Prepared, outputs: tuple[Output, ...] = OUTPUTS) -> dict[str, str]:
    found: dict[str, str] = {}
    for output in outputs:
        found.update(output.snippets(prepared.content, prepared.env))
    return found


def write(prepared: Prepared, writer: SiteWriter, outputs: tuple[Output, ...] = OUTPUTS) -> None:
    """Every output in turn, in this process (plain `mkdocs build`, tests)."""
    for output in outputs:
        with phase(output.name):
            output.write(prepared.content, prepared.env, writer)


PAGES_AND_FILES = "pages and files"
# Below this many public records, starting worker processes costs more than it saves (measured: 300 cases
# build as fast on one core as on two, 3,000 cases 26 % faster on two).
PARALLEL_FROM = 1000


def write_parallel(prepared: Prepared, writer: SiteWriter, outputs: tuple[Output, ...] = OUTPUTS) -> Written:
    """Every output, split into jobs run on all cores; the sitemap-like outputs that list every page (`last`)
    run afterwards in this process with the pages of all jobs. An output whose inputs are as last time is not
    run: its files are kept. Returns what was written."""
    from . import parallel

    site = prepared.content
    public = sum(len(entries) for entries in site.entries.values())
    processes = parallel.workers() if public >= PARALLEL_FROM else 1
    jobs: list[tuple[int, int, int]] = []
    kept: dict[int, Written] = {}
    keys: dict[int, str] = {}
    with phase(PAGES_AND_FILES):
        for index, output in enumerate(outputs):
            if output.lists_pages:
                continue
            with phase(output.name):  # in this process, before the fork: the workers inherit entry digests
                inputs = output.inputs(site, writer)
                if inputs is not None:
                    keys[index] = writer.output_key(inputs)
                    own = writer.part_writer()
                    if own.reuse_output(output.name, inputs):
                        kept[index] = own.out
                        continue
            parts = processes * 4 if output.parts and processes > 1 else 1
            jobs += [(index, part, parts) for part in range(parts)]
        jobs.sort(key=lambda job: -outputs[job[0]].weight)  # the largest first: the cores finish together
        writer.defer_links = not jobs  # something runs: not a rebuild with nothing changed
        state = {"prepared": prepared, "writer": writer, "outputs": outputs}
        # The largest job that goes through every entry runs here, beside the workers (one only: two would run
        # one after the other, where a rebuild that changed one record has little else to do).
        mine = next((job for job in jobs if outputs[job[0]].every_entry), None)
        results = dict(zip(jobs, parallel.run(_output_job, jobs, state, processes, fresh=True,
                                              on_done=lambda done, total: step(PAGES_AND_FILES, done, total),
                                              here=lambda job: job == mine)))
    for index, output in enumerate(outputs):  # in output order, parts in order: as one process writes them
        if output.lists_pages:
            continue
        done = kept.get(index) or _merged([results[job] for job in sorted(results) if job[0] == index])
        if index in keys and index not in kept:
            done.outputs[output.name] = (keys[index], dict(done.files), list(done.urls))
        clash = done.files.keys() & writer.out.files.keys()
        if clash:
            raise DuplicatePath(f"two outputs want the same path: {sorted(clash)[0]}")
        writer.out.files.update(done.files)
        writer.out.pages.update(done.pages)
        writer.out.urls += done.urls
        writer.out.made += done.made
        writer.out.reused += done.reused
        writer.out.linked += done.linked
        writer.out.outputs.update(done.outputs)
        for name, seconds in done.timings.items():
            add_phase(name, seconds)
    for output in outputs:
        if output.lists_pages:
            with phase(output.name):
                output.write(prepared.content, prepared.env, writer)
    return writer.out


def _merged(parts: list[Written]) -> Written:
    """What the parts of one output wrote, as one."""
    whole = Written()
    for part in parts:
        whole.files.update(part.files)
        whole.pages.update(part.pages)
        whole.urls += part.urls
        whole.made += part.made
        whole.reused += part.reused
        whole.linked += part.linked
        for name, seconds in part.timings.items():
            whole.timings[name] = whole.timings.get(name, 0.0) + seconds
    return whole


def _output_job(state: dict, job: tuple[int, int, int]) -> Written:
    index, part, parts = job
    writer = state["writer"].part_writer()
    output = state["outputs"][index]
    started = time.perf_counter()
    output.write(state["prepared"].content, state["prepared"].env, writer, part, parts)
    writer.out.timings[output.name] = time.perf_counter() - started
    return writer.out


def remove_stale(site_dir: Path, keep: set[str], before: set[str]) -> int:
    """Delete the files a folder held that this build did not write, and folders left empty."""
    removed = 0
    folders: set[Path] = set()
    for path in before - keep:
        target = site_dir / path
        try:
            target.unlink()
            removed += 1
            folders.add(target.parent)
        except FileNotFoundError:
            pass
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        while folder != site_dir:
            try:  # not by listing it first: cases/ holds a folder for every record
                folder.rmdir()
            except OSError:  # not empty (or already gone)
                break
            folder = folder.parent
    return removed


def link_from_live(live_dir: Path, site_dir: Path, paths: list[str]) -> None:
    """Put the live site's files at paths into the folder being written: the live file itself (a hard link),
    not a copy, as files are never written in place (put())."""
    for path in paths:
        target = fresh(site_dir / path)
        try:
            os.link(live_dir / path, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(live_dir / path, target)


def kept_files(files: dict[str, str], holds: dict[str, str],
               live: tuple[Path, dict[str, str]] | None) -> list[str] | None:
    """Files an earlier build wrote (path -> digest), each held by the folder being written or by the live
    site: the paths to take from the live site (link_from_live); None when neither holds one of them any more."""
    if not all(holds.get(path) == sha or (live is not None and live[1].get(path) == sha)
               for path, sha in files.items()):
        return None
    return [path for path, sha in files.items() if holds.get(path) != sha]


def sync_theme(source: Path, site_dir: Path, holds: dict[str, str]) -> dict[str, str]:
    """Copy what the theme engine built (in a folder of its own) into the site folder, file by file where the
    content differs. Returns path -> digest of every file."""
    files: dict[str, str] = {}
    for top, _, names in os.walk(source):
        for name in names:
            full = Path(top) / name
            rel = full.relative_to(source).as_posix()
            data = full.read_bytes()
            sha = digest(data)
            files[rel] = sha
            if holds.get(rel) != sha:
                put(site_dir / rel, data)
    return files


def put(target: Path, data: bytes) -> None:
    """Write a file of the folder being built as a new file: one kept from the live site is a hard link to the
    live file (SiteWriter._keep), which writing in place would change under the readers of the live site."""
    with open(fresh(target), "wb") as stream:
        stream.write(data)


def fresh(target: Path) -> Path:
    """The path with its folder made and no file at it (a hard link is unlinked, never written through)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    return target
