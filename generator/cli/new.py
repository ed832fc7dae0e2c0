"""`new`: start a bulletin, a guide or a campaign file with the right front matter; never overwrite one."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from ..adapters.mkdocs.config import SiteConfigError, read_site_config
from ..authoring import scaffold
from ..assemble.plan import SiteConfig
from ..core.clock import Clock
from ..core.problems import Report
from ..core.settings import settings_from_dict
from .common import date_argument
from ..intake.campaigns import read_campaigns

NAME = "new"
NEEDS_CONFIG = True
EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

EPILOG = """示例：
  python -m generator new bulletin "示例市开展电动自行车安全隐患排查"
  python -m generator new bulletin "消防产品抽查结果通报" --campaign fire-products-315-2026 --category 执法动态
  python -m generator new guide "应急照明灯选购提示" --products 应急照明灯,疏散指示标志
  python -m generator new campaign "示例市燃气安全专项整治" --products 燃气灶具,燃气软管 --end 2027-06-30

文件名和网址由标题的拼音生成（电动自行车 → dian-dong-zi-xing-che），也可用 --slug 或 --id 指定。
已有同名文件时不会覆盖，请换一个标题或 --slug。"""


def add_parser(sub) -> None:
    p = sub.add_parser(NAME, help="新建工作动态、消费提示或专项行动文件", description="新建一个写好开头设置（front matter）的文件，"
                       "打印它的位置。", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = p.add_subparsers(dest="what", required=True, metavar="{bulletin,guide,campaign}")
    b = what.add_parser("bulletin", help="工作动态（content/news/posts/，草稿）", epilog=EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         description="新建一篇工作动态草稿：日期为今天，draft: true（生成网站时不发布，写好后删除这一行）。")
    b.add_argument("title", metavar="标题", help="标题")
    b.add_argument("--campaign", metavar="ID", help="所属专项行动的 id（data/campaigns 中的文件名），动态会列在行动页面上")
    b.add_argument("--category", action="append", metavar="分类",
                   help=f"栏目分类，可重复（默认 {scaffold.DEFAULT_CATEGORY}；示例站点还用 专项行动、消费提示）")
    b.add_argument("--slug", help="网址中的名称（默认由标题的拼音生成）")
    g = what.add_parser("guide", help="消费提示（content/guides/）", epilog=EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         description="新建一篇消费提示。products 中的产品类别与处罚信息的“产品类别”一致时，记录页会链接到它。")
    g.add_argument("title", metavar="标题", help="标题")
    g.add_argument("--products", nargs="+", metavar="产品类别", help="产品类别，空格或逗号分隔，如 灭火器,消防水带")
    g.add_argument("--slug", help="网址中的名称（默认由标题的拼音生成）")
    c = what.add_parser("campaign", help="专项行动（data/campaigns/<id>.yaml）", epilog=EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         description="新建一个专项行动文件，必填项都已填好（结束日期、概述和统计请按实际修改）。")
    c.add_argument("title", metavar="名称", help="行动名称")
    c.add_argument("--id", dest="campaign_id", metavar="ID", help="专项行动 id，即网址 /campaigns/<id>/（默认由名称的拼音加年份生成）")
    c.add_argument("--products", nargs="+", metavar="产品类别", help="重点产品类别，空格或逗号分隔")
    c.add_argument("--authority", help="组织机关（默认 mkdocs.yml 中页脚的主办单位 extra.footer.organizer）")
    c.add_argument("--region", default="", help="地区")
    c.add_argument("--start", type=date_argument, help="开始日期（默认今天）")
    c.add_argument("--end", type=date_argument, help="结束日期（默认开始日期当年的 12 月 31 日）")


def _read_site(config_file: Path) -> tuple[SiteConfig, str]:
    """The site's folders, and the organizer its footer names."""
    site = read_site_config(config_file)
    return site, site.texts.get("extra.footer.organizer", "")


def shown(path: Path) -> str:
    """A path as the editor typed their way to it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def run(args, config_file: Path, clock: Clock) -> int:
    try:
        site, organizer = _read_site(config_file)
    except SiteConfigError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    settings, _ = settings_from_dict(site.options, config_file.name)
    campaigns_dir = site.root / settings.data_dir / "campaigns"
    known = {c.id for c in read_campaigns(campaigns_dir, Report(), site.root, settings)}
    today = clock()
    try:
        if args.what == "bulletin":
            if args.campaign and args.campaign not in known:
                listed = "、".join(sorted(known)) or "（还没有，可先用 new campaign 新建）"
                print(f"专项行动「{args.campaign}」在 {shown(campaigns_dir)} 中不存在。已有的专项行动：{listed}", file=sys.stderr)
                return EXIT_USAGE
            draft = scaffold.bulletin(site.docs_dir / "news" / "posts", args.title, today, slug=args.slug,
                                      campaign=args.campaign, categories=scaffold.split_list(args.category))
            after = "这是草稿（draft: true），生成网站时不发布；写好正文后删除 draft: true 一行即可发布。"
        elif args.what == "guide":
            draft = scaffold.guide(site.docs_dir / "guides", args.title, slug=args.slug,
                                   products=scaffold.split_list(args.products))
            after = "消费提示没有草稿状态，下次生成网站时即发布；如需在栏目首页列出，请在 content/guides/index.md 中加一行链接。"
        else:
            start = args.start or today
            end = args.end or date(start.year, 12, 31)
            authority = args.authority or organizer
            if not authority:
                print("请用 --authority 写明组织机关（mkdocs.yml 的 extra.footer.organizer 也没有填写）", file=sys.stderr)
                return EXIT_USAGE
            campaign_id = scaffold.campaign_id(args.title, start, args.campaign_id)
            if campaign_id.lower() in {k.lower() for k in known}:
                print(f"专项行动 id「{campaign_id}」已被使用，未新建。请用 --id 换一个", file=sys.stderr)
                return EXIT_REFUSED
            draft = scaffold.campaign(campaigns_dir, args.title, campaign_id=campaign_id, authority=authority,
                                      start=start, end=end, region=args.region,
                                      products=scaffold.split_list(args.products))
            after = (f"行动页面地址为 /campaigns/{campaign_id}/，下次生成网站时即发布；请补充 summary 和 stats，核对结束日期。"
                     f"相关动态可用 new bulletin … --campaign {campaign_id} 新建。")
    except scaffold.ScaffoldError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    try:
        scaffold.write_new(draft)
    except FileExistsError:
        print(f"{shown(draft.path)} 已存在，未覆盖。请换一个标题，或用 --slug / --id 指定其他名称", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as exc:
        print(f"无法写入 {shown(draft.path)}：{exc.strerror or exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(shown(draft.path))
    print(after, file=sys.stderr)
    return EXIT_OK
