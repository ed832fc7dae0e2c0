"""`new`: a bulletin, a guide or a campaign started with the front matter the site needs, as an editor runs it:
the printed path, what is in the file, that it never replaces a file, and that the site builds with it."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import TODAY
from test_import import blog_site


def front(path: Path) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", path.read_text(encoding="utf-8"), re.S)
    assert match
    return yaml.safe_load(match.group(1)), path.read_text(encoding="utf-8")[match.end():]


def created(site, capsys, *args: str) -> Path:
    """Run `new` and return the path it printed (the only line on standard output)."""
    capsys.readouterr()
    assert site.run("new", *args) == 0
    out = capsys.readouterr().out.strip()
    assert "\n" not in out
    path = Path(out)
    return path if path.is_absolute() else Path.cwd() / path


def test_a_bulletin_is_a_dated_draft_for_the_blog(tmp_path, capsys):
    site = blog_site(tmp_path)
    path = created(site, capsys, "bulletin", "电动自行车安全隐患排查整治情况通报")
    # whole words while at most ten syllables: 电动/自行车/安全隐患, not 排查
    assert path == site.root / "content" / "news" / "posts" / "dian-dong-zi-xing-che-an-quan-yin-huan.md"
    meta, body = front(path)
    assert meta == {"date": TODAY, "slug": "dian-dong-zi-xing-che-an-quan-yin-huan", "categories": ["执法动态"],
                    "draft": True}
    assert body.startswith("# 电动自行车安全隐患排查整治情况通报\n")


def test_a_bulletin_takes_its_campaign_categories_and_slug(tmp_path, capsys):
    site = blog_site(tmp_path)
    path = created(site, capsys, "bulletin", "“3·15”消防产品抽查结果", "--campaign", "fire-products-315-2026",
                   "--category", "执法动态", "--category", "专项行动", "--slug", "fire-products-315-results")
    meta, _ = front(path)
    assert path.name == "fire-products-315-results.md"
    assert meta["campaign"] == "fire-products-315-2026" and meta["categories"] == ["执法动态", "专项行动"]


def test_an_unknown_campaign_is_refused_with_the_known_ones(tmp_path, capsys):
    site = blog_site(tmp_path)
    assert site.run("new", "bulletin", "抽查结果", "--campaign", "no-such-campaign") == 2
    err = capsys.readouterr().err
    assert "no-such-campaign" in err and "fire-products-315-2026" in err
    assert list((site.root / "content" / "news" / "posts").iterdir()) == []


def test_an_existing_file_is_never_overwritten(tmp_path, capsys):
    site = blog_site(tmp_path)
    path = created(site, capsys, "bulletin", "电动自行车")
    assert path.name == "dian-dong-zi-xing-che.md"
    path.write_text("已写好的稿子", encoding="utf-8")
    assert site.run("new", "bulletin", "电动自行车") == 1
    assert "已存在，未覆盖" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "已写好的稿子"


def test_a_guide_lists_its_product_categories(tmp_path, capsys):
    site = blog_site(tmp_path)
    path = created(site, capsys, "guide", "应急照明灯选购提示", "--products", "应急照明灯,疏散指示标志", "消防水带")
    assert path.parent == site.root / "content" / "guides"
    meta, body = front(path)
    assert meta == {"products": ["应急照明灯", "疏散指示标志", "消防水带"]}
    assert body.startswith("# 应急照明灯选购提示\n")


def test_a_campaign_has_every_required_field_and_builds(tmp_path, capsys):
    site = blog_site(tmp_path)
    path = created(site, capsys, "campaign", "示例市燃气安全专项整治", "--products", "燃气灶具、燃气软管",
                   "--end", "2027-06-30")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert path.parent == site.root / "data" / "campaigns" and path.name == f"{data['id']}.yaml"
    assert data["id"] == "shi-li-shi-ran-qi-an-quan-2026"
    assert data["authority"] == "测试市市场监督管理局"  # the footer's organizer
    assert (data["start"], data["end"]) == (TODAY, date(2027, 6, 30))
    assert data["products"] == ["燃气灶具", "燃气软管"] and data["stats"] is None
    uncommented = path.read_text(encoding="utf-8").replace("#  - {label", "  - {label")
    assert yaml.safe_load(uncommented)["stats"] == [{"label": "联合检查单位", "value": 56, "unit": "家"}]
    assert site.run("check", "--strict") == 0
    assert site.run("build", "--strict") == 0
    assert "示例市燃气安全专项整治" in site.page(f"campaigns/{data['id']}")
    assert site.run("new", "campaign", "另一个名称", "--id", data["id"]) == 1  # the id is taken
    assert "已被使用" in capsys.readouterr().err


def test_a_campaign_id_must_be_usable_as_an_address(tmp_path, capsys):
    site = blog_site(tmp_path)
    assert site.run("new", "campaign", "燃气整治", "--id", "燃气 整治/2026") == 2
    assert "只能由字母、数字、汉字和 - 组成，如「燃气-整治-2026」" in capsys.readouterr().err


def test_the_drafts_build_and_the_filled_in_bulletin_is_published(tmp_path, capsys):
    site = blog_site(tmp_path)
    post = created(site, capsys, "bulletin", "示例市开展消防产品抽查", "--campaign", "fire-products-315-2026")
    guide = created(site, capsys, "guide", "灭火器选购提示", "--products", "灭火器")
    assert site.run("check", "--strict") == 0
    assert site.run("build", "--strict") == 0
    assert not (site.site / "news" / "2026").exists()  # a draft is not published
    assert "灭火器选购提示" in site.page("guides/mie-huo-qi-xuan-gou-ti-shi")
    # the editor writes the text and removes draft: true, as the file says
    text = post.read_text(encoding="utf-8")
    assert "draft: true" in text
    text = re.sub(r"^draft: true.*\n", "", text, flags=re.M).replace(
        "<!-- 正文从这里开始写，段落之间空一行。 -->", "示例市消防救援支队共抽查灭火器120具，合格率95%。")
    post.write_text(text, encoding="utf-8")
    guide.write_text(guide.read_text(encoding="utf-8") + "\n选购灭火器时请查看认证标志。\n", encoding="utf-8")
    assert site.run("build", "--strict") == 0
    page = site.page(f"news/{TODAY.year}/{post.stem}")
    assert "示例市消防救援支队共抽查灭火器120具，合格率95%。" in page
    assert "示例市开展消防产品抽查" in site.page("campaigns/fire-products-315-2026")


def test_a_draft_is_not_listed_on_its_campaign_page(tmp_path, capsys):
    site = blog_site(tmp_path)
    created(site, capsys, "bulletin", "示例市开展消防产品抽查", "--campaign", "fire-products-315-2026")
    assert site.run("build", "--strict") == 0
    assert "示例市开展消防产品抽查" not in site.page("campaigns/fire-products-315-2026")


@pytest.mark.parametrize("title, slug", [
    ("电动自行车", "dian-dong-zi-xing-che"),
    ("“3·15”消防产品消费者维权活动取得阶段性成效", "3-15-xiao-fang-chan-pin-xiao-fei-zhe"),
    ("GB 17761-2018 解读", "gb-17761-2018-jie-du"),
    ("重庆市绿色消费宣传", "chong-qing-shi-lv-se-xiao-fei-xuan-chuan"),
])
def test_slugs_are_pinyin_cut_at_a_word(title, slug):
    from generator.authoring.slugs import pinyin_slug

    assert pinyin_slug(title) == slug


def test_a_title_without_letters_needs_a_slug(tmp_path, capsys):
    site = blog_site(tmp_path)
    assert site.run("new", "bulletin", "！！！") == 2
    assert "--slug" in capsys.readouterr().err
    assert site.run("new", "bulletin", "通报", "--slug", "Tong Bao") == 2


def test_products_are_not_an_option_of_a_bulletin(tmp_path, capsys):
    site = blog_site(tmp_path)
    with pytest.raises(SystemExit) as exited:
        site.run("new", "bulletin", "通报", "--products", "灭火器")
    assert exited.value.code == 2


@pytest.mark.parametrize("args", [["new", "--help"], ["new", "campaign", "--help"]])
def test_help_is_chinese_with_examples(args, capsys):
    from generator.cli import main

    with pytest.raises(SystemExit) as exited:
        main(args)
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert "示例：" in out and 'python -m generator new bulletin "' in out and "不会覆盖" in out
