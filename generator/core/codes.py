"""Every problem code the generator reports, in one place: its default severity and what it means, in the words
the README's table shows (tests/test_docs.py checks that table against this catalogue; `make docs` rewrites it).
Call sites name a code by its constant here, never by a string of their own.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    id: str
    severity: str  # as the table shows it: 错误, 警告, 提示, or 错误/警告 where the place decides
    meaning: str  # what a clerk reads in the README's table


CATALOGUE: tuple[Code, ...] = (
    Code("encoding-unknown", "错误",
         "文件编码无法识别（不是 UTF-8、GBK/GB18030、Big5，如 UTF-16；或 UTF-8 文件中有损坏的字节），请另存为 CSV UTF-8"),
    Code("file-unreadable", "错误",
         "文件损坏或格式不对（YAML/JSON 写明行号），或嵌套过深"),
    Code("file-shape", "错误",
         "YAML/JSON 不是记录列表；某个字段的值是一组值或“字段: 值”组"),
    Code("file-format", "错误/警告",
         ".xls 等旧格式（请另存为 .xlsx）；扩展名为 .csv 的其实是 Excel 文件；其他不是数据的文件；不在 cases/、blacklist/、campaigns/、decisions/ 中的文件"),
    Code("data-missing", "错误",
         "找不到数据目录"),
    Code("header-missing", "错误",
         "文件或工作表找不到表头，未读取（说明页可在映射文件 `ignore_sheets` 中列出）"),
    Code("file-too-large", "错误",
         "文件超过大小、解压后大小、行数、列数、单元格数或单元格字数上限（`max_*` 设置），整个文件未读取"),
    Code("yaml-aliases", "错误",
         "YAML 文件的引用（`&锚点`/`*别名`）过多、展开后过大或引用自身，整个文件未读取"),
    Code("encoding-mismatch", "错误",
         "文件开头的 BOM 标明是 UTF-8，内容却不是（常见为 GBK），未读取（请另存为 CSV UTF-8）"),
    Code("control-characters", "警告",
         "单元格中有看不见的字符（空字符、文字方向控制符、零宽字符等），已删除"),
    Code("address-too-long", "错误",
         "文号、文章标题或分类过长，生成的页面地址超过 150 字节，无法作为文件名"),
    Code("campaign-id", "错误",
         "专项行动 id 含字母、数字、汉字和 - 以外的字符，或过长，不能作为网页地址"),
    Code("unknown-column", "警告",
         "不认识的列，已忽略"),
    Code("duplicate-column", "提示",
         "两列对应同一字段：读取有内容的一列"),
    Code("conflicting-columns", "错误",
         "对应同一字段的两列（或 YAML/JSON 中重复的键）内容不一致"),
    Code("cell-without-header", "错误",
         "没有表头的列中有内容，无法归入任何字段"),
    Code("hidden-sheet", "错误",
         "隐藏的工作表未读取（请取消隐藏，或在 `ignore_sheets` 中列出）"),
    Code("formula-not-calculated", "错误",
         "公式没有计算结果（请在 Excel/WPS 中打开并保存）"),
    Code("merged-cells", "提示",
         "合并单元格已按显示内容展开到每一行"),
    Code("mapping-invalid", "错误",
         "映射文件写法有误"),
    Code("placeholder-row", "提示",
         "占位行，已跳过"),
    Code("required-missing", "错误",
         "必填项为空"),
    Code("invalid-date", "错误",
         "日期无法识别或不存在"),
    Code("invalid-amount", "错误",
         "金额无法识别"),
    Code("negative-amount", "错误",
         "金额为负数"),
    Code("invalid-uscc", "错误",
         "统一社会信用代码位数、字符或校验位不对（会给出应有的校验位）"),
    Code("uscc-looks-like-id", "错误",
         "“统一社会信用代码”一栏是（或含有）身份证号码格式的号码（地区码加出生日期，不论校验位对错）：不公开，提示中不显示号码、不给出校验位，请移到“证件号码”列"),
    Code("invalid-id-number", "错误",
         "身份证号码校验位或出生日期不对"),
    Code("invalid-choice", "错误",
         "不在可选范围内（如当事人类别、处罚类别）"),
    Code("date-order", "错误",
         "日期先后不对（如公示早于决定、移出早于列入）"),
    Code("early-stop-forbidden", "错误",
         "依法不得提前停止公示的处罚被标为“提前停止公示”"),
    Code("credit-repair-too-early", "错误",
         "列入不满一年即信用修复移出；信用中国规则下未满最短公示期（3 个月，消防等领域 1 年）即信用修复；市场监管规则下未满规定时限即提前停止公示"),
    Code("decision-unreadable", "错误",
         "决定书无法读取：扫描的 PDF（没有文字层，无法遮蔽个人信息，请提供 Word 或带文字的 PDF）、加密或损坏的文件"),
    Code("decision-orphan", "错误",
         "data/decisions 中的决定书找不到对应的案件（文件名应为文号，或在“决定书文件”列写明）"),
    Code("decision-missing", "错误",
         "案件的“决定书文件”列写的文件在 data/decisions 中找不到"),
    Code("decision-no-form", "警告",
         "决定书文号不是“机关代字〔年份〕序号号”的形式"),
    Code("decision-no-year", "警告",
         "决定书文号中的年份与处罚决定日期的年份不同"),
    Code("party-no-longer-public", "警告",
         "手写页面提到的企业已没有正在公示的信息，请核对是否应删去或改用典型案例标记"),
    Code("duplicate", "错误",
         "决定书文号重复，同一主体列入期间重叠，或专项行动 id 相同或只差大小写（两处都会列出）"),
    Code("duplicate-address", "错误",
         "两个文号（或两篇文章、两个分类）生成了相同的页面地址，或只差大小写（在 Windows、macOS 上是同一个文件）"),
    Code("invalid-decision-no", "错误",
         "决定书文号中没有文字或数字，无法生成页面地址"),
    Code("personal-data-in-code", "错误",
         "文号、列入决定书文号、专项行动 id 等编号中含有疑似证件号、手机号、电话、银行卡号、邮箱或人名"),
    Code("fine-missing", "警告",
         "处罚类别含罚款但未填金额"),
    Code("personal-data-in-content", "警告",
         "手写页面正文或页脚等设置中有疑似身份证号、手机号、银行卡号、邮箱或数据中出现过的自然人姓名"),
    Code("personal-data-in-address", "错误",
         "会成为网页地址、标题、订阅或搜索条目的文字（文章和消费提示的标题、slug、分类、标签、文件名，专项行动名称，网站名称）中有疑似个人信息：发布后无法遮蔽，须先删除"),
    Code("personal-data-masked", "警告",
         "文章的 description（网页摘要）中有疑似个人信息，网页中已遮蔽，请从原文删除"),
    Code("front-matter-markup", "错误",
         "标题、摘要、分类等开头设置中有 < 或 >：这些是纯文字，不能写网页代码（请用全角＜＞或《》）"),
    Code("address-empty", "错误",
         "文章标题或分类只有标点符号，生成的网页地址是空的"),
    Code("status-incomplete", "警告",
         "撤销、变更等状态缺少日期或说明（缺日期的按立即生效处理），或填了状态日期却仍为“有效”"),
    Code("late-publication", "警告",
         "公示晚于决定后 20 个工作日（按国务院节假日和调休安排计算；未收录安排的年份只按周一至周五计算，提示中写明年份）"),
    Code("campaign-unknown", "警告",
         "专项行动 id 不存在"),
    Code("campaign-stat", "错误",
         "专项行动统计项写法有误"),
    Code("campaign-products", "错误",
         "专项行动的 products 不是产品类别列表"),
    Code("config-invalid", "错误",
         "设置项的值无效"),
    Code("config-unknown", "警告",
         "未知的设置项"),
    Code("config-loosened", "错误",
         "设置放宽了法定公示规则"),
    Code("config-as-of", "警告",
         "mkdocs.yml 固定了判断日期，网站不会随日期自动撤下到期信息"),
    Code("front-matter-invalid", "错误",
         "手写页面开头 `---` 之间的设置（front matter）写法有误"),
    Code("history-reset", "警告",
         "保存“更新记录”的文件已损坏，更新记录从本次生成重新开始"),
    Code("config-placement", "错误/警告",
         "数据目录或更新记录目录位于内容目录中（会被原样发布）；内容目录中有表格文件"),
)
BY_ID = {c.id: c for c in CATALOGUE}


def table() -> str:
    """The README's table of problem codes, as Markdown."""
    head = "| 代码 | 级别 | 含义 |\n| --- | --- | --- |\n"
    return head + "".join(f"| `{c.id}` | {c.severity} | {c.meaning} |\n" for c in CATALOGUE)


# The constants call sites use.

ENCODING_UNKNOWN = "encoding-unknown"
FILE_UNREADABLE = "file-unreadable"
FILE_SHAPE = "file-shape"
FILE_FORMAT = "file-format"
DATA_MISSING = "data-missing"
HEADER_MISSING = "header-missing"
FILE_TOO_LARGE = "file-too-large"
YAML_ALIASES = "yaml-aliases"
ENCODING_MISMATCH = "encoding-mismatch"
CONTROL_CHARACTERS = "control-characters"
ADDRESS_TOO_LONG = "address-too-long"
CAMPAIGN_ID = "campaign-id"
UNKNOWN_COLUMN = "unknown-column"
DUPLICATE_COLUMN = "duplicate-column"
CONFLICTING_COLUMNS = "conflicting-columns"
CELL_WITHOUT_HEADER = "cell-without-header"
HIDDEN_SHEET = "hidden-sheet"
FORMULA_NOT_CALCULATED = "formula-not-calculated"
MERGED_CELLS = "merged-cells"
MAPPING_INVALID = "mapping-invalid"
PLACEHOLDER_ROW = "placeholder-row"
REQUIRED_MISSING = "required-missing"
INVALID_DATE = "invalid-date"
INVALID_AMOUNT = "invalid-amount"
NEGATIVE_AMOUNT = "negative-amount"
INVALID_USCC = "invalid-uscc"
USCC_LOOKS_LIKE_ID = "uscc-looks-like-id"
INVALID_ID_NUMBER = "invalid-id-number"
INVALID_CHOICE = "invalid-choice"
DATE_ORDER = "date-order"
EARLY_STOP_FORBIDDEN = "early-stop-forbidden"
CREDIT_REPAIR_TOO_EARLY = "credit-repair-too-early"
DECISION_UNREADABLE = "decision-unreadable"
DECISION_ORPHAN = "decision-orphan"
DECISION_MISSING = "decision-missing"
DECISION_NO_FORM = "decision-no-form"
DECISION_NO_YEAR = "decision-no-year"
PARTY_NO_LONGER_PUBLIC = "party-no-longer-public"
DUPLICATE = "duplicate"
DUPLICATE_ADDRESS = "duplicate-address"
INVALID_DECISION_NO = "invalid-decision-no"
PERSONAL_DATA_IN_CODE = "personal-data-in-code"
FINE_MISSING = "fine-missing"
PERSONAL_DATA_IN_CONTENT = "personal-data-in-content"
PERSONAL_DATA_IN_ADDRESS = "personal-data-in-address"
PERSONAL_DATA_MASKED = "personal-data-masked"
FRONT_MATTER_MARKUP = "front-matter-markup"
ADDRESS_EMPTY = "address-empty"
STATUS_INCOMPLETE = "status-incomplete"
LATE_PUBLICATION = "late-publication"
CAMPAIGN_UNKNOWN = "campaign-unknown"
CAMPAIGN_STAT = "campaign-stat"
CAMPAIGN_PRODUCTS = "campaign-products"
CONFIG_INVALID = "config-invalid"
CONFIG_UNKNOWN = "config-unknown"
CONFIG_LOOSENED = "config-loosened"
CONFIG_AS_OF = "config-as-of"
FRONT_MATTER_INVALID = "front-matter-invalid"
HISTORY_RESET = "history-reset"
CONFIG_PLACEMENT = "config-placement"
