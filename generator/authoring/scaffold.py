"""`new`: a bulletin, a guide or a campaign file with the front matter the site needs, never over another file.

A bulletin (content/news/posts/) carries what Material's blog plugin reads (date, slug, categories, draft)
and the campaign it belongs to; a guide (content/guides/) the product categories it advises on; a campaign
(data/campaigns/<id>.yaml) the fields intake/campaigns.py requires. Each is valid as written, so `check` and
`build --strict` pass before the editor has written a word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..core.text import slugify
from . import frontmatter
from .slugs import pinyin_slug

DEFAULT_CATEGORY = "执法动态"
_LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(ValueError):
    """A title, slug or id the site cannot use; the message is for the editor."""


@dataclass(frozen=True)
class Draft:
    path: Path
    text: str


def split_list(values: list[str] | None) -> list[str]:
    """Values given as several arguments, or in one separated by commas or 、, in order, without repeats."""
    items = []
    for value in values or []:
        items += [v for v in _LIST_SEPARATORS.split(value) if v]
    return list(dict.fromkeys(items))


def slug_for(title: str, slug: str | None) -> str:
    if not title.strip():
        raise ScaffoldError("标题不能为空")
    if slug is not None:
        if not _SLUG.match(slug):
            raise ScaffoldError(f"--slug「{slug}」只能由小写字母、数字和 - 组成，如 dian-dong-zi-xing-che")
        return slug
    made = pinyin_slug(title)
    if not made:
        raise ScaffoldError(f"无法从标题「{title}」生成网址，请用 --slug 指定，如 --slug xiao-fang-chan-pin")
    return made


def bulletin(posts_dir: Path, title: str, today: date, *, slug: str | None = None, campaign: str | None = None,
             categories: list[str] | None = None) -> Draft:
    """A news post for Material's blog: a draft until the editor removes `draft: true`."""
    slug = slug_for(title, slug)
    meta = {"date": today, "slug": slug}
    if campaign:
        meta["campaign"] = campaign
    meta["categories"] = categories or [DEFAULT_CATEGORY]
    meta["draft"] = True
    lines = frontmatter.render(meta, {"draft": "草稿：生成网站时不发布。正文写好后删除这一行"})
    if not campaign:
        lines.insert(2, "# campaign: 专项行动的 id  # 属于某项专项行动时填写（data/campaigns 中的文件名），动态会列在行动页面上")
    body = f"# {title.strip()}\n\n<!-- 正文从这里开始写，段落之间空一行。 -->\n"
    return Draft(posts_dir / f"{slug}.md", frontmatter.page(lines, body))


def guide(guides_dir: Path, title: str, *, slug: str | None = None, products: list[str] | None = None) -> Draft:
    """A consumer guide: `products` links it from the records of those product categories."""
    slug = slug_for(title, slug)
    lines = frontmatter.render({"products": products or []},
                               {"products": "产品类别，与处罚信息的“产品类别”一致，如 [灭火器, 消防水带]"})
    body = (f"# {title.strip()}\n\n<!-- 正文从这里开始写，段落之间空一行。消费提示保存后即随网站发布，"
            "没有草稿状态：写好再保存到 content/guides/。 -->\n")
    return Draft(guides_dir / f"{slug}.md", frontmatter.page(lines, body))


def campaign_id(title: str, start: date, given: str | None) -> str:
    if given is not None:
        if not given or slugify(given) != given:
            suggestion = f"，如「{slugify(given)}」" if slugify(given) else ""
            raise ScaffoldError(f"专项行动 id「{given}」会作为网页地址，只能由字母、数字、汉字和 - 组成{suggestion}")
        return given
    made = pinyin_slug(title, max_syllables=8)
    if not made:
        raise ScaffoldError(f"无法从标题「{title}」生成专项行动 id，请用 --id 指定，如 --id xiao-fang-{start.year}")
    return f"{made}-{start.year}"


def campaign(campaigns_dir: Path, title: str, *, campaign_id: str, authority: str, start: date, end: date,
             region: str = "", products: list[str] | None = None) -> Draft:
    """A campaign record with every required field; summary and stats left for the editor."""
    if not title.strip():
        raise ScaffoldError("标题不能为空")
    if end < start:
        raise ScaffoldError(f"结束日期 {end} 早于开始日期 {start}")
    meta = {"id": campaign_id, "title": title.strip(), "authority": authority, "region": region,
            "start": start, "end": end, "products": products or [], "summary": ""}
    comments = {"id": "网页地址 /campaigns/<id>/，发布后不要再改", "authority": "组织机关",
                "region": "地区（可不填）", "start": "开始日期", "end": "结束日期（暂填，请按实际修改）",
                "products": "重点产品类别，如 [灭火器, 消防水带]", "summary": "行动概述，一段文字"}
    lines = ["# 专项行动。本文件保存后，下次生成网站时即发布行动页面（专项行动没有草稿状态）。"]
    lines += frontmatter.render(meta, comments)
    lines += ["stats:  # 工作成效，每项一行，去掉行首的 # 即可：", "#  - {label: 联合检查单位, value: 56, unit: 家}"]
    return Draft(campaigns_dir / f"{campaign_id}.yaml", "\n".join(lines) + "\n")


def write_new(draft: Draft) -> None:
    """Write the file; an existing file is never replaced (FileExistsError)."""
    draft.path.parent.mkdir(parents=True, exist_ok=True)
    with draft.path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(draft.text)
