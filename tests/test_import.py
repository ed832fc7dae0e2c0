"""`import`: bulletins from old sites, cleaned by named rules into drafts, as an editor runs it.

The fixtures in tests/fixtures/import/ reproduce the damage scraped text carries (pinyin after characters,
traditional characters, login prompts, editor credits, source lines, headline lists, text garbled by the wrong
codec, GBK files, saved web pages). Each one's draft and printed summary are checked in under expected/;
after an intended change: `GOLDEN_REFRESH=1 .venv/bin/python -m pytest -q tests/test_import.py -k golden`,
and the git diff of that folder is the review.
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, TODAY, FixtureSite, clock

FIXTURES = PROJECT / "tests" / "fixtures" / "import"
EXPECTED = FIXTURES / "expected"
INPUTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".html"))


def run_import(*args: str) -> int:
    from generator.cli import main

    return main(["import", *args], clock=clock)


def imported(path: Path, **options):
    from generator.authoring.drafts import clean, render
    from generator.authoring.sources import read_source

    result = clean(read_source(path), TODAY, **options)
    text, review = render(result)
    return result, text, review


def split_page(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?)\n---\n", text, re.S)
    assert match, text[:200]
    return yaml.safe_load(match.group(1)), text[match.end():]


def hans(text: str) -> int:
    return len(re.findall(r"[\u3400-\u9fff\uf900-\ufaff]", text))


# --- goldens ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_golden_draft_and_summary(source, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts").mkdir()
    assert run_import(str(source), "--to", "posts") == 0
    summary = capsys.readouterr().out.replace(str(source), source.name)
    [draft] = sorted((tmp_path / "posts").iterdir())
    written = {f"{source.stem}.md": draft.read_text(encoding="utf-8"), f"{source.stem}.summary.txt": summary}
    if os.environ.get("GOLDEN_REFRESH") == "1":
        EXPECTED.mkdir(exist_ok=True)
        for name, text in written.items():
            (EXPECTED / name).write_text(text, encoding="utf-8")
    for name, text in written.items():
        expected = EXPECTED / name
        assert expected.exists(), f"no golden {expected.name}: run with GOLDEN_REFRESH=1"
        assert text == expected.read_text(encoding="utf-8"), name


def test_every_draft_has_the_front_matter_the_blog_needs():
    for source in INPUTS:
        _, text, _ = imported(source)
        meta, body = split_page(text)
        assert isinstance(meta["date"], date) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", meta["slug"])
        assert meta["categories"] == ["执法动态"] and meta["imported_from"] == source.name
        assert body.startswith("# ")
        assert meta.get("draft") is (True if meta.get("review") else None)


# --- nothing of the article is lost ---------------------------------------------------------------------------

@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_the_body_loses_only_what_named_rules_removed(source):
    from generator.authoring.drafts import PLACEHOLDER_TITLE
    from generator.authoring.importer import RULES

    result, text, _ = imported(source)
    _, body = split_page(text)
    assert {r.rule for r in result.removals} <= set(RULES)
    removed = sum(hans(r.text) for r in result.removals)
    added = 0 if result.title_found else hans(PLACEHOLDER_TITLE)
    assert hans(result.extracted) == hans(body) + removed - added
    assert removed > 0  # each fixture carries furniture


SENTENCES = ["示例市市场监督管理局对辖区内的消防产品经营单位开展了检查。", "执法人员发现部分灭火器压力不足，当场责令更换。",
             "消费者可以登录全国12315平台投诉举报，来源可靠的线索将被优先核查。", "截至目前，共检查经营户120家，立案查处8起。",
             "分享经验时，各部门表示将继续加强协作。", "本次行动的编辑和校对工作由办公室负责完成。",
             "群众还没有账号的，可在窗口现场登记。", "宣传资料中的“3·15”标志由市局统一设计。"]
FURNITURE = [("用户登录", "还没有账号？", "立即注册"), ("责编：林远", "一审：周涛", "二审：吴静", "三审：郑明"),
             ("来源：示例市市场监督管理局",), ("分享到：微信 微博 QQ空间",), ("【打印本页】【关闭窗口】",),
             ("版权所有：示例市人民政府 示ICP备00000000号",), ("发布时间：2026-03-15 来源：示例市消防救援支队 浏览次数：88",)]
HEADLINES = ["示例区召开城市更新工作推进会", "示例市第二届马拉松赛鸣枪开跑", "示例县举办秋季农产品展销会"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6, unique=True),
       furniture=st.lists(st.sampled_from(FURNITURE), max_size=4, unique=True), with_headlines=st.booleans())
def test_sentences_survive_and_furniture_goes_whatever_the_mix(tmp_path, body, furniture, with_headlines):
    """Sentences that even use furniture's words (登录, 来源, 编辑, 分享) are kept; furniture lines are not."""
    lines = ["示例市开展消防产品专项检查", *body, *[line for block in furniture for line in block]]
    if with_headlines:
        lines += HEADLINES
    path = tmp_path / "mix.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, text, _ = imported(path)
    _, page = split_page(text)
    for sentence in body:
        assert sentence in page
    for line in [line for block in furniture for line in block] + (HEADLINES if with_headlines else []):
        assert line not in page
    assert hans(result.extracted) == hans(page) + sum(hans(r.text) for r in result.removals)


def test_each_rule_reports_what_it_removed():
    result, _, _ = imported(FIXTURES / "ebike-gbk.txt")
    by_rule = {rule: [r.text for r in items] for rule, items in result.removed_by().items()}
    assert by_rule["credits"] == ["责编:林远", "一审:周涛", "二审:吴静", "三审:郑明"]
    assert by_rule["source"] == ["(供稿:示例市市场监督管理局)", "来源:示例市市场监督管理局"]
    assert by_rule["headlines"][0] == "- 示例省召开安全生产工作会议" and len(by_rule["headlines"]) == 5
    assert result.meta["source"] == "示例市市场监督管理局"


def test_a_signature_and_a_numbered_list_at_the_end_are_the_articles_own(tmp_path):
    path = tmp_path / "signed.txt"
    path.write_text("示例市部署燃气安全检查\n各地要重点检查以下产品：\n一、燃气灶具\n二、燃气软管\n三、燃气阀门\n"
                    "请各地认真落实。\n示例市市场监督管理局\n2026年5月6日\n", encoding="utf-8")
    result, text, _ = imported(path)
    assert result.removals == []
    assert "三、燃气阀门" in text and "示例市市场监督管理局\n" in text
    assert result.meta["date"] == date(2026, 5, 6)


def test_page_information_lines_go_but_an_event_notice_stays(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("示例市将举办“3·15”消防产品咨询活动\n发布日期：2026-03-10 浏览次数：35次\n来源：示例市消防救援支队 作者：林远\n"
                    "欢迎市民到现场咨询。\n时间：2026年3月15日上午，地点：示例市人民广场\n", encoding="utf-8")
    result, text, _ = imported(path)
    assert [r.rule for r in result.removals] == ["page-meta", "page-meta"]
    assert "时间：2026年3月15日上午，地点：示例市人民广场" in text
    assert result.meta["date"] == date(2026, 3, 10) and result.meta["source"] == "示例市消防救援支队"


# --- characters: pinyin, traditional, kept passages -----------------------------------------------------------

def test_pinyin_is_removed_and_traditional_converted_except_the_kept_quote():
    result, text, _ = imported(FIXTURES / "fire-315.txt")
    _, body = split_page(text)
    assert "(" not in body and "duì" not in body
    assert "# 示例市消防救援支队开展“3·15”消防产品消费者维权活动" in body
    assert "执法人员当场责令使用单位限期更换，并登记在册" in body
    assert "「購買手提滅火筒時，應留意產品是否附有認可標籤，並定期檢查壓力錶。」" in body  # between the markers
    assert "保留繁" not in body
    assert result.kept_passages == 1 and result.converted > 100
    pinyin = [r.text for r in result.removals if r.rule == "pinyin"]
    assert "(duì)" in pinyin and all(re.fullmatch(r"[(（][a-z\u00e0-\u00fc\u0100-\u01ff\u1e3f]+[)）]", p) for p in pinyin)


def test_brackets_that_are_not_pinyin_stay():
    from generator.authoring.importer import remove_pinyin

    assert remove_pinyin("地區(qū)執（zhí）法") == ("地區執法", ["(qū)", "（zhí）"])
    for text in ("保税物流中心(B型)", "抽检(快检)", "网站(www)", "报刊亭(书店)", "GB 17761(2018)", "ph(ā)"):
        assert remove_pinyin(text)[0] == text


def test_keep_traditional_keeps_every_character_but_still_cleans(tmp_path, capsys):
    (tmp_path / "posts").mkdir()
    assert run_import(str(FIXTURES / "fire-315.txt"), "--to", str(tmp_path / "posts"), "--keep-traditional") == 0
    [draft] = (tmp_path / "posts").iterdir()
    body = split_page(draft.read_text(encoding="utf-8"))[1]
    assert "示例市消防救援支隊開展" in body and "用戶登錄" not in body and "(duì)" not in body
    assert "繁体字转为简体" not in capsys.readouterr().out


# --- input formats --------------------------------------------------------------------------------------------

def test_a_gbk_file_is_detected_and_read():
    raw = (FIXTURES / "ebike-gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    result, text, review = imported(FIXTURES / "ebike-gbk.txt")
    assert "其中约谈企业37家、立案31件、没收不合格产品65台、罚款13万余元。" in text
    assert not [item for item in review if item["issue"] == "疑似乱码"]


def test_a_file_in_neither_encoding_is_named_and_the_others_still_import(tmp_path, capsys):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Un été à Paris : café crème, pâtisserie française et déjà vu.\n".encode("cp1252") * 3)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("示例市开展消防检查。\n".encode("utf-16"))
    (tmp_path / "posts").mkdir()
    code = run_import(str(latin), str(FIXTURES / "fire-315.txt"), str(utf16), "--to", str(tmp_path / "posts"))
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{latin}：未导入，无法识别文件编码：不是 UTF-8、GBK/GB18030 或 Big5" in err
    assert f"{utf16}：未导入，文件是 UTF-16 编码" in err
    assert "导入 1 个文件" in out and "2 个未导入" in out and str(latin) in out.splitlines()[-1]
    assert len(list((tmp_path / "posts").iterdir())) == 1


def test_a_utf8_file_with_damaged_bytes_is_read_and_the_damage_listed(tmp_path):
    path = tmp_path / "damaged.txt"
    good = ("示例市开展电动自行车安全检查\n全市共检查销售门店86家，发现问题隐患21处，已全部整改到位。\n"
            "执法人员对门店销售的整车、蓄电池和充电器逐一核对强制性产品认证证书，并抽取样品送检。\n"
            "对检查中发现的非法改装行为，执法人员当场责令改正，并依法立案查处。\n")
    data = bytearray(good.encode("utf-8"))
    at = data.index("隐患".encode("utf-8"))
    data[at:at + 3] = b"\xff\xfe\xfd"  # one character's bytes destroyed
    path.write_bytes(bytes(data))
    result, text, review = imported(path)
    assert any("损坏的字节" in note for note in result.notes)
    [item] = [item for item in review if item["issue"] == "疑似乱码"]
    assert "\ufffd" in item["excerpt"] and item["excerpt"] in text.splitlines()[item["line"] - 1]


def test_a_saved_web_page_gives_the_article_without_scripts_styles_and_navigation():
    result, text, review = imported(FIXTURES / "ebike-destroy.html")
    meta, body = split_page(text)
    for furniture in ("访问统计代码", "广告", "font-size", "政务公开", "当前位置", "相关新闻", "充电设施安全检查",
                      "ICP备", "打印本页", "浏览次数", "分享到"):
        assert furniture not in text
    assert body.startswith("# 示例市集中销毁一批非法改装电动自行车蓄电池\n\n7月7日，示例市市场监督管理局")
    assert "此次销毁的蓄电池共326块，均来自整治行动中查处的非法改装案件。执法人员介绍" in body  # one paragraph
    assert "香港運輸署亦提醒市民" in body  # lang="zh-HK" keeps its characters
    assert meta["date"] == date(2026, 7, 8) and meta["source"] == "示例市市场监督管理局"
    assert review == [] and "draft" not in meta


def test_a_word_document_is_read(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("示例市通報電動自行車抽查結果", level=0)
    document.add_paragraph("近日，示例市市場監督管理局對全市銷售的電動自行車開展監督抽查，共抽查52批次，不合格3批次。")
    document.add_heading("處置情況", level=2)
    document.add_paragraph("對不合格產品，已責令銷售者停止銷售並依法立案查處。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "抽查批次"
    table.rows[0].cells[1].text = "52"
    document.add_paragraph("責任編輯：林遠")
    path = tmp_path / "抽查结果.docx"
    document.save(str(path))
    result, text, _ = imported(path)
    meta, body = split_page(text)
    assert result.title == "示例市通报电动自行车抽查结果"
    assert "## 处置情况" in body and "对不合格产品，已责令销售者停止销售并依法立案查处。" in body
    assert "林远" not in body and [r.rule for r in result.removals] == ["credits"]
    assert "抽查批次\n\n52" in body  # a table's cells before the credits are the article's
    assert {"label": "抽查", "value": 52, "unit": "批次"} in meta["stats"]


def test_a_damaged_word_document_is_an_error_naming_it(tmp_path, capsys):
    path = tmp_path / "坏文件.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert run_import(str(path), "--to", str(tmp_path)) == 1
    assert f"{path}：未导入，不是有效的 Word 文档" in capsys.readouterr().err


# --- review: garbled text, personal data, title, date ---------------------------------------------------------

def test_garbled_passages_are_listed_with_their_line_and_make_a_draft():
    result, text, review = imported(FIXTURES / "anti-counterfeit.txt")
    meta, _ = split_page(text)
    lines = text.splitlines()
    garbled = [item for item in review if item["issue"] == "疑似乱码"]
    assert len(garbled) == 4 and meta["draft"] is True and meta["review"] == review
    for item in garbled:
        assert item["excerpt"] in lines[item["line"] - 1]  # the line of this very file
    excerpts = " ".join(item["excerpt"] for item in garbled)
    for passage in ("æ¶ˆé˜²", "\ufffd料", "勤笭萸妀誧羲桯隙芛艘", "閲嶇偣妫"):  # left exactly as found
        assert passage in excerpts
    assert "未写明日期" in [item for item in review if item["issue"] == "缺少日期"][0]["note"]


@pytest.mark.parametrize("text, reason", [
    ("检查中发现涉及æ¶ˆé˜²产品的问题。", "latin"),
    ("检查中发现Ïû·À产品的问题。", "latin"),
    ("发放宣传\ufffd料3000余份。", "replacement"),
    ("发放宣传锟斤拷料3000余份。", "replacement"),
    ("共联合检查单位56模ㄛ蕾偶脤揭4れㄛ楷溫", "foreign-script"),
    ("全市共检查绀轰緥甯傛秷闃叉晳家。", "rare"),
    ("督促勤笭萸妀誧羲桯隙芛艘经营者。", "no-words"),
])
def test_each_garbling_rule_sees_its_damage(text, reason):
    from generator.authoring.garbled import find_garbled

    assert reason in [r for suspect in find_garbled(text) for r in suspect.reasons]


def test_correct_text_is_not_taken_for_garbled():
    from generator.authoring.garbled import find_garbled

    pages = sorted((PROJECT / "content").rglob("*.md"))
    assert pages
    for page in pages:
        for line in page.read_text(encoding="utf-8").splitlines():
            assert find_garbled(line) == [], (page.name, line)
    for line in ("对3×4规格的产品逐一核对。", "Café 咖啡店销售的灭火器不合格。", "组织3•15大型活动", "已转交县市区后处理;组织开展检查",
                 "还没有账号?立即注册"):
        assert find_garbled(line) == [], line


def test_personal_data_is_listed_by_line_and_category_never_by_value():
    _, text, review = imported(FIXTURES / "ebike-gbk.txt")
    front = text.split("\n---\n", 1)[0]
    personal = [item for item in review if item["issue"] == "个人信息"]
    assert [item["category"] for item in personal] == ["手机号"]  # 张某某 is a pseudonym already
    assert "13812345678" not in front and "张某某" not in front
    for item in personal:
        assert "13812345678" in text.splitlines()[item["line"] - 1]
    assert split_page(text)[0]["draft"] is True


def test_no_title_line_gives_a_placeholder_that_is_itself_a_review_item():
    result, text, review = imported(FIXTURES / "ebike-gbk.txt")
    assert not result.title_found
    [item] = [item for item in review if item["issue"] == "缺少标题"]
    assert text.splitlines()[item["line"] - 1] == "# （请填写标题）"
    assert result.slug == "import-ebike-gbk"


# --- figures --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("共发放宣传资料2万余份。", [("发放宣传资料（2万余份）", 20000, "份")]),
    ("其中约谈企业37家、立案31件、罚款13万余元。", [("约谈企业", 37, "家"), ("立案", 31, "件"), ("罚款（13万余元）", 13, "万元")]),
    ("观看人数达1.3万人次。", [("观看人数", 13000, "人次")]),
    ("为消费者挽回经济损失约650万元。", [("为消费者挽回经济损失（约650万元）", 650, "万元")]),
    ("支队各级共联合检查单位56家，办理查处案件4起。", [("联合检查单位", 56, "家"), ("办理查处案件", 4, "起")]),
    ("共网上检查网站、网店152个次。", [("网上检查网站、网店", 152, "个次")]),
    ("出动工作人员30多人次，共出动1350人次检查场所760家次。", [("出动工作人员（30多人次）", 30, "人次"), ("检查场所", 760, "家次")]),
    ("检查经营户1,180户次。", [("检查经营户", 1180, "户次")]),
    ("抽检合格率为95.5%。", [("抽检合格率为", 95.5, "%")]),
])
def test_figures_become_campaign_statistics(text, expected):
    from generator.authoring.figures import figures_in

    assert [(f.label, f.value, f.unit) for f in figures_in(text)] == expected


@pytest.mark.parametrize("text", ["2026年3月15日开展检查。", "第3次检查发现问题。", "组织全市536家电动自行车生产企业开展自查。",
                                  "拨打12315举报。", "依据GB 17761-2018标准。", "3-5家企业。", "近3年来持续开展。"])
def test_what_is_no_figure_is_not_a_statistic(text):
    from generator.authoring.figures import figures_in

    assert figures_in(text) == []


def test_stats_have_the_shape_of_a_campaigns_statistics():
    _, text, _ = imported(FIXTURES / "fire-315.txt")
    stats = split_page(text)[0]["stats"]
    assert {"label": "发放宣传资料（2万余份）", "value": 20000, "unit": "份"} in stats
    assert {"label": "联合检查单位", "value": 48, "unit": "家"} in stats
    assert all(set(s) == {"label", "value", "unit"} and isinstance(s["value"], (int, float)) for s in stats)


# --- the command ----------------------------------------------------------------------------------------------

def test_an_existing_draft_is_never_overwritten(tmp_path, capsys):
    posts = tmp_path / "posts"
    posts.mkdir()
    assert run_import(str(FIXTURES / "fire-315.txt"), "--to", str(posts)) == 0
    [draft] = posts.iterdir()
    draft.write_text("编辑改过的稿子", encoding="utf-8")
    capsys.readouterr()
    assert run_import(str(FIXTURES / "fire-315.txt"), "--to", str(posts)) == 1
    assert "已存在，未覆盖" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == "编辑改过的稿子"


def test_usage_errors_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run_import(str(FIXTURES / "fire-315.txt")) == 2  # no site here and no --to
    assert "--to" in capsys.readouterr().err
    assert run_import(str(FIXTURES / "fire-315.txt"), "--to", "no-such-folder") == 2
    with pytest.raises(SystemExit) as exited:
        run_import()
    assert exited.value.code == 2


def test_missing_and_unsupported_files_are_named(tmp_path, capsys):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "empty.txt").write_bytes(b"\xef\xbb\xbf \r\n")
    code = run_import(str(tmp_path / "gone.txt"), str(tmp_path / "old.doc"), str(tmp_path / "empty.txt"),
                      "--to", str(tmp_path))
    err = capsys.readouterr().err
    assert code == 1 and "gone.txt：未导入，找不到这个文件" in err and "另存为”.docx" in err
    assert "empty.txt：未导入，没有可导入的文字（文件是空的）" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "old.doc"]


def test_help_is_chinese_with_examples(capsys):
    with pytest.raises(SystemExit) as exited:
        run_import("--help")
    out = capsys.readouterr().out
    assert exited.value.code == 0
    assert "示例：" in out and "python -m generator import" in out and "--keep-traditional" in out and "退出码" in out


def test_imported_drafts_pass_check_and_build_in_a_site_with_the_blog(tmp_path, capsys):
    site = blog_site(tmp_path)
    assert site.run("import", str(FIXTURES / "fire-315.txt"), str(FIXTURES / "anti-counterfeit.txt"),
                    "--campaign", "fire-products-315-2026") == 0
    assert site.run("check", "--strict") == 0
    assert site.run("build", "--strict") == 0
    [published] = (site.site / "news" / "2026").iterdir()  # the draft with review items is not published
    page = (published / "index.html").read_text(encoding="utf-8")
    assert "示例市消防救援支队开展“3·15”消防产品消费者维权活动" in page and "登录" not in page
    campaign = site.page("campaigns/fire-products-315-2026")
    assert "示例市消防救援支队开展“3·15”消防产品消费者维权活动" in campaign


BLOG = """plugins:
  - blog:
      blog_dir: news
      post_url_format: "{date}/{slug}"
      post_url_date_format: yyyy
"""


class BlogSite(FixtureSite):
    def run(self, *args, **kwargs) -> int:
        # MkDocs keeps one instance of a plugin with on_startup/on_shutdown per process (MkDocsConfig.plugins'
        # plugin_cache); Material's blog makes its temporary folder when created and deletes it on shutdown, so
        # a second build in the same process fails. A command line builds once; the tests build many times.
        from mkdocs.config.defaults import MkDocsConfig

        MkDocsConfig.plugins.plugin_cache.clear()
        return super().run(*args, **kwargs)


def blog_site(root: Path) -> FixtureSite:
    """The fixture site with Material's blog, as the sample site has it, and one campaign."""
    site = BlogSite(root / "site-src")
    site.config.write_text(site.config.read_text(encoding="utf-8").replace("plugins:\n", BLOG, 1), encoding="utf-8")
    (site.root / "content" / "news" / "posts").mkdir(parents=True)
    (site.root / "content" / "news" / "index.md").write_text("# 工作动态\n", encoding="utf-8")
    site.campaign({"id": "fire-products-315-2026", "title": "示例市“3·15”消防产品消费者维权活动",
                   "authority": "示例市消防救援支队", "start": "2026-03-01", "end": "2026-04-30"})
    return site


@pytest.mark.parametrize("line, source", [
    ("来源:网络整理 免责声明:本文仅供参考，不代表本站观点。", "网络整理"),
    ("来源：示例市市场监督管理局 如有侵权请联系删除", "示例市市场监督管理局"),
    ("来源：示例市消防救援支队　版权所有 示例市消防救援支队", "示例市消防救援支队"),
])
def test_a_source_and_a_notice_on_one_line_are_told_apart(line, source):
    from generator.authoring.drafts import clean, render
    from generator.authoring.sources import Source

    text = "示例市开展消防产品检查\n\n本月共检查单位56家，发现隐患12处。\n\n" + line + "\n"
    result = clean(Source("x.txt", text, "文本文件"), date(2026, 11, 20))
    draft, _ = render(result)
    assert result.meta["source"] == source
    assert not any(word in draft for word in ("免责", "侵权", "版权所有"))
    assert "本月共检查单位56家" in draft
