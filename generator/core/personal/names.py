"""Natural persons' names in free text: after the words that introduce a person (经理张三, 法定代表人（李四）,
姓名：王五, 负责人系赵六), the next names of a list (张三、李四和王五), and every name the data itself knows.

A name is masked as its surname and * (张*). Words that merely start with a surname (负责人安排…) are not names:
the dictionary of the word segmenter (jieba) tells common words from names; a known name inside ordinary
words (属于强制性 for 于强), a place name (张华路) or a company name (张华电器有限公司) is left alone.
"""
from __future__ import annotations

import functools
import re

from ..segmenter import jieba_ready, on_release, tagger
from .trie import words_pattern

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "申屠", "澹台", "呼延", "南宫", "西门", "百里", "独孤", "万俟", "闻人",
)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封储芮羊阎糜雍郁邱滑丘赖"
    "钮粟晋蔺秋晁柴竺车茅弓井仝帅支丰荆鞠谈练")
# Words that introduce a natural person. 当事人 is not one: it precedes verbs (当事人销售…); 当事人系 is.
ROLES = (
    "法定代表人", "法人代表", "法人", "负责人", "主要负责人", "经营者", "经理", "总经理", "副经理", "副总经理", "店长",
    "厂长", "副厂长", "老板", "老板娘", "会计", "出纳", "委托代理人", "代理人", "股东", "实际控制人", "实际经营者",
    "店主", "业主", "户主", "员工", "职工", "工作人员", "店员", "雇员", "营业员", "售货员", "销售员", "收银员",
    "业务员", "采购员", "仓管员", "保管员", "质检员", "检验员", "安全员", "技术员", "电工", "焊工", "保安", "值班员",
    "值班人员", "主管", "司机", "驾驶员", "驾驶人", "消费者", "顾客", "买家", "卖家", "举报人", "投诉人", "受害人",
    "被害人", "证人", "监护人", "联系人", "患者", "住户", "租户", "承租人", "出租人", "房东", "村民", "居民",
    "其子", "其女", "其妻", "其夫", "其父", "其母", "亲属", "家属", "姓名", "名叫", "名为", "个体工商户", "个体户",
    "当事人系", "经营者系", "业主系", "持有人", "开户人", "户名", "收款人", "付款人", "签收人", "经办人",
    "董事长", "执行董事", "董事", "监事", "总监", "主任", "站长", "主播", "带货主播", "执业药师", "药师", "医生",
    "厨师", "服务员", "快递员", "外卖员", "保洁员", "维修工", "师傅", "合伙人", "执行事务合伙人", "投资人", "承包人",
    "实际经营人", "摊主", "经营户", "责任人", "直接责任人", "配偶", "丈夫", "妻子", "儿子", "女儿", "朋友", "同事",
    "客户", "行为人", "嫌疑人", "在场人", "被检查人", "陪同人员", "当事人:", "当事人(", "学生",
)
# Words that precede a person's name as often as anything else (当事人销售…, 当事人王五在…): a name after them only
# where the word segmenter tags one.
WEAK_ROLES = ("当事人",)
WEAK_ROLE = re.compile(f"(?:{words_pattern(WEAK_ROLES)})[ ]*")
# Function words that are also surnames (向, 和, 于 …): right after a role word they are words (消费者向本局投诉,
# 法人和其他组织), a name only where the word segmenter reads them as one word with what follows (于强投诉).
FUNCTION_SURNAMES = set("向和于支方将以由在与对从把被给为及")
CONNECT = r"[ ]*(?:[:：]|为|是|系|即|叫)?[ ]*(?:[(（“「『\"'\[《‘][ ]*)?"
ROLE = re.compile(f"(?:{words_pattern(ROLES)}){CONNECT}")
CANDIDATE = re.compile(r"[\u4e00-\u9fff](?:[ ]?[\u4e00-\u9fff]){1,5}")  # a name and what follows it
# Names no surname list knows: 阿依古丽·吐尔逊 (the dot is "." in the view), John Smith, ZHANG San.
DOTTED = re.compile(r"[\u4e00-\u9fff]{1,8}[ ]?[.\-][ ]?[\u4e00-\u9fff]{1,8}(?:[ ]?\.[ ]?[\u4e00-\u9fff]{1,8})?")
# Uyghur, Tibetan and Mongolian names written without the middle dot (扎西多吉, 买买提艾力): no surname list knows
# them; after a role word, a name that starts with one of their common parts runs to where the sentence goes on.
MINORITY_PARTS = ("买买提", "阿不都", "阿卜杜", "艾力", "艾合买提", "热合曼", "吐尔逊", "努尔", "古丽", "阿依", "依明", "玉素甫",
                  "扎西", "尼玛", "达娃", "次仁", "格桑", "卓玛", "多吉", "旺堆", "索朗", "巴桑", "拉巴", "普布", "央金",
                  "德吉", "白玛", "平措", "巴特尔", "其其格", "乌日", "那仁", "额尔敦", "斯琴", "孟和")
MINORITY = re.compile("(?:" + "|".join(MINORITY_PARTS) + r")[\u4e00-\u9fff]{1,5}?(?=[在于系将向把被对从称说未已到等的和与及"
                      r"销购经是为因以曾拒并也均都现自即仍不没表、，。；：,;:（(\s]|$)")
LATIN = re.compile(r"[A-Z][A-Za-z]*\.?(?:[ .\-][A-Z][A-Za-z]*\.?){1,3}(?![A-Za-z])|[A-Z][a-z]{2,}(?![A-Za-z])")
# After two given-name characters, the second a word such as 和 or 为, a name goes on (李春和称, 陈永为未到场)
# where one of these follows; otherwise that word belongs to the sentence (张三和李四, 张三为当事人).
NAME_THEN = set("称表销说拒签确承未在")
LIST_JOIN = re.compile(r"[ ]*(?:、|,|，|和|及|与|以及|或|跟)[ ]*")
# After a one-character given name these usually follow: a verb or preposition, not a second name character.
AFTER_NAME = set("在于系将向把被对从称说未已到等的和与及销购经是为因以曾拒并也均都现自即仍不没、，。；：,;:")
COMPANY = ("有限公司", "有限责任公司", "股份", "集团", "公司", "合伙", "事务所", "研究院", "协会", "学校", "医院")
PLACE = ("路", "街", "村", "镇", "乡", "县", "市", "区", "省", "桥", "山", "河", "湖", "港", "湾", "岛", "庄", "屯",
         "小区", "花园", "大道", "广场", "社区", "寺", "站")


@functools.cache
def _dictionary() -> tuple[dict, dict]:
    segmenter = tagger()
    return segmenter.tokenizer.FREQ, segmenter.word_tag_tab


on_release(_dictionary.cache_clear)


def frequency(word: str) -> int:
    return _dictionary()[0].get(word) or 0 if len(word) > 1 else 0


NAMEISH_TAGS = ("nr", "ns", "nz")  # persons, places, other proper names: 李四, 罗兰 can be a person's name too


def common_word(word: str, frequent: int = 50) -> bool:
    """An ordinary dictionary word (安排, 明确), not a name (李四) and not a proper name that names take (罗兰);
    very frequent words (文明) count as ordinary whatever their tag."""
    freq, tags = _dictionary()
    count = freq.get(word) or 0
    if tags.get(word, "").startswith(NAMEISH_TAGS):
        return count >= 3000
    return count >= frequent


def surname_of(name: str) -> str | None:
    for compound in COMPOUND_SURNAMES:
        if name.startswith(compound) and len(name) > len(compound):
            return compound
    return name[0] if name[:1] in SURNAMES else None


def mask_name(name: str) -> str:
    """A natural person's name as surname + '*'."""
    name = re.sub(r"\s+", "", name).lstrip("(（[【")
    return (surname_of(name) or name[:1]) + "*"


def _name_at(view: str, at: int) -> int | None:
    """Where a name starting at `at` ends (a surname, then one or two given-name characters), or None."""
    match = CANDIDATE.match(view, at)
    if not match:
        return None
    compact = match.group().replace(" ", "")
    surname = surname_of(compact)
    if surname is None:
        return None
    rest = compact[len(surname):]
    if not rest:
        return None
    if surname in FUNCTION_SURNAMES and _function_word(view, at):
        return None
    given = rest[:2]
    # One given-name character or two: whichever leaves the text continuing with the likelier word.
    # 王明确认了 is 王明 + 确认 (认了 is no word); 李明华表示 is 李明华 + 表示 (表示 beats 华表).
    if len(given) == 2 and (given[1] in AFTER_NAME or frequency(rest[1:3]) > max(frequency(rest[2:4]), 100)):
        given = given[:1]
    if len(given) == 1 and len(rest) > 1 and rest[1] in "和为均经":
        if len(rest) == 2 or not "\u4e00" <= rest[2] <= "\u9fff" or rest[2] in NAME_THEN:
            given = rest[:2]  # 李春和称不知情, 陈永为未到场, 老板黄玉均，
    # A third given-name character where names have one: after a compound surname (欧阳娜娜娜), a double
    # surname (陈李美玲), or a repeated character, when it starts no word of what follows.
    elif len(given) == 2 and len(rest) > 2 and rest[2] not in AFTER_NAME and frequency(rest[2:4]) < 50 and (
            len(surname) == 2 or rest[0] in SURNAMES or rest[2] == rest[1]):
        given = rest[:3]
    if set(given) == {"某"}:
        return None  # 王某某: already a pseudonym
    name = surname + given
    if common_word(name):  # 安排, 管理, 全面: a word that starts with a surname, not a name
        return None
    seen, end = 0, at  # the name's length in the text, which may have spaces inside
    while seen < len(name):
        if view[end] != " ":
            seen += 1
        end += 1
    return end


def _function_word(view: str, at: int) -> bool:
    """Whether the character at `at` (a surname that is also a function word) stands as a word of its own."""
    first = next(iter(jieba_ready().cut(view[at:at + 8], HMM=True)), "")
    return len(first) <= 1


def _other_name_at(view: str, at: int) -> int | None:
    """Where a name that no surname list knows ends: a dotted minority name or a Latin name."""
    for pattern in (DOTTED, LATIN, MINORITY):
        match = pattern.match(view, at)
        if match:
            return match.end()
    return None


def _tagged_person(view: str, at: int) -> bool:
    """Whether the word segmenter reads a person's name at `at` (王五在路边…; not 销售…, 于2026年…)."""
    if view[at:at + 1] not in SURNAMES and view[at:at + 2] not in COMPOUND_SURNAMES:
        return False
    words = list(tagger().cut(view[at:at + 8]))
    if not words:
        return False
    if words[0].flag.startswith("nr"):
        return True
    return words[0].word in COMPOUND_SURNAMES and len(words) > 1 and words[1].flag.startswith("nr")


def find_role_names(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for match in WEAK_ROLE.finditer(view):
        at = match.end()
        if at < len(view) and not taken[at] and _tagged_person(view, at):
            end = _name_at(view, at)
            if end is not None:
                found.append((at, end, "name"))
    for match in ROLE.finditer(view):
        role = match.group().rstrip(" :：为是系即叫(（")
        at, start = match.end(), match.start()
        if at == start + len(role) and at < len(view) and common_word(role + view[at], 5):
            continue  # 会计师, 经理人: the role word is the start of a longer word
        if _straddles(view, start, start + len(role)):
            continue  # 配电工程: 电工 is the end of one word and the start of the next
        while at < len(view) and not taken[at]:
            end = _other_name_at(view, at) or _name_at(view, at)
            if end is None:
                break
            while end < len(view) and view[end] in "”」』\"'》’)":
                end += 1  # the closing quote or bracket goes with the name
            found.append((at, end, "name"))
            join = LIST_JOIN.match(view, end)
            if not join or ROLE.match(view, join.end()) or common_word(view[end:join.end() + 1].strip(), 500):
                break  # 张三和安全员李四: the next role word takes over; 张三及时整改: 及时 is a word
            at = join.end()
    return found


def _straddles(view: str, start: int, end: int) -> bool:
    """Whether text[start:end] is cut out of two ordinary words: its first character ends the word before it,
    its last one begins the word after it (属于强制 for 于强, 配电工程 for 电工)."""
    if start == 0 or end >= len(view):
        return False
    before, after = view[start - 1:start + 1], view[end - 1:end + 1]
    return ("\u4e00" <= before[0] <= "\u9fff" and common_word(before, 100)
            and "\u4e00" <= after[1] <= "\u9fff" and common_word(after, 100))


def name_key(name: str) -> str:
    """A name as the index compares it: the detectors' view of it (simplified, half-width, · as .), without
    spaces and dots, Latin letters in lower case: 阿依古丽·吐尔逊, 阿依古丽吐尔逊 and 阿依古丽 . 吐尔逊 are one."""
    from .view import view

    return _COMPACT.sub("", view(name)).lower()


_COMPACT = re.compile(r"[ .\-]+")


class NameIndex:
    """Finds names the data knows (natural persons, representatives) in one pass over a text, however they are
    spaced or dotted (司 马 青 云, 阿依古丽·吐尔逊) and in either script (陳大文 finds 陈大文).

    Replacing names one by one would cost (names x texts), which does not scale to a province's data.
    """

    _cache: dict[frozenset, "NameIndex"] = {}

    def __init__(self, names: frozenset[str]):
        self.names = frozenset(k for k in (name_key(n) for n in names) if len(k) >= 2)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)
        self.starts = re.compile("[" + re.escape("".join(sorted({n[0] for n in self.names}))) + "]") \
            if self.names else None

    _last: tuple[frozenset, "NameIndex"] | None = None

    @classmethod
    def of(cls, names: frozenset[str]) -> "NameIndex":
        # The same set object comes text after text: found by identity first. A dictionary lookup compares a
        # set equal to its key element by element (a copy sent to a worker process is equal, not identical),
        # which for a province's names costs more than the scan itself.
        last = cls._last
        if last is not None and last[0] is names:
            return last[1]
        index = cls._cache.get(names)
        if index is None:
            if len(cls._cache) > 8:
                cls._cache.clear()
            index = cls._cache[names] = cls(names)
        cls._last = (names, index)
        return index

    def find(self, view: str, taken: list[bool], keep: frozenset[str]) -> list[tuple[int, int, str]]:
        if self.starts is None:
            return []
        keep = frozenset(name_key(k) for k in keep)
        where = [i for i, ch in enumerate(view) if ch not in " .-"]  # compact position -> view position
        compact = "".join(view[i] for i in where).lower()
        found, pos = [], 0
        for match in self.starts.finditer(compact):
            i = match.start()
            if i < pos or taken[where[i]]:
                continue
            for length in self.lengths:
                candidate = compact[i:i + length]
                if len(candidate) < length or candidate not in self.names or candidate in keep:
                    continue
                start, end = where[i], where[i + length - 1] + 1
                if self._stands_alone(view, start, end, candidate):
                    found.append((start, end, "name"))
                    pos = i + length
                    break
        return found

    @staticmethod
    def _stands_alone(view: str, start: int, end: int, name: str) -> bool:
        """False where the name's characters belong to something else: a company, a place, ordinary words.

        A shop named after its operator (张华五金店, a 个体工商户) is not left alone: the rules allow such a
        name only masked."""
        if name.isascii():  # a Latin name inside a longer word (Johnson for John) is not the name
            before, after = view[start - 1:start], view[end:end + 1]
            return not (before.isascii() and before.isalpha() or after.isascii() and after.isalpha())
        rest = view[end:end + 6]
        if rest.startswith(PLACE) and not rest.startswith(("市场", "区域")):
            return False
        if end < len(view) and "\u4e00" <= view[end] <= "\u9fff" and common_word(name, 500):
            return False  # 文明城市, 高度重视: a name that is also a word, inside a sentence
        j = end
        while j < len(view) and j - end < 10 and "\u4e00" <= view[j] <= "\u9fff" and view[j] not in AFTER_NAME:
            j += 1
            if view[end:j].endswith(COMPANY):
                return False
        return not _straddles(view, start, end)
