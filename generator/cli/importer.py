"""`import`: bulletins copied or scraped from old sites, cleaned by named rules into Markdown drafts."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..authoring.drafts import clean, render
from ..authoring.scaffold import Draft, split_list, write_new
from ..authoring.sources import NotImportable, read_source
from ..authoring.import_summary import summary_lines
from ..core.clock import Clock
from ..core.problems import Report
from ..core.settings import settings_from_dict
from ..intake.campaigns import read_campaigns
from .new import shown

NAME = "import"
NEEDS_CONFIG = False
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2

EPILOG = """示例：
  python -m generator import 旧网站/*.txt
  python -m generator import 通报.html 总结.docx --to content/news/posts --campaign ebike-chain-2025
  python -m generator import 香港消防处来函.txt --keep-traditional

可导入 .txt（UTF-8、GBK 或 Big5）、.html/.htm（浏览器“另存为”的网页）和 .docx。每个文件写成一篇工作动态，
文件名由标题的拼音生成，已有同名文件时不覆盖。导入时：
  - 删除字后的拼音注音（地區(qū) → 地区），繁体字转为简体；
    不转换的段落放在【保留繁体】和【/保留繁体】之间（网页中 lang="zh-TW"、"zh-HK" 的段落自动保留）；
  - 按规则删除网站的附属内容：登录注册提示、责编/一审/二审/三审/编辑/校对署名、来源和供稿（写入 source）、
    发布时间等页面信息、版权和免责声明、分享按钮、上一篇/下一篇等按钮、“当前位置”、文末无关标题列表；
  - 疑似乱码、个人信息、缺少标题或日期的，列在 review 中并设为草稿（draft: true），请逐项核对后删除；
  - 文中的统计数字（检查单位56家、罚款13万余元……）列在 stats 中，可复制到专项行动文件。

退出码：0 全部导入；1 有文件未能导入（会列出）；2 命令用法有误。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="导入旧网站的工作动态（.txt .html .docx），清理后写成草稿",
                       description="把从旧网站复制或抓取的工作动态导入为 Markdown 草稿，每个文件一篇。", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", type=Path, metavar="文件", help="要导入的文件")
    p.add_argument("--to", type=Path, metavar="文件夹", help="写到哪个文件夹（默认网站的 content/news/posts）")
    p.add_argument("--keep-traditional", action="store_true", help="不把繁体字转为简体（引用台湾、香港的原文时）")
    p.add_argument("--campaign", metavar="ID", help="导入的动态都属于这个专项行动（data/campaigns 中的 id）")
    p.add_argument("--category", action="append", metavar="分类", help="栏目分类，可重复（默认 执法动态）")
    p.add_argument("--draft", action="store_true", help="全部导入为草稿（即使没有待核对的问题）")


def _target(args, config_file: Path) -> tuple[Path | None, set[str] | None, str]:
    """(folder to write to, known campaign ids or None when there is no site, error message)."""
    known = None
    target = args.to
    if config_file.exists():
        try:
            site = read_site_config(config_file)
        except SiteConfigError as exc:
            return None, None, str(exc)
        settings, _ = settings_from_dict(site.options, config_file.name)
        known = {c.id for c in read_campaigns(site.root / settings.data_dir / "campaigns", Report(), site.root,
                                              settings)}
        target = target or site.docs_dir / "news" / "posts"
    if target is None:
        return None, None, f"找不到配置文件 {config_file}：请在网站目录（含 mkdocs.yml）下运行，或用 --to 指定文件夹"
    if not target.is_dir():
        return None, None, f"文件夹 {target} 不存在，请先新建，或用 --to 指定已有的文件夹"
    return target, known, ""


def run(args, config_file: Path, clock: Clock) -> int:
    target, known, problem = _target(args, config_file)
    if target is None:
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    if args.campaign and known is not None and args.campaign not in known:
        print(f"专项行动「{args.campaign}」在 data/campaigns 中不存在。已有的专项行动：{'、'.join(sorted(known)) or '无'}",
              file=sys.stderr)
        return EXIT_USAGE
    today = clock()
    failed: list[tuple[Path, str]] = []
    drafts = 0
    for number, path in enumerate(args.files, start=1):
        try:
            source = read_source(path)
        except NotImportable as exc:
            failed.append((path, str(exc)))
            print(f"{path}：未导入，{exc}", file=sys.stderr)
            continue
        imported = clean(source, today, keep_traditional=args.keep_traditional, campaign=args.campaign,
                         categories=split_list(args.category), draft=args.draft)
        text, review = render(imported)
        out = target / f"{imported.slug}.md"
        try:
            write_new(Draft(out, text))
        except FileExistsError:
            failed.append((path, f"{shown(out)} 已存在"))
            print(f"{path}：未导入，{shown(out)} 已存在，未覆盖（重新导入请先删除它）", file=sys.stderr)
            continue
        except OSError as exc:
            failed.append((path, f"无法写入 {shown(out)}"))
            print(f"{path}：未导入，无法写入 {shown(out)}：{exc.strerror or exc}", file=sys.stderr)
            continue
        drafts += imported.draft
        if number > 1:
            print()
        print("\n".join(summary_lines(imported, review, shown(out))))
    done = len(args.files) - len(failed)
    print()
    advice = f"，其中草稿 {drafts} 篇（draft: true）：请按 review 逐项核对，改好后删除 review 和 draft 两项" if drafts else ""
    print(f"导入 {done} 个文件{advice}" + (f"；{len(failed)} 个未导入：" + "、".join(str(p) for p, _ in failed)
                                           if failed else ""))
    return EXIT_SOME_FAILED if failed else EXIT_OK

