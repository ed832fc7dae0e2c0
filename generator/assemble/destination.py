"""Where a build may write. The output folder is the generator's own: a build replaces what is there, so it
may only be a folder that does not exist yet, an empty one, or one an earlier build made (a link to one of
its generations, or a folder carrying its marker). Anything else — the project, content/, data/, theme/, a
folder holding files the generator did not write — is refused before anything is touched.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import generations

PROTECTED = {"config": "配置文件所在的网站目录", "docs": "内容目录", "data": "数据目录", "theme": "主题目录",
             "history": "更新记录目录"}


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def refusal(target: Path, folders: dict[str, Path]) -> str | None:
    """Why `target` may not be the output folder, in the clerk's words; None when it may.

    folders: the project's own folders by role (PROTECTED), which a build must neither replace nor write into.
    """
    shown = str(target)
    advice = "请换一个新的（或空的）文件夹，例如 -d site-preview"
    real = _real(target)
    for role, folder in folders.items():
        folder = _real(folder)
        if _inside(folder, real):
            return f"输出目录 {shown} 包含{PROTECTED[role]}（{folder}），生成网站会替换其中的全部内容，已拒绝，未做任何改动。{advice}"
        if role != "config" and _inside(real, folder):
            return f"输出目录 {shown} 位于{PROTECTED[role]}（{folder}）之中，已拒绝，未做任何改动。{advice}"
    store = generations.folder_of(target)
    if store.exists() and not generations.owned_store(store):
        return (f"{store} 不是本程序建立的（其中没有本程序的标记），输出目录 {shown} 需要用它保存两个版本的网站，"
                f"已拒绝，未做任何改动。{advice}")
    if target.is_symlink():
        if generations.live_name(target) is None:
            return f"输出目录 {shown} 是指向 {os.readlink(target)} 的链接，不是本程序生成的网站，已拒绝，未做任何改动。{advice}"
        return None
    if not target.exists():
        return None
    if not target.is_dir():
        return f"输出目录 {shown} 是一个文件，不是文件夹，已拒绝，未做任何改动。{advice}"
    if generations.made_here(target) or not any(target.iterdir()):
        return None
    return (f"输出目录 {shown} 中已有不是本程序生成的文件（没有本程序的标记 {generations.TOKEN}），生成网站会删除它们，"
            f"已拒绝，未做任何改动。{advice}；确实要用这个文件夹时，请先自行清空它")
