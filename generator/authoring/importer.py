"""Cleaning rules for bulletins copied or scraped from old sites: one function per rule, each removing only
what it names, each removal recorded (rule, line, text) so that what left the article can be added up.

Order: invisible characters, pinyin a converter put after characters, traditional -> simplified (except
between keep-traditional markers), then site furniture line by line (login prompts, editor credits, source
lines, page information, disclaimers, share buttons, page buttons, breadcrumbs), then the unrelated
headlines after the article. The line rules match on the simplified reading of a line, so a passage kept in
traditional characters is recognised too.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .garbled import spans_outside

RULES = {
    "invisible": "看不见的字符（零宽空格、方向控制符等）",
    "pinyin": "字后的拼音注音",
    "keep-marker": "保留繁体标记",
    "login": "登录注册提示",
    "credits": "编辑署名（责编、一审、二审、三审、编辑、校对等）",
    "source": "来源、供稿（已写入 source）",
    "page-meta": "发布时间、浏览次数等页面信息",
    "disclaimer": "版权和免责声明",
    "share": "分享按钮",
    "page-nav": "上一篇、下一篇、打印、关闭等页面按钮",
    "breadcrumb": "“当前位置”导航",
    "headlines": "文末无关标题列表",
}

_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u034f\u180e\u202a-\u202e\u2066-\u2069]+")
# One pinyin syllable with a tone mark, in ASCII or full-width brackets, right after a Chinese character.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（](?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}[)）]")
_MARKER = re.compile(r"【(/?)保留繁[体體]】")
_PUNCT = re.compile(r"[\s\u3000,，.。:：;；!！?？|｜/／、·•\-—_【】\[\]()（）<>《》\"“”'‘’]+")


@dataclass
class Removal:
    rule: str
    line: int  # line of the extracted text (1-based)
    text: str


@dataclass
class Cut:
    """Part of a line a rule removes: [start, end), and what it says (source, date) for the front matter."""

    start: int
    end: int
    meta: dict = field(default_factory=dict)


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# --- characters -------------------------------------------------------------------------------------------

def remove_invisible(line: str) -> tuple[str, list[str]]:
    """invisible: zero-width spaces and joiners, direction controls, soft hyphens, BOMs."""
    return _INVISIBLE.sub("", line), _INVISIBLE.findall(line)


def remove_pinyin(line: str) -> tuple[str, list[str]]:
    """pinyin: a tone-marked syllable in brackets right after a Chinese character: 地區(qū) -> 地區."""
    return PINYIN.sub("", line), PINYIN.findall(line)


def convert(line: str, keeping: bool, keep_all: bool) -> tuple[str, bool, list[str], int, bool]:
    """Traditional -> simplified with OpenCC t2s, except between 【保留繁体】 and 【/保留繁体】 (markers removed),
    everywhere with keep_all, and in garbled passages (left as found, for a person to recover).

    Returns (text, keeping after the line, markers removed, characters changed, whether any text was kept)."""
    out, markers, changed, kept_any, pos = [], [], 0, False, 0
    pieces = []
    for match in _MARKER.finditer(line):
        pieces.append((line[pos:match.start()], keeping))
        markers.append(match.group())
        keeping = not match[1]
        pos = match.end()
    pieces.append((line[pos:], keeping))
    for text, keep in pieces:
        if keep or keep_all:
            out.append(text)
            kept_any = kept_any or bool(text.strip())
            continue
        for start, end, suspect in spans_outside(text):
            piece = text[start:end]
            simplified = piece if suspect else _t2s().convert(piece)
            changed += sum(a != b for a, b in zip(piece, simplified)) + abs(len(piece) - len(simplified))
            out.append(simplified)
    return "".join(out), keeping, markers, changed, kept_any


def simplified_view(line: str) -> str:
    return _t2s().convert(line)


# --- site furniture, one line at a time ----------------------------------------------------------------------

_LOGIN_WORDS = sorted(("用户登录", "会员登录", "账号登录", "手机号登录", "扫码登录", "退出登录", "请登录", "登录后", "登录",
                       "立即注册", "免费注册", "我要注册", "用户注册", "注册", "还没有账号", "没有账号", "已有账号", "还没有帐号",
                       "忘记密码", "找回密码", "用户名", "密码", "验证码", "记住我", "自动登录", "退出"), key=len, reverse=True)
_LOGIN = re.compile("|".join(_LOGIN_WORDS))


def login(view: str) -> Cut | None:
    """login: a line made only of login and registration words (用户登录, 还没有账号？, 立即注册, 忘记密码…)."""
    if _LOGIN.search(view) and not _PUNCT.sub("", _LOGIN.sub("", view)):
        return Cut(0, len(view))
    return None


_CREDIT_LABELS = ("责任编辑|责编|网络编辑|值班编辑|编辑|初审|复审|终审|一审|二审|三审|审核|审校|校对|签发|美编")
_CREDIT = rf"(?:{_CREDIT_LABELS})\s*[:：]\s*[^:：|｜/／()（）【】\[\]]{{1,20}}?"
_CREDITS_LINE = re.compile(rf"[(（【\[]?\s*{_CREDIT}(?:\s*[|｜/／,，;；]?\s*{_CREDIT})*\s*[)）】\]]?")
_CREDITS_TAIL = re.compile(rf"[(（【\[]\s*{_CREDIT}(?:\s*[|｜/／,，;；]?\s*{_CREDIT})*\s*[)）】\]]\s*$")


def credits(view: str) -> Cut | None:
    """credits: a line of editor credits (责编：… 一审：… 校对：…), or such credits in brackets ending a line."""
    if _CREDITS_LINE.fullmatch(view):
        return Cut(0, len(view))
    match = _CREDITS_TAIL.search(view)
    return Cut(match.start(), len(view)) if match and match.start() > 0 else None


_SOURCE_LABELS = "来源|信息来源|稿件来源|文章来源|新闻来源|稿源|供稿单位|供稿|出处"
_SOURCE_LINE = re.compile(rf"[(（【\[]?\s*(?:{_SOURCE_LABELS})\s*[:：]\s*(?P<value>[^:：]{{1,40}}?)\s*[)）】\]]?")
_SOURCE_TAIL = re.compile(rf"[(（]\s*(?:(?:{_SOURCE_LABELS})\s*[:：]\s*(?P<a>[^()（）:：]{{1,40}}?)|"
                          r"(?P<b>[^()（）:：]{1,40}?)\s*供稿)\s*[)）]\s*$")


def source(view: str) -> Cut | None:
    """source: a line 来源：… / 供稿：…, or (供稿：…) / (… 供稿) ending a paragraph; the source goes to front matter."""
    match = _SOURCE_LINE.fullmatch(view)
    if match and _DISCLAIMER_ANY.search(match["value"]):
        return None  # 来源：… 版权所有…: the notice is cut first, by its own rule, and the source then read
    if match:
        return Cut(0, len(view), {"source": match["value"].strip()})
    match = _SOURCE_TAIL.search(view)
    if match and match.start() > 0:
        return Cut(match.start(), len(view), {"source": (match["a"] or match["b"]).strip()})
    return None


_META_LABELS = ("发布时间|发布日期|发表时间|发稿时间|更新时间|时间|日期|来源|信息来源|文章来源|作者|浏览次数|阅读次数|浏览量|阅读量|"
                "点击数|点击量|访问量|访问次数|字号|字体|分享")
_META_FIELD = re.compile(rf"(?P<label>{_META_LABELS})\s*[:：]\s*(?P<value>.*?)(?=\s*(?:{_META_LABELS})\s*[:：]|\s*【|$)")
_TOOLS = re.compile(r"【[^】]{0,8}】|\[[^\]]{0,8}\]|大\s*中\s*小|打印本页|打印|关闭窗口|关闭|收藏|默认")


_META_VALUES = {"time": re.compile(r"[\d\s\-/.:：年月日时分秒]+"), "count": re.compile(r"\d+\s*次?"),
                "name": re.compile(r"[^，。；！？,;!?]{1,30}"), "tool": re.compile(r".{0,12}")}


def _meta_kind(label: str) -> str:
    if "时间" in label or "日期" in label:
        return "time"
    if label in ("来源", "信息来源", "文章来源", "作者"):
        return "name"
    return "tool" if label in ("字号", "字体", "分享") else "count"


def page_meta(view: str) -> Cut | None:
    """page-meta: a line of labelled page information only (发布时间：… 来源：… 浏览次数：… 【字号：大 中 小】),
    each value of its kind (a date and time, a count, a name without sentence punctuation), at least one of
    them a time or a count, or at least two fields (来源：… 作者：…); its date and source go to front matter."""
    fields = list(_META_FIELD.finditer(view))
    if not fields or (len(fields) < 2 and _meta_kind(fields[0]["label"]) not in ("time", "count")):
        return None
    if not all(_META_VALUES[_meta_kind(f["label"])].fullmatch(_TOOLS.sub("", f["value"]).strip()) for f in fields):
        return None
    rest = _META_FIELD.sub("", view)
    if _PUNCT.sub("", _TOOLS.sub("", rest)):
        return None
    meta = {}
    for f in fields:
        value = _TOOLS.sub("", f["value"]).strip()
        if f["label"] in ("来源", "信息来源", "文章来源") and value:
            meta.setdefault("source", value)
        elif "时间" in f["label"] or "日期" in f["label"]:
            meta.setdefault("date_text", value)
    return Cut(0, len(view), meta)


_DISCLAIMER_START = re.compile(r"^\s*(?:免责声明|版权声明|声明\s*[:：]|版权所有|copyright|©|\(c\))", re.I)
_DISCLAIMER_ANY = re.compile(r"版权所有(?![者人])|ICP备|ICP证|公网安备|网站标识码|转载请注明|未经授权不得转载|未经许可不得转载|"
                             r"不得转载|如有侵权|侵删|本网站所刊登|本网所刊登|本站所刊登|主办单位\s*[:：]|承办单位\s*[:：]|"
                             r"技术支持\s*[:：]|建议使用.{0,20}浏览器|最佳浏览", re.I)


_DISCLAIMER_INSIDE = re.compile(r"\s*(?:免责声明|版权声明)\s*[:：]")
_SOURCE_LEAD = re.compile(rf"\s*(?:{_SOURCE_LABELS})\s*[:：]\s*[^\s:：，。；]{{1,40}}")


def disclaimer(view: str) -> Cut | None:
    """disclaimer: a line that starts with 免责声明/版权声明/版权所有/© or holds a site notice (ICP备, 公网安备,
    转载请注明, 如有侵权, 主办单位：…); at most 200 characters. Where the notice follows other furniture on the
    same line (来源：网络整理 免责声明：…), only the notice goes: what is before it is left to its own rule."""
    inside = _DISCLAIMER_INSIDE.search(view)
    if inside and inside.start() > 0 and len(view) - inside.start() <= 200:
        return Cut(inside.start(), len(view))
    if len(view) <= 200 and (_DISCLAIMER_START.search(view) or _DISCLAIMER_ANY.search(view)):
        lead = _SOURCE_LEAD.match(view)
        if lead and lead.end() < len(view) and _DISCLAIMER_ANY.search(view, lead.end()):
            return Cut(lead.end(), len(view))  # 来源：… then a notice: the source goes to front matter
        return Cut(0, len(view))
    return None


_SHARE_START = re.compile(r"^\s*(?:分享到|分享至|一键分享|分享\s*[:：]|扫一扫|微信扫一扫|扫码分享|用手机扫描|手机扫码)")
_SHARE_WORDS = re.compile(r"QQ空间|QQ好友|新浪微博|腾讯微博|微信朋友圈|朋友圈|微信|微博|QQ|豆瓣|人人网|复制链接|分享|收藏|点赞|转发",
                          re.I)


def share(view: str) -> Cut | None:
    """share: a line starting 分享到/扫一扫…, or made only of share targets (微信 微博 QQ空间 复制链接…)."""
    if _SHARE_START.search(view) or (_SHARE_WORDS.search(view) and not _PUNCT.sub("", _SHARE_WORDS.sub("", view))):
        return Cut(0, len(view))
    return None


_NAV_START = re.compile(r"^\s*[【\[]?(?:上一篇|下一篇|上一条|下一条|上一页|下一页|返回列表|返回顶部|返回首页|返回上页|关闭窗口|打印本页|"
                        r"打印此页|收藏本页)")
_NAV_WORDS = re.compile(r"打印本页|打印此页|打印|关闭窗口|关闭|返回顶部|返回列表|返回|收藏本页|收藏|字号|字体|大\s*中\s*小|默认|"
                        r"加大|减小|放大|缩小|顶部|TOP", re.I)


def page_nav(view: str) -> Cut | None:
    """page-nav: a line starting 上一篇/下一篇/返回列表/关闭窗口/打印本页…, or made only of page buttons
    (【打印】【关闭】 字号 大 中 小)."""
    if _NAV_START.search(view) or (_NAV_WORDS.search(view) and not _PUNCT.sub("", _NAV_WORDS.sub("", view))):
        return Cut(0, len(view))
    return None


_BREADCRUMB = re.compile(r"^\s*(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|您当前位置|所在位置|当前页)\s*[:：]?|"
                         r"^\s*首页\s*(?:[>＞»/›]\s*[^>＞»/›]{1,20}\s*){1,6}$")


def breadcrumb(view: str) -> Cut | None:
    """breadcrumb: a line starting 当前位置/您的位置…, or 首页 > 栏目 > 正文."""
    return Cut(0, len(view)) if _BREADCRUMB.search(view) else None


LINE_RULES = (("login", login), ("credits", credits), ("source", source), ("page-meta", page_meta),
              ("disclaimer", disclaimer), ("share", share), ("page-nav", page_nav), ("breadcrumb", breadcrumb))


# --- the end of the article ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?…](?:[”’」』）)】\]]*)$")
_RELATED = re.compile(r"(?:相关新闻|相关阅读|相关文章|相关链接|相关信息|推荐阅读|延伸阅读|热点新闻|热门新闻|热门文章|最新新闻|最新动态|"
                      r"往期回顾|更多新闻|猜你喜欢|精彩推荐|热点推荐|图片新闻|新闻排行|阅读排行|更多)\s*[:：]?\s*(?:>>|》|>|＞)*")
ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[.、．)）]|[（(][一二三四五六七八九十\d]+[)）]|[①-⑳])")
_ORGANISATION = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:局|支队|大队|总队|委员会|办公室|中心|政府|公司|协会|所|院|站)$")
_DATE_ONLY = re.compile(r"^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|"
                        r"[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")
HEADLINE_MAX = 60


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def signature(text: str) -> bool:
    """A line that signs the article: only a date, or only an organisation's name."""
    bare = text.lstrip("- ").strip()
    return bool(_DATE_ONLY.match(bare) or _ORGANISATION.match(bare))


def headlines(tail: list[str], furniture_after_end: bool) -> int | None:
    """headlines: after the article's last sentence (and any lines signing it), a list of short lines that
    are no sentences: removed when furniture was already removed after the article, or a heading like 相关新闻
    leads the list, or it has three lines or more. A list introduced by a colon, numbered (一、 1. （一）),
    or with a line over 60 characters is the article's own. Returns where the list starts in `tail`."""
    start = 0
    while start < len(tail) and signature(tail[start]):
        start += 1
    block = tail[start:]
    if not block:
        return None
    if any(len(line) > HEADLINE_MAX or ends_sentence(line) or ENUMERATED.match(line) for line in block):
        return None
    related = any(_RELATED.fullmatch(line) for line in block)
    if furniture_after_end or related or len(block) >= 3:
        return start
    return None
