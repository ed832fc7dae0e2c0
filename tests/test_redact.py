"""Personal data never reaches any output: unit checks, properties, and a scan of a whole built site."""
from __future__ import annotations

from pathlib import Path

import gzip
import zipfile
from datetime import date
from decimal import Decimal

from hypothesis import example, given, settings as hsettings, strategies as st

from conftest import case_row, uscc
from generator.core.settings import Settings
from generator.core.identifiers import id_check_char
from generator.core.model import Record, Source
from generator.core.personal import mask_name, mask_text as scan
from generator.rules.redact import RedactionLog, public_view
from conftest import CASES as CASE
from generator.core.schema import ValueType

SETTINGS = Settings()


def resident_id(body17: str) -> str:
    return body17 + id_check_char(body17)


ID = resident_id("11010519900307123")
ID_X = next(resident_id(f"110105199003071{n:02d}") for n in range(100)
            if id_check_char(f"110105199003071{n:02d}") == "X")


def test_scan_masks_each_kind_and_counts_it():
    text = (f"身份证{ID}，另{ID_X}；旧证110105900307123；手机13812345678、+86 139-1234-5678；"
            "座机0755-83451234、(010)62345678，电话：8234567；卡号6222 0212 3456 7890 123；"
            "邮箱 zhang.san@example.com")
    masked, counts = scan(text)
    for secret in (ID, ID_X, "110105900307123", "13812345678", "139-1234-5678", "0755-83451234", "62345678",
                   "8234567", "6222 0212 3456 7890 123", "zhang.san@example.com"):
        assert secret not in masked
    assert counts["id"] == 3 and counts["mobile"] == 2 and counts["phone"] == 3
    assert counts["bank"] == 1 and counts["email"] == 1


def test_scan_catches_numbers_however_they_are_grouped():
    for text in ("110101\xa019900101\xa01237", "110101.19900101.1237", "110101–19900101–1237",
                 "110101 1990 0101 1237", "手机138.1234.5678", "138 12345678", "(138)1234-5678", "拨打87654321",
                 "收款账号：6222-0212-3456-789", "zhangsan(at)163.com"):
        masked, counts = scan(text)
        assert sum(counts.values()) == 1 and not any(ch.isdigit() for ch in masked.replace("163", "")), text


def test_scan_masks_names_after_words_that_introduce_a_person():
    for text, expected in (("顾客陈小红投诉", "顾客陈*投诉"), ("受害人赵四称", "受害人赵*称"), ("其子张小明", "其子张*"),
                           ("法定代表人欧阳明华未到场", "法定代表人欧阳*未到场"), ("负责人管理不善", "负责人管理不善")):
        assert scan(text)[0] == expected


def test_scan_leaves_amounts_dates_and_decision_numbers_alone():
    text = "罚款人民币32,000元，没收违法所得1640元，2025年11月18日，示例市监处罚〔2025〕0031号，灭火器12具。"
    assert scan(text) == (text, {})


def test_full_width_digits_are_caught_but_chinese_punctuation_stays():
    masked, counts = scan("联系人手机１３８１２３４５６７８（已停机），见附件。")
    assert counts["mobile"] == 1 and "（已停机），见附件。" in masked


def test_natural_person_name_is_masked_everywhere():
    record = Record(CASE, {"decision_no": "x", "party_name": "欧阳明华", "party_type": "自然人",
                           "legal_rep": "欧阳明华", "id_number": ID, "minor": "否",
                           "facts": "当事人欧阳明华在路边摆摊。", "penalty_kind": ("罚款",)}, Source("f", "", 2))
    view = public_view(record, SETTINGS)
    assert view["party_name"] == "欧阳*" and "欧阳明华" not in str(view)
    assert "id_number" not in view and "minor" not in view and "legal_rep" not in view
    assert mask_name("李四") == "李*"


def test_organisation_name_and_legal_rep_are_shown():
    record = Record(CASE, {"decision_no": "x", "party_name": "示例公司", "party_type": "法人及非法人组织",
                           "legal_rep": "王五"}, Source("f", "", 2))
    assert public_view(record, SETTINGS)["legal_rep"] == "王五"
    assert "legal_rep" not in public_view(record, Settings(show_legal_rep=False))


SECRETS = st.one_of(
    st.builds(resident_id, st.from_regex(r"[1-6]\d{5}(19[5-9]\d|200\d)(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}",
                                        fullmatch=True)),
    st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
    st.from_regex(r"0[1-9]\d{1,2}-[2-8]\d{6,7}", fullmatch=True),  # area codes never start 00
    st.from_regex(r"62\d{14,17}", fullmatch=True),
    st.from_regex(r"[a-z]{2,8}@[a-z]{2,8}\.(com|cn|net)", fullmatch=True),
)
# Noise around a planted item, which may hold digits and letters but never glues them to it: a number with
# more digits stuck on is another number (a certificate or barcode number), which must stay as written.
NOISE_CHARS = list("当事人销售不合格灭火器，。：（）() -0123456789abcXx@.")
NOISE = st.text(alphabet=st.sampled_from(NOISE_CHARS), max_size=30)
BEFORE = NOISE.map(lambda t: t + "，" if t and t[-1].isalnum() else t)
AFTER = NOISE.map(lambda t: "，" + t if t and (t[0].isalnum() or t[0] in "@.") else t)
TEXT_FIELDS = [f.id for f in CASE.public_fields if f.value_type in (ValueType.TEXT, ValueType.FREE_TEXT) and f.id != "party_name"]


@hsettings(max_examples=300, deadline=None)
@given(secret=SECRETS, before=BEFORE, after=AFTER, field=st.sampled_from(TEXT_FIELDS))
# once found: digits, a comma, a mobile read together as a credit code, which swallowed the mobile
@example(secret="13000000000", before="0000001，", after="", field="legal_rep")
def test_planted_personal_data_never_survives_redaction(secret, before, after, field):
    record = Record(CASE, {"decision_no": "测试罚〔2026〕1号", "party_name": "测试公司", "party_type": "法人及非法人组织",
                           field: before + secret + after}, Source("f", "", 2))
    log = RedactionLog()
    view = public_view(record, SETTINGS, log)
    assert secret not in "".join(str(v) for v in view.values())
    assert log.total() >= 1


# --- a whole built site, searched file by file --------------------------------------------------------

FORBIDDEN_NAMES = {
    "minor": "未成年当事人甲乙丙",
    "warning": "仅警告单位甲乙丙有限公司",
    "simple": "简易程序单位甲乙丙有限公司",
    "revoked": "已撤销单位甲乙丙有限公司",
    "expired": "已过期单位甲乙丙有限公司",
    "embargo": "未到期单位甲乙丙有限公司",
    "person": "张三丰",
    "repaired": "已修复单位甲乙丙有限公司",
}
PLANTED = [ID, ID_X, "13987654321", "0571-87654321", "6222021234567890123", "li.si@example.cn"]


def all_output_text(site) -> str:
    chunks = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            if path.suffix == ".xlsx":  # a zip of XML parts: read each part
                with zipfile.ZipFile(path) as book:
                    chunks.extend(book.read(n).decode("utf-8", errors="ignore") for n in book.namelist())
                continue
            chunks.append(data.decode("utf-8", errors="ignore"))
    return "\n".join(chunks)


def test_whole_site_holds_no_personal_data_and_no_forbidden_record(fixture_site):
    facts = "当事人在摊位留下联系方式" + "；".join(PLANTED) + "。"
    rows = [
        case_row(1, 违法事实=facts, 处罚内容=f"罚款。联系人{PLANTED[2]}"),
        case_row(2, 当事人名称=FORBIDDEN_NAMES["person"], 当事人类型="自然人", 统一社会信用代码="",
                 违法事实=f"当事人{FORBIDDEN_NAMES['person']}身份证{ID}"),
        case_row(3, 当事人名称=FORBIDDEN_NAMES["minor"], 当事人类型="自然人", 统一社会信用代码=""),
        case_row(4, 当事人名称=FORBIDDEN_NAMES["warning"], 处罚类别="警告", 罚款金额=""),
        case_row(5, 当事人名称=FORBIDDEN_NAMES["simple"]),
        case_row(6, 当事人名称=FORBIDDEN_NAMES["revoked"]),
        case_row(7, 当事人名称=FORBIDDEN_NAMES["expired"], 处罚决定日期="2022-01-04", 公示日期="2022-01-05"),
        case_row(8, 当事人名称=FORBIDDEN_NAMES["embargo"], 处罚决定日期="2026-05-28", 公示日期="2026-06-10"),
    ]
    headers = list(rows[0]) + ["证件号码", "是否未成年人", "适用程序", "状态", "状态日期", "状态说明"]
    rows[1]["证件号码"] = ID
    rows[2]["是否未成年人"] = "是"
    rows[4]["适用程序"] = "简易程序"
    rows[5].update({"状态": "已撤销", "状态日期": "2026-05-20", "状态说明": "经行政复议撤销"})
    from conftest import write_csv

    write_csv(fixture_site.root / "data" / "cases" / "cases.csv", rows, headers=headers)
    fixture_site.blacklist_csv([
        {"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": rows[0]["统一社会信用代码"],
         "列入事由": f"拒不整改，联系人电话{PLANTED[2]}", "作出决定机关": "测试市市场监督管理局", "列入日期": "2026-04-01",
         "移出日期": "", "移出原因": ""},
        {"当事人名称": FORBIDDEN_NAMES["repaired"], "统一社会信用代码": uscc("91110000ABCDE0001"),
         "列入事由": "伪造认证证书", "作出决定机关": "测试市市场监督管理局", "列入日期": "2024-03-01",
         "移出日期": "2025-04-01", "移出原因": "信用修复"},
    ])
    # The revoked case was public at the first build: the change log must not name it afterwards.
    assert fixture_site.run("build", "--as-of", "2026-05-01") == 0
    assert FORBIDDEN_NAMES["revoked"] in all_output_text(fixture_site.site)
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0

    text = all_output_text(fixture_site.site)
    for secret in PLANTED:
        assert secret not in text, secret
    for kind, name in FORBIDDEN_NAMES.items():
        assert name not in text, kind
    assert "张*" in fixture_site.page("cases/测试市监罚-2026-2号")
    changes = fixture_site.page("changes")
    assert "测试市监罚〔2026〕6号，处罚决定已撤销" in changes
    assert (fixture_site.site / "cases" / "测试市监罚-2026-1号" / "index.html").exists()
    assert not (fixture_site.site / "cases" / "测试市监罚-2026-6号").exists()


# --- the property through every generated output (pages, downloads, search entries, change log) -------

def _every_output(records_values: list[dict]) -> str:
    """All text the generator itself writes for these case records, rendered as in a build."""
    import io
    import tempfile

    from conftest import prepared_for, write_outputs
    from generator.core.model import Dataset

    dataset = Dataset(records={"cases": [Record(CASE, v, Source("f.csv", "", i + 2))
                                         for i, v in enumerate(records_values)], "blacklist": []})
    with tempfile.TemporaryDirectory() as tmp:
        prepared = prepared_for(dataset, SETTINGS, date(2026, 6, 1), Path(tmp))
        files = write_outputs(prepared, Path(tmp) / "site")
    chunks = [json_dumps(prepared.manifest)]
    for name, data in files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                chunks += [book.read(n).decode("utf-8", "ignore") for n in book.namelist()]
        elif not name.endswith(".gz"):
            chunks.append(data)
    return "\n".join(chunks).replace("\u200b", "")  # search text is segmented with zero-width spaces


def json_dumps(data) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, default=str)


FREE_TEXT = [f.id for f in CASE.public_fields if f.value_type is ValueType.FREE_TEXT]


@hsettings(max_examples=20, deadline=None)
@given(secret=SECRETS, before=BEFORE, after=AFTER, field=st.sampled_from(FREE_TEXT))
@example(secret="6200000000000000000", before="", after="-x", field="violation")  # once drawn by chance, leaked
def test_planted_personal_data_reaches_no_generated_output(secret, before, after, field):
    values = {"decision_no": "测试罚〔2026〕1号", "party_name": "测试公司", "party_type": "法人及非法人组织",
              "uscc": uscc("91110000123450001"), "violation": "销售不合格灭火器", "basis": "产品质量法",
              "penalty_kind": ("罚款",), "penalty": "罚款", "fine": Decimal("20000"), "authority": "测试局",
              "decision_date": date(2026, 3, 2), "publish_date": date(2026, 3, 5)}
    values[field] = before + secret + after
    text = _every_output([values])
    assert "测试罚〔2026〕1号" in text  # the record is there…
    assert secret not in text  # …and the planted item is not


def test_the_word_dictionary_read_from_jiebas_cache_is_the_one_jieba_reads_and_a_damaged_cache_is_left_to_jieba(
        tmp_path):
    import jieba

    from generator.core.segmenter import jieba_ready, read_cache

    own = jieba.Tokenizer()
    own.initialize()  # jieba's own way (it writes the cache first where there is none)
    ready = jieba_ready().dt
    assert ready.initialized and ready.FREQ == own.FREQ and ready.total == own.total
    damaged = jieba.Tokenizer()
    damaged.tmp_dir = str(tmp_path)
    (tmp_path / "jieba.cache").write_bytes(b"\x00not a dictionary")
    assert read_cache(damaged) is False and not damaged.initialized
