"""The national "双公示" layout of administrative-penalty information (行政许可和行政处罚等信用信息数据归集标准,
the 30 columns of 国家公共信用信息中心's penalty template, 2019 edition as used by provincial credit portals):
the public cases exported so the clerk uploads what the site shows instead of typing it twice.

Amounts are in 万元 (six decimals), dates YYYY-MM-DD. Columns the law keeps private (ID numbers of persons and
representatives) stay empty; codes the site does not hold (工商注册号 …) too. 处罚机关统一社会信用代码 and
数据来源单位 come from the settings of each authority (settings.authorities).
"""
from __future__ import annotations

from decimal import Decimal

from ..core.lawsettings import authority_of
from ..core.schema import Export

TEN_THOUSAND = Decimal(10000)


def _wan(value) -> Decimal | None:
    return (value / TEN_THOUSAND).quantize(Decimal("0.000001")) if value is not None else None


def _authority(settings, entry):
    return authority_of(str(entry.view.get("authority", "")), settings.authorities)


def _code(entry):
    return entry.view.get("uscc") if entry.view.get("party_type") != "自然人" else None


def columns(settings) -> list[tuple]:
    """(id, header, data type, doc, value of an entry) of each column, in the standard's order."""
    v = lambda key: (lambda e: e.view.get(key))  # noqa: E731
    empty = lambda e: None  # noqa: E731
    return [
        ("xdr_mc", "行政相对人名称", "string", "当事人名称（自然人只显示姓氏）", v("party_name")),
        ("xdr_lb", "行政相对人类别", "string", "法人及非法人组织 / 自然人 / 个体工商户", v("party_type")),
        ("xdr_shxym", "行政相对人代码_1(统一社会信用代码)", "string", "", _code),
        ("xdr_gszc", "行政相对人代码_2(工商注册号)", "string", "本站不收集，留空", empty),
        ("xdr_zzjg", "行政相对人代码_3(组织机构代码)", "string", "本站不收集，留空", empty),
        ("xdr_swdj", "行政相对人代码_4(税务登记号)", "string", "本站不收集，留空", empty),
        ("xdr_sydw", "行政相对人代码_5(事业单位证书号)", "string", "本站不收集，留空", empty),
        ("xdr_shzz", "行政相对人代码_6(社会组织登记证号)", "string", "本站不收集，留空", empty),
        ("fddbr", "法定代表人", "string", "按网站设置公开的法定代表人（负责人）", v("legal_rep")),
        ("fddbr_zjlx", "法定代表人证件类型", "string", "个人信息，不公开，留空", empty),
        ("fddbr_zjhm", "法定代表人证件号码", "string", "个人信息，不公开，留空", empty),
        ("zjlx", "证件类型", "string", "个人信息，不公开，留空", empty),
        ("zjhm", "证件号码", "string", "个人信息，不公开，留空", empty),
        ("cf_wsh", "行政处罚决定书文号", "string", "", v("decision_no")),
        ("cf_wfxw", "违法行为类型", "string", "", v("violation")),
        ("cf_sy", "违法事实", "string", "已遮蔽个人信息", v("facts")),
        ("cf_yj", "处罚依据", "string", "", v("basis")),
        ("cf_cflb", "处罚类别", "string", "多项以“;”分隔", lambda e: ";".join(e.view.get("penalty_kind", ())) or None),
        ("cf_nr", "处罚内容", "string", "", v("penalty")),
        ("cf_nr_fk", "罚款金额（万元）", "number", "单位万元，保留六位小数", lambda e: _wan(e.view.get("fine"))),
        ("cf_nr_wfff", "没收违法所得、没收非法财物的金额（万元）", "number", "单位万元，保留六位小数",
         lambda e: _wan(e.view.get("confiscated"))),
        ("cf_nr_zkdx", "暂扣或吊销证照名称及编号", "string", "本站不收集，留空", empty),
        ("cf_jdrq", "处罚决定日期", "date", "", v("decision_date")),
        ("cf_yxq", "处罚有效期", "date", "限制期限截止日期，没有的为公示截止日",
         lambda e: e.view.get("restriction_until") or e.last_day),
        ("cf_gsjzq", "公示截止期", "date", "在本站公示的最后一天", lambda e: e.last_day),
        ("cf_cfjg", "处罚机关", "string", "", v("authority")),
        ("cf_cfjgdm", "处罚机关统一社会信用代码", "string", "来自网站设置 authorities 的 credit_code",
         lambda e: _authority(settings, e).credit_code or None),
        ("cf_sjly", "数据来源单位", "string", "来自网站设置 authorities 的 data_source，未设置的为处罚机关",
         lambda e: _authority(settings, e).data_source or e.view.get("authority")),
        ("cf_sjlydm", "数据来源单位统一社会信用代码", "string", "来自网站设置，未设置的为处罚机关的代码",
         lambda e: _authority(settings, e).data_source_code or _authority(settings, e).credit_code or None),
        ("bz", "备注", "string", "", v("remarks")),
    ]


EXPORT = Export("cases_shuanggongshi", "行政处罚信息（“双公示”格式）",
                "本站正在公示的行政处罚信息，按国家“双公示”行政处罚数据格式排列（金额单位万元），可直接用于报送信用门户",
                columns)
