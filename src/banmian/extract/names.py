"""People, titles, places and organisations: tagger spans refined by rules.

The tagger proposes person/place/organisation spans. Rules then add what a
newspaper's conventions make certain and the tagger may miss: names right
after a title (``市委书记曹慧泉``), names in a list sharing that title
(``市领导杨英杰、王卫安、王庭恺``), reporters after ``记者/``, informal forms
(``唐师傅``), two names printed together in a headline (``田红旗曹慧泉``),
well-known organisations (``国务院``, ``市委``), one-character places
(``中美两国``, ``访华``) and the user's own names; they drop or trim tagger
spans with evidence against them. ``find_names`` lists the rules in order.
Places get their administrative division.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import rjieba

from banmian.extract.features import Words
from banmian.extract.lexicon import AdminDivision, Lexicon, word_alternation
from banmian.model import Entity

__all__ = ["Mention", "find_names"]

_CJK = r"\u4e00-\u9fff"
# Characters that end a Chinese name when they follow it: punctuation,
# list separators and the verbs and particles that follow a name in news.
NAME_FOLLOWERS = frozenset("、,，。;；:：!?！？()（）“”\"' \n/·"
                           "参出等在强表说讲主率到与和同陪会指介代的作任致一向对为将是也就都还及时")
# Roles a credit line puts right after a name (某某文  某某摄: text by, photo
# by), and a credit's end: a role before a space, a bracket or the line's end.
CREDIT_ROLES = frozenset("文图摄")
PHOTO_CREDIT = "摄"
CREDIT_BRACKETS = frozenset("()（）")
CREDIT_END_RE = re.compile(r"[\u4e00-\u9fff][文图摄](?=\s|[()（）]|$)", re.M)
# Adverbs and verbs that follow a person's name as the subject (杨某某 + 先在, 曾,
# 用中文说): rjieba's name guesser glues one to a three-character name
# (孙丽华出/nr of 出生, 马克莱用/nr of 用中文), and the tagger follows it.
NAME_ADVERBS = frozenset("先用曾已便却又才正")
AFTER_NAME = NAME_FOLLOWERS | NAME_ADVERBS
# Prepositions rjieba may glue to the name after them (对卡玛尔/nrt), and
# characters it may glue to the name before them (卡玛尔时/nrt).
PREPOSITIONS_BEFORE_NAMES = frozenset("对向在和与跟同给把被让当由从")
NAME_END_CHARS = frozenset("时说是的在和与等")
# Dots between the parts of a transcribed foreign name (罗朗·雷斯): a name
# right before one goes on after it.
FOREIGN_NAME_DOTS = frozenset("·•‧・")
# The length of the idioms in idioms.txt (see _in_idiom).
IDIOM_LENGTH = 4
# Mention types whose part the text may name in full elsewhere (see _longer_forms).
LONGER_FORM_TYPES = ("person", "organization")
FOREIGN_DOT_RE = re.compile(f"[{''.join(sorted(FOREIGN_NAME_DOTS))}]")
# A well-known person's name at least this long may end inside an rjieba word
# (rjieba glues a name to what follows it); a shorter one must end a word (not
# 王维 of 王维持).
LONG_NAME = 3
# Book-title marks: a well-known person named inside them is a work's title.
BOOK_TITLE_OPEN, BOOK_TITLE_CLOSE = "《", "》"
# Reporter markers of bylines: the names after them are people.
_BYLINE_MARKERS = "(?:记者|通讯员|实习生|摄影|特约撰稿人|见习记者)"
BYLINE_RE = re.compile(
    rf"{_BYLINE_MARKERS}\s*[/／:：]?\s*"
    rf"(?P<names>[{_CJK}]{{2,3}}(?:\s+(?!{_BYLINE_MARKERS})[{_CJK}]{{2,3}})*)"
    rf"(?=[\s)）/]|$)"
)
# A reporter marker right before a name (记者贾鹏陈博: two names printed together).
BYLINE_MARKER_BEFORE_RE = re.compile(rf"{_BYLINE_MARKERS}\s*[/／:：]?\s*$")
BYLINE_MARKER_REACH = 8  # characters searched before the name
# Last characters of organisations and places, and measure words that count
# people or things (普惠托位: rjieba glues such a phrase into one name), never
# of a person's name.
NOT_PERSON_LAST = frozenset("委局厅办处所院校站街村镇乡市县区省港湾桥线队位个")
# Words that make what stands before them a place, a line or an organisation.
# (No single characters that start titles: 李鹏委员长, 李振成局长.)
NOT_PERSON_NEXT = ("高铁", "铁路", "高速", "线路", "大街", "公司", "集团", "大学", "中心",
                   "大桥", "东站", "西站", "南站", "北站", "车站",
                   # cores of company names (东旭光电, X科技)
                   "光电", "科技", "股份", "电子", "实业", "置业", "地产", "控股", "能源",
                   "电气", "重工", "机械", "药业", "医药", "食品", "传媒", "物流", "建材")
# Every start (a lookahead); the first characters are looked for first, which
# re does at once (3x faster than trying the words at every position).
NOT_PERSON_NEXT_RE = re.compile(f"(?=[{''.join(sorted({w[0] for w in NOT_PERSON_NEXT}))}])"
                                f"(?={word_alternation(NOT_PERSON_NEXT)})")
# rjieba tags of function words: such a single character is no surname.
FUNCTION_TAGS = frozenset({"c", "p", "u", "uj", "ul", "uz", "ud", "ug", "uv", "d", "r", "f",
                           "m", "q", "y", "e", "o", "x"})
VERB_TAG = "v"  # rjieba's verb tags (v, vn, vd ...) start with it
ORG_TAG = "nt"  # rjieba's organisation tag: trusted for a team it reads as one word (全兴队)
DIMINUTIVE = "小"  # before a given name: how family and friends call a child or a junior
# rjieba tags of personal names.
NAME_TAGS = frozenset({"nr", "nrfg"})
# rjieba's tag of the full names of well-known people in its dictionary.
FULL_NAME_TAG = "nrfg"
TRANSLITERATION_TAG = "nrt"  # rjieba's tag of a transliterated foreign name (贝格)
# First letters of rjieba tags of common words (verbs, adjectives, adverbs ...):
# a name does not start with such a word (领导干部, 满意地). Plain "n" is common
# too; nr/ns/nt/nz/t are not (rjieba tags 周恩来 t and 罗干 ns).
COMMON_WORD_TAGS = frozenset("vadrmqcpufli")
# First letters of rjieba tags of words that cannot be a given name.
VERBISH_TAGS = frozenset("vcpu")
# Joiners inside a tagger organisation span that make it two (not 共和国).
ORG_JOINER_RE = re.compile(r"[与及、]|和(?![国军])")  # not 共和国, 共和军
# ... and inside a place span: a dash or 、 between Chinese characters.
PLACE_JOINER_RE = re.compile(r"(?<=[\u4e00-\u9fff])[-－—–、](?=[\u4e00-\u9fff])")
JOINERS = {"organization": ORG_JOINER_RE, "place": PLACE_JOINER_RE}
# Characters a name never starts or ends with: the tagger sometimes takes the
# separator of a foreign name, a dash or a space next to it along (米拉·,
# 莱德利-, the photographer's name before 摄).
NAME_EDGE_JUNK = frozenset("·•‧・-—–/／、，,.。：:；;") | frozenset(
    c for c in map(chr, range(0x3001)) if c.isspace())
# "vs" between two teams, which a tagger span may start with (vsac米兰).
VERSUS_RE = re.compile(r"(?i)vs\.?\s*(?=\S)")
# First characters of a span that _trimmed has to look at more closely.
EDGE_CHECKED = NAME_EDGE_JUNK | frozenset("vV")
# Brackets a name may hold whole (渣打银行（中国）) but not one of alone.
BRACKET_PAIRS = dict(zip("（(《“‘「【", "）)》”’」】", strict=True))
OPENING_BRACKETS = frozenset(BRACKET_PAIRS)
CLOSING_BRACKETS = frozenset(BRACKET_PAIRS.values())
BRACKET_RE = re.compile(f"[{re.escape(''.join(BRACKET_PAIRS) + ''.join(BRACKET_PAIRS.values()))}]")
# Words after a run of country abbreviations that make it a pairing (中美关系).
PAIR_FOLLOWERS = "(?:" + "|".join((
    "两国", "三国", "四国", "关系", "双方", "之间", "合作", "友好", "联合", "会谈", "贸易", "首脑",
    "峰会", "建交", "战略", "经贸", "外长", "领导人", "边境", "边界", "合资", "对话", "磋商", "间",
    "长远", "经济", "政治", "文化", "科技", "友谊", "双边", "、")) + ")"
# A place that is nothing but one-character abbreviations (中非, 印巴, 港台,
# 美中) is that many places: the NER sets mark each character (the 1998
# corpus tags them 中/j 非/j), and a reader asked "which countries" wants
# both. Longer runs than this are not pairings.
MAX_ABBREVIATION_RUN = 4
# Words made of a country abbreviation and the side it stands for (中方, 美方):
# the character is the country, as the NER sets mark it; the word is not an
# organisation of its own. Only whole rjieba words count (以方便 is 以 + 方便).
# Not 军 (美军): CLUENER marks the army as an organisation, and taking it as
# the place lost a point of CLUENER organisation F1 for 0.1 of People's Daily
# place F1.
SIDE_WORD_ENDS = "方"
# Second characters of nouns (or of the start of one: 中医药, 京韵大鼓) that
# name something of the place abbreviated before them: its opera (京剧, 川戏),
# its people abroad (华侨, 华裔, 台胞), its medicine (中医, 藏药), its invaders
# (日寇). People's Daily marks the character a place.
PLACE_KIND_ENDS = "剧戏韵侨胞裔医药寇"
# The Olympic and Asian Games (奥运会, 亚运会): People's Daily marks 奥 and 亚.
GAMES_RE = re.compile("[奥亚](?=运会)")
# First letters of rjieba tags of such nouns (n, nz; j for 中医), not verbs (加剧).
NOUN_TAG_STARTS = "nj"
# Verbs of travel and stay before a one-character city or country (访华, 赴港),
# and of hostility (反华, 侵华).
CITY_VERBS = "访来赴抵离返驻对援旅留反侵"
# A sub-unit after an organisation: up to four characters ending in 科/处/室/股,
# or up to two before a body of its own (党组, 分厂, 组委会, 总领事馆): People's
# Daily runs the name on (福州市国税局党组, 某水泥厂新线分厂); +0.4 F1 on its
# organisations, CLUENER unchanged. A force's formations too (某国海军 + 舰艇编队):
# +0.3 more, CLUENER +0.1.
SUB_UNIT_BODIES = ("党组", "党委", "党支部", "党团", "分会", "分厂", "分行", "支行", "分公司",
                   "组委会", "代表团", "领事馆", "大使馆", "使馆", "车间", "研究所",
                   "编队", "舰队", "部队")
SUB_UNIT_RE = re.compile(r"[\u4e00-\u9fff]{1,4}?[科处室股]|[\u4e00-\u9fff]{0,2}?(?:"
                         + "|".join(SUB_UNIT_BODIES) + ")")
# How far past a name a weather word may start inside it (重庆多 of 重庆多云).
WEATHER_REACH = 3
MAX_FORECAST_PLACE = 6  # characters of a place in a forecast listing (乌鲁木齐, 呼和浩特)
# An organisation named after the place it governs (中国政府, 株洲市政府).
GOVERNMENT = "政府"
PEOPLES = "人民"  # of 人民政府, the full name of a Chinese government
# The place in a government's name is a place too where the NER sets mark it so
# (印尼政府, 香港特区政府: People's Daily), not for a Chinese division's
# government (北京市政府, 戴窑镇政府: CLUENER marks the organisation alone, 10 in
# its dev set; People's Daily has none) nor for a level (中央政府, 地方政府).
SPECIAL_REGIONS = ("特区", "特别行政区")
GOVERNMENT_LEVELS = ("中央", "地方")
# A country's government (中国政府, 印度政府, 俄政府) is the country alone in
# People's Daily NER, a place (29 of 29 on its dev set); a city's or a
# province's (株洲市政府) is an organisation (see SPECIAL_REGIONS).
# CLUENER marks both organisations; People's Daily has about five country
# governments to its one (dev sets). So are a country's companies, firms or
# departments in general (美国公司, 中国航天). Its armed forces (美军)
# are not: People's Daily marks the country, CLUENER the army, about four
# times as often.
COUNTRY_BODIES = (GOVERNMENT, "公司", "企业", "部门", "航天")
COUNTRY_END = "国"
# Suffixes of divisions a paper drops after naming its place once (江临市 -> 江临).
DIVISION_SUFFIXES = frozenset("省市县区州旗镇乡")
# Endings of a street address (滨江路18号, 余家头小区, 京溪街): a place with
# one, right after the divisions it lies in (江临市青山区), is one address with
# them. CLUENER marks the whole address one place (4 adjacent places in its dev
# set, against 148 in People's Daily's, which has few street addresses):
# CLUENER place +0.9 F1, People's Daily unchanged.
STREET_ENDS = ("路", "街", "大道", "号", "座", "栋", "小区", "苑", "巷", "胡同")
# A government named by its level alone (市政府, 县政府, 特区政府) is no named
# organisation, as 部委 is none: the People's Daily corpus and its NER set
# leave it untagged (the training conversion does too, see train_ner.py);
# CLUENER scores the same with or without it. Dropping it raised People's
# Daily organisation F1 0.695 -> 0.701. A named one (株洲市政府) stays. Nor is a
# 部 that starts 部门 (司法部门: departments in general; +0.2 F1).
GENERIC_GOVERNMENTS = frozenset(level + GOVERNMENT for level in (
    "市", "县", "省", "区", "镇", "乡", "州", "特区", "自治区"))
# A region as rjieba reads it (东北地区, 亚太地区: ns words).
PLACE_TAG = "ns"
REGION = "地区"
NAME_WORD_TAGS = frozenset({"ns", "nr", "nz", "nt", "j"})
# 中华 (China) in 中华民族, 中华文化: a place in People's Daily NER (6 of 6 on
# its dev set), as readers take it; rjieba reads such words whole. The state's
# full name (中华人民共和国) is a place as it stands.
CHINA = "中华"
CHINA_STATE = "中华人民共和国"
# Characters after which a surname alone before a title is its holder (当汤局长,
# 托项市长), and rjieba's tags of such a surname read alone (金/nr, 项/n).
SURNAME_TITLE_AFTER = frozenset("当由向对和与把被让请托找给跟同")
# Surnames that before a title are words of their own: 原书记 (the former
# secretary), 党领导 (the party's leadership).
TITLE_MODIFIERS = frozenset("原党")
# Before a title: it was held before (原副市长, 前总统).
FORMER_MARKS = frozenset("原前")
# One-character division words that end a place's name (连江县, 唐古拉山镇).
DIVISION_CHARS = frozenset("省市县区镇乡村州旗盟")
# After a title, characters that make it the start of a body's name instead
# (委员会, 代表团, 主席团, 秘书处, 记者站, 大使馆).
BODY_AFTER_TITLE = frozenset("会团处站馆")
# An organisation ending in 学 is a school (江临大学) or a field of study, which
# rjieba often tags nt (法理学, 古典文学): no organisation.
SCHOOL_ENDS = ("大学", "中学", "小学")
SURNAME_ALONE_TAGS = frozenset({"nr", "n"})
# Trophies named after a person (汤姆斯杯 Thomas Cup, 尤伯杯 Uber Cup, and
# 汤尤杯 / 汤杯 / 尤杯 for short): People's Daily NER marks the person in the
# name (汤, 尤伯), as it marks 邓小平 in 邓小平理论; a tagger meets too few to learn
# it. Longer names first: 尤伯杯 is 尤伯, not 尤.
TROPHY_NAMESAKES = ("汤姆斯", "尤伯", "戴维斯", "苏迪曼", "霍普曼", "汤", "尤")
TROPHY_NAMESAKE_RE = re.compile(f"(?:{'|'.join(TROPHY_NAMESAKES)})(?=(?:尤伯?)?杯)")
# ... and Marx and Lenin in 马列主义 (马列 alone too, when rjieba reads it as a
# word: not 马 + 列队), marked the same way.
MARX_LENIN = "马列"
# A national congress of the Communist Party by its number (十五大, 中共十四大,
# 党的二十大): an organisation, as the NER sets mark it. The number alone
# also counts things (十五大城市), so it must follow 党的, or be followed by
# what is said of a congress or by punctuation.
CONGRESS_NUMBER = "(?:十[一二三四五六七八九]|二十[一二三四五六七八九]?)大"
PARTY_CONGRESS_RE = re.compile(
    # The lookahead on the first character lets re skip most positions at once.
    f"(?=[中十二])(?:(?<=党的){CONGRESS_NUMBER}|(?:中共)?{CONGRESS_NUMBER}"
    "(?=精神|报告|以来|召开|提出|确定|确立|闭幕|开幕|代表|期间|前夕|以后|之后"
    "|[的和及与、，,。；;”）)\n]|$))")
# What the tagger takes into a person after a surname that only addresses or
# groups them: 胡老 (the elder Hu), 阮家 (the Ruan family). The person named is
# the surname, as People's Daily NER marks it (its corpus too for 家: 赵/nr 家/n);
# unlike kinship words these are never looked for in running text (古老, 国家).
SURNAME_TAILS = frozenset({"老", "家"})
# Level characters that belong to the organisation after them (市卫健委), and
# the function words that may stand before such a level character.
LEVEL_PREFIX = frozenset("市省区县镇乡")
LEVEL_PREFIX_AFTER = frozenset("从在与和及对向由经据到是为、")
# The rest of a 、 list that ends by saying its items are organisations.
ORG_LIST_RE = re.compile(r"(?:、[^、,，。;；\n]{1,10})*等(?:企业|单位|公司|机构|部门|高校|学校|医院|院校|集团)")
# A name seen once whose last character and the next one occur this often
# together in the text cuts a word of the text in two.
STRADDLE_REPEATS = 3
# How many recently resolved places break ties between equal division names.
CONTEXT_PLACES = 8
# Longest run of name characters taken after a title when the tagger has no span.
MAX_GIVEN = 2
# What follows a place in the name of its team or delegation (辽宁队, 古巴代表团).
# A sport may stand between them (巴西足球队, 德国男子网球队).
TEAM_SPORTS = ("足球", "篮球", "排球", "网球", "乒乓球", "羽毛球", "手球", "冰球", "水球", "棒球",
               "垒球", "曲棍球", "游泳", "田径", "体操", "举重", "射击", "击剑", "跳水", "速滑")
# A national team's short form (中国女篮, 中国国家男排) is a team too.
TEAM_RE = re.compile("(?:男子|女子|男|女|国家)?(?:" + "|".join(TEAM_SPORTS) + ")?"
                     "(?:队|代表团|代表队)|(?:国家)?[男女][篮足排垒]")
TEAM_ENDS = ("队", "代表团")  # what every long-form TEAM_RE match ends with
# Words of a division or quarter a place may end inside (城东街 + 道 of 街道).
DIVISION_WORDS = frozenset({"街道", "社区", "新区", "园区", "小区", "开发区", "自治区", "自治州",
                            "自治县", "自治旗"})
# A named vessel, its name in quotes (“青岛”号导弹驱逐舰, “发现”号航天飞机): a crewed
# unit, an organisation as People's Daily marks it (4 of 5 on its dev set).
VESSEL_RE = re.compile("“[^“”\n]{1,12}”号[\u4e00-\u9fff]{0,6}?(?:舰|船|艇|轮|航天飞机)")
# Words after a place that name a facility of it, a place too (某城 + 机场). Not
# 铁路, 公路, 广场: People's Daily marks the place alone before them as often.
FACILITY_WORDS = frozenset({"机场", "大桥", "隧道", "车站", "火车站", "码头", "港口", "水库",
                            "大坝", "公园", "体育馆", "体育场", "大街", "大道"})
# The word after an organisation's short form that completes its name (欧佩克组织).
ORGANISATION_WORD = "组织"
# Last words of buildings and venues: both NER sets mark them places, not
# organisations (某市图书大厦, 某国国家博物馆, 某某书店, 某某商场).
VENUE_ENDS = ("大厦", "大楼", "剧院", "博物馆", "书店", "商场", "商厦", "超市", "纪念馆",
              "展览馆", "美术馆", "艺术馆", "体育馆", "体育场")
# A plateau named by the abbreviations of two provinces (青藏高原, 云贵高原):
# People's Daily NER marks the two provinces, not the plateau.
PROVINCE_ABBREVIATIONS = "京津沪渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇云陕秦甘陇青宁新藏蒙"
PLATEAU_RE = re.compile(f"[{PROVINCE_ABBREVIATIONS}]{{2}}高原")
# Most characters of words between a division and the organisation after it
# that are still one name (天元区 + 征拆 + 工作协调服务中心).
ORG_PLACE_GAP = 4
# Most rjieba words after a place that can make it an organisation with an
# organisation ending (西溪镇 + 水泥厂, 某国 + 农林 + 部): one or two nouns.
PLACE_ORG_WORDS = 2
# ... or one two-character short form of a body ending so (某省 + 残联, 某市 + 团委).
BODY_SHORT_FORM_ENDS = tuple("委协联")
# Shortest last word of such a name: two-character words ending in 部, 局, 会,
# 队 are mostly common nouns (总部, 政局, 社会, 部队), longer ones name a body
# (水泥厂, 土地局, 管理处).
PLACE_ORG_LAST_WORD = 3
# Two-character words that do name a body after a place (某市 + 交警, 某县 + 公安,
# 某地 + 分局): People's Daily +0.1 place and organisation, CLUENER unchanged.
TWO_CHARACTER_BODIES = frozenset({"分局", "分行", "支行", "交警", "公安", "法院", "分社", "分院",
                                  "中队", "大队", "支队", "联校"})
# ... except longer words that end like a body and name people or a spot
# (村干部, 机关干部; 交界处, 入口处; 面向社会).
NOT_BODY_ENDS = ("干部", "交界处", "入口处", "之处", "社会")
# A compass point before 部 is a part of the place (中南部, 西北部), no body.
DIRECTION_PART_RE = re.compile("[东南西北中]部$")
# Word tags that can stand in such a name: nouns.
PLACE_ORG_TAGS = frozenset({"n", "nt", "nz", "j"})
# A place, a body and its head's title written as one (某国农林部长, 某市教育局长,
# 某地日报社长): the body ends before 长. The body part must hold more than its
# last character (某省长, 某县长 are titles of the place itself).
HEAD_TITLE_RE = re.compile(r"[\u4e00-\u9fff]{1,6}?[部局厅社会]长")
MIN_HEAD_BODY = 2  # characters of body after the place, its last one included (农林部)
# A minister's title written as one word (内务部长/n): the ministry is the word
# without 长, as the tagger is trained to read it (scripts/train_ner.py).
MINISTER_WORD_END = "部长"
# Where a word _one_word_organisations reads may end: a minister's title or a team.
ONE_WORD_ORG_END_RE = re.compile("|".join((MINISTER_WORD_END, *TEAM_ENDS)))
# The numbered session in front of an assembly is part of its name in the
# People's Daily annotation (第九届全国人民代表大会, 第六届全国人大).
SESSION_BEFORE_RE = re.compile(r"第[一二三四五六七八九十百0-9０-９]{1,4}届$")
SESSION_REACH = 7  # characters searched before the organisation
# Only an assembly is numbered by its session; a body of it is not
# (全国人大常委会 stays itself after 第十一届).
ASSEMBLY_ENDS = ("代表大会", "人大", "政协")
# Words the tagger takes for organisations that never are: economic indicators
# and technologies named by their acronyms (CPI, PMI, VR), 内外部 (部 ends it),
# and a company's legal form standing alone (有限公司).
NOT_BODIES = frozenset({"CPI", "PPI", "PMI", "GDP", "GNP", "PPP", "VR", "AR", "AI",
                        "APP", "IPO", "ETF", "5G", "4G", "IT", "内外部",
                        "有限公司", "有限责任公司", "股份有限公司", "股份公司"})


@dataclass
class Mention:
    """A person/place/organisation span while rules refine it."""

    type: str
    start: int
    end: int
    source: str  # tagger, byline, title, list, pair, kinship, repeat, user, gazetteer, ...
    titles: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, title)
    partial: bool = False


def _overlaps(a: Mention, start: int, end: int) -> bool:
    return a.start < end and start < a.end


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _surname_len(text: str, at: int, lex: Lexicon) -> int:
    if text[at : at + 2] in lex.surnames:
        return 2
    return 1 if text[at : at + 1] in lex.surnames else 0


def _name_at(text: str, at: int, lex: Lexicon) -> int | None:
    """End of a Chinese name starting at ``at`` (surname + 1-2 characters), if any."""
    sl = _surname_len(text, at, lex)
    if not sl:
        return None
    for given in range(MAX_GIVEN, 0, -1):
        end = at + sl + given
        chars = text[at + sl : end]
        if given > 1 and chars[-1:] in NAME_FOLLOWERS:
            continue  # 王攀说: the verb after a two-character name
        if len(chars) == given and all(_is_cjk(c) for c in chars) and (
                end >= len(text) or text[end] in NAME_FOLLOWERS or not _is_cjk(text[end])) \
                and text[end : end + 1] not in FOREIGN_NAME_DOTS:
            return end
    return None


def _trimmed(text: str, span: tuple[str, int, int]) -> tuple[str, int, int] | None:
    """A tagger span without the separators at its edges (米拉· -> 米拉) or a
    "vs" it starts with (vsac米兰 -> ac米兰), and
    without a bracket it opens or closes but does not hold whole: one at an
    edge is dropped (“某银行 -> 某银行), the span is cut at one inside
    (国家杜马（议会 -> 国家杜马); None when nothing is left."""
    kind, start, end = span
    if text[start] not in EDGE_CHECKED and text[end - 1] not in NAME_EDGE_JUNK \
            and BRACKET_RE.search(text, start, end) is None:
        return span  # nearly every span: nothing to trim
    versus = VERSUS_RE.match(text, start, end)
    if versus is not None and start > 0 and text[start - 1].isalnum():
        start = versus.end()  # 国际米兰vsac米兰: the team after vs (not VSCO)
    for _ in range(2):  # a lone bracket inside, then the separators it left at the edge
        while start < end and text[start] in NAME_EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in NAME_EDGE_JUNK:
            end -= 1
        lone = _lone_bracket(text, start, end)
        if lone is None:
            break
        if lone == start:
            start += 1
        elif lone == end - 1:
            end -= 1
        elif text[lone] in OPENING_BRACKETS:
            end = lone
        else:
            start = lone + 1
    return (kind, start, end) if end > start else None


def _trim_edges(n: _Names) -> None:
    """The rules' mentions lose what _trimmed takes off tagger spans: a rule
    that grows or cuts a name can leave a separator at its edge (哈里· of
    哈里·利文斯通 cut short)."""
    kept = []
    for m in n.mentions:
        span = _trimmed(n.text, (m.type, m.start, m.end))
        if span is not None:
            m.start, m.end = span[1], span[2]
            kept.append(m)
    n.mentions = kept


def _lone_bracket(text: str, start: int, end: int) -> int | None:
    """Offset of the first bracket in text[start:end] without its partner there."""
    opened: list[int] = []
    for i in range(start, end):
        ch = text[i]
        if ch in OPENING_BRACKETS:
            opened.append(i)
        elif ch in CLOSING_BRACKETS:
            if not opened or BRACKET_PAIRS[text[opened[-1]]] != ch:
                return opened[0] if opened else i
            opened.pop()
    return opened[0] if opened else None


class _Names:
    """The mentions of one text while the rules run, with rjieba's word starts."""

    def __init__(self, text: str, spans: Iterable[tuple[str, int, int]], lex: Lexicon,
                 words: Words):
        self.text = text
        self.lex = lex
        self.starts = words.starts
        self.tokens = words.tokens
        self.bounds = words.index  # word starts (keys), shared with the figures
        self.token_at = dict(zip(words.starts, words.tokens, strict=False))
        self.mentions = [Mention(t, s, e, "tagger") for t, s, e in
                         filter(None, (_trimmed(text, span) for span in spans))]
        # Where a word that makes what stands before it no person starts.
        self.not_person_next = {hit.start() for hit in NOT_PERSON_NEXT_RE.finditer(text)}
        # Per string, answers that scan the whole text: a name recurs often.
        self._counts: dict[str, int] = {}
        self._followed_by_not_person: dict[str, bool] = {}

    @functools.cached_property
    def listed(self) -> list[tuple[int, int, str]]:
        """(start, end, name) of the well-known organisations, people and
        regions (the lexicon's org_names, people and regions) that start where
        a word does, the longest at each start, none inside another."""
        out: list[tuple[int, int, str]] = []
        pattern_for, text, after = self.lex.listed_by_first.get, self.text, 0
        for start in self.starts[:-1]:
            pattern = pattern_for(text[start]) if start >= after else None
            hit = pattern.match(text, start) if pattern is not None else None
            if hit is not None:
                after = hit.end()
                out.append((start, after, hit.group()))
        return out

    @functools.cached_property
    def title_hits(self) -> list[re.Match[str]]:
        """The lexicon's titles in the text (two rules read them), except
        those that start a body's name (委员 of 委员会, 代表 of 代表团)."""
        return [hit for hit in self.lex.title_re.finditer(self.text)
                if self.text[hit.end() : hit.end() + 1] not in BODY_AFTER_TITLE]

    def count(self, chars: str) -> int:
        """How often ``chars`` occurs in the text."""
        found = self._counts.get(chars)
        if found is None:
            found = self._counts[chars] = self.text.count(chars)
        return found

    def followed_by_not_person(self, word: str) -> bool:
        """Whether some occurrence of ``word`` is followed by a word that
        makes it no person (NOT_PERSON_NEXT_RE)."""
        found = self._followed_by_not_person.get(word)
        if found is None:
            found = False
            at = self.text.find(word)
            while at >= 0 and not found:
                found = at + len(word) in self.not_person_next
                at = self.text.find(word, at + 1)
            self._followed_by_not_person[word] = found
        return found

    def add(self, m: Mention) -> Mention:
        """Add a rule mention; tagger mentions it overlaps give way."""
        # _overlaps written out: this runs over all mentions for every rule hit.
        start, end = m.start, m.end
        for other in self.mentions:
            if other.start < end and start < other.end and other.source != "tagger":
                return other
        self.mentions = [o for o in self.mentions if not (o.start < end and start < o.end)]
        self.mentions.append(m)
        return m

    def person_at(self, at: int) -> Mention | None:
        for m in self.mentions:  # a plain loop: ~2x faster than next() over a generator
            if m.start == at and m.type == "person":
                return m
        return None



def _split_joined(n: _Names) -> None:
    """An organisation span across 与/及/、 (中南大学与市政府) is two organisations,
    and a place span across a dash or 、 between Chinese characters (某市-某市
    高铁) is two places."""
    out: list[Mention] = []
    for m in n.mentions:
        word = n.text[m.start : m.end]
        joiner = JOINERS.get(m.type)
        if joiner is None or not joiner.search(word):
            out.append(m)
            continue
        cuts = [c.start() for c in joiner.finditer(word)]
        if m.type == "organization":
            # 欧洲安全与合作组织 is one name: cut only after a part that ends
            # like an organisation (中南大学 + 与 + 市政府)
            cuts = [c for c in cuts if _ends_as_org(n, word[:c]) or word[:c] in n.lex.org_names]
        lo = m.start
        for cut in [*cuts, len(word)]:
            hi = m.start + cut
            if hi - lo >= (2 if m.type == "organization" else 1):
                out.append(Mention(m.type, lo, hi, m.source))
            lo = hi + 1
    n.mentions = out


def _complete_names(n: _Names) -> None:
    """A tagger name that is the start of a longer name found elsewhere in the
    text, and is followed by the rest of it (毛伟 + 明 where 毛伟明 stands
    elsewhere), is that longer name: rjieba glued the last character to the
    next word (明率) and the tagger followed it."""
    people = {n.text[m.start : m.end] for m in n.mentions if m.type == "person"}
    by_start: dict[str, list[str]] = {}  # a name's proper starts -> the name, longest first
    for w in sorted((w for w in people if len(w) >= 3), key=len, reverse=True):
        for k in range(2, len(w)):
            by_start.setdefault(w[:k], []).append(w)
    dropped: set[int] = set()
    for m in list(n.mentions):
        if m.type != "person" or m.source != "tagger" or id(m) in dropped:
            continue
        word = n.text[m.start : m.end]
        full = next((w for w in by_start.get(word, ()) if n.text.startswith(w, m.start)),
                    None)
        if full is not None:
            end = m.start + len(full)
            dropped |= {id(o) for o in n.mentions if o is not m and _overlaps(o, m.end, end)}
            n.mentions = [o for o in n.mentions if id(o) not in dropped]
            m.end = end


def _overrun_names(n: _Names) -> None:
    """A tagger name that runs from a name found elsewhere in the text, or
    from the full name of a well-known person (rjieba's ``nrfg``), into the
    next word ends with that name, where that word has two or more characters
    or is no name to rjieba (亨特 + 魁梧 where 亨特 stands elsewhere; 詹天佑/nrfg
    + 新/a 时代): the tagger read on into the next word."""
    people = {n.text[m.start : m.end] for m in n.mentions if m.type == "person"}
    for m in n.mentions:
        if m.type != "person" or m.source != "tagger":
            continue
        first = n.token_at.get(m.start)
        for k in range(m.end - m.start - 1, 1, -1):
            word = n.token_at.get(m.start + k)
            known = n.text[m.start : m.start + k] in people or (
                first is not None and first[1] == FULL_NAME_TAG and len(first[0]) == k)
            if known and word is not None and (len(word[0]) >= 2 or word[1] not in NAME_TAGS) \
                    and word[0] not in FOREIGN_NAME_DOTS:  # 艾热提 + ·马木提: one name
                m.end = m.start + k
                break


def _known_name_edges(n: _Names) -> None:
    """A tagger name that is a name found elsewhere in the text plus a
    preposition before it or a character that ends names after it (对 + 卡玛尔,
    卡玛尔 + 时, which rjieba reads as one word) is that name."""
    people = {n.text[m.start : m.end] for m in n.mentions if m.type == "person"}
    for m in n.mentions:
        if m.type != "person" or m.source != "tagger" or m.end - m.start < 3:
            continue
        if n.text[m.start] in PREPOSITIONS_BEFORE_NAMES and n.text[m.start + 1 : m.end] in people:
            m.start += 1
        elif n.text[m.end - 1] in NAME_END_CHARS and n.text[m.start : m.end - 1] in people:
            m.end -= 1


def _title_tails(n: _Names) -> None:
    """A tagger name of three characters or more that ends in a title (明仁 +
    天皇, 某某 + 国王; rjieba reads 仁天皇 as one word) is the name before it,
    holding that title."""
    for m in n.mentions:
        if m.type != "person" or m.source != "tagger" or m.end - m.start < 3:
            continue
        for at in range(m.start + MIN_TITLED_NAME, m.end - 1):
            if n.lex.title_re.fullmatch(n.text, at, m.end) is not None:
                m.titles.append((at, m.end, n.text[at : m.end]))
                m.end = at
                break


# The shortest name _title_tails leaves before a title it cuts off.
MIN_TITLED_NAME = 2
# Characters a transliterated name runs into (某某延科 + 均获得, 卡巴杰 + 时都):
# adverbs and particles after a name of four characters or more.
FOREIGN_OVERRUN_CHARS = frozenset("均时各等都还")
FOREIGN_NAME_MIN = 4


def _foreign_overruns(n: _Names) -> None:
    """A tagger name of FOREIGN_NAME_MIN characters or more that is a
    transliteration (it starts with no surname or holds a dot) and ends in one
    of FOREIGN_OVERRUN_CHARS ran into the word after it: it ends before that
    character."""
    for m in n.mentions:
        if m.type == "person" and m.source == "tagger" and m.end - m.start >= FOREIGN_NAME_MIN \
                and n.text[m.end - 1] in FOREIGN_OVERRUN_CHARS and (
                    not _surname_len(n.text, m.start, n.lex)
                    or any(c in FOREIGN_NAME_DOTS for c in n.text[m.start : m.end])):
            m.end, m.source = m.end - 1, "overrun"  # cut inside rjieba's word: the rule vouches


def _overlong_names(n: _Names) -> None:
    """A tagger name of a one-character surname and three more characters, the
    last of which follows names (AFTER_NAME), is the first three (孙丽华 +
    出生, 马克莱 + 用中文说)."""
    for m in n.mentions:
        if m.type != "person" or m.source != "tagger" or m.end - m.start != MAX_GIVEN + 2:
            continue
        word = n.text[m.start : m.end]
        if _surname_len(word, 0, n.lex) == 1 and all(map(_is_cjk, word)) \
                and word[-1] in AFTER_NAME:
            m.end -= 1


def _given_name_tails(n: _Names) -> None:
    """A tagger name of a surname and one character, followed by a character
    that rjieba reads as a name on its own (罗允 + 连/nr), or that rjieba reads
    with it as one three-character name (黄小 of 黄小目/nr; not 赵华 of 赵华说),
    is that three-character name: the tagger stopped one character short."""
    covered = _coverage(n)
    for m in n.mentions:
        if m.type != "person" or m.source != "tagger" or m.end - m.start != 2 \
                or _surname_len(n.text, m.start, n.lex) != 1:
            continue
        nxt = n.token_at.get(m.end)
        whole = n.token_at.get(m.start, ("", ""))
        if (nxt is not None and len(nxt[0]) == 1 and nxt[1] in NAME_TAGS
                and _is_cjk(nxt[0]) and not covered[m.end]) or (
                len(whole[0]) == 3 and whole[1] == "nr" and _is_cjk(whole[0][2])
                and not covered[m.end] and not _is_function_or_verb(whole[0][2])):
            m.end += 1


def _weather(n: _Names) -> None:
    """Forecast listings (贵阳小雨, 北京晴): no name runs into a weather word."""
    out: list[Mention] = []
    for m in n.mentions:
        hit = n.lex.weather_re.search(n.text, m.start, m.end + WEATHER_REACH)
        if hit is not None and hit.start() >= m.end:
            hit = None
        if hit is None or (len(hit.group()) == 1 and hit.end() != m.end):
            out.append(m)  # 晴, 阴 inside a name are just characters of it
        elif m.type == "person":
            if hit.start() > m.start and len(hit.group()) == 1:
                out.append(m)  # 王晴
        elif hit.start() - m.start >= 2:
            m.end = hit.start()
            out.append(m)
    n.mentions = out


def _forecast_places(n: _Names) -> None:
    """In a forecast listing (北京多云15℃／27℃天津晴...), what stands between
    a temperature and a weather word is a place, and so is what starts a line
    before a weather word and a temperature."""
    for hit in _forecast_listing_re(n.lex.weather_re.pattern).finditer(n.text):
        n.add(Mention("place", hit.start(), hit.end(), "gazetteer"))


@functools.cache
def _forecast_listing_re(weather: str) -> re.Pattern[str]:
    """The places of a forecast listing, given the weather words' alternation."""
    place = f"[{_CJK}]{{2,{MAX_FORECAST_PLACE}}}?"
    return re.compile(f"(?<=℃){place}(?={weather})"
                      f"|^{place}(?=(?:{weather})[^\\d，。,;；\n]{{0,5}}-?\\d+℃)", re.MULTILINE)


def _vessels(n: _Names) -> None:
    """Named vessels (VESSEL_RE) ending on a word boundary, not 船 of 船员."""
    for hit in VESSEL_RE.finditer(n.text):
        if hit.end() in n.bounds:
            n.add(Mention("organization", hit.start(), hit.end(), "vessel"))


def _known_organisations(n: _Names) -> None:
    """Well-known organisations (国务院, 市委, 欧盟) where no other name stands.

    A listed name must start and end where rjieba's words do (not 中信 of
    过程中信息). A tagger person there gives way (the tagger reads 卫健委 as a
    name), unless it is a surname and the organisation's name (吴 + 高盛: a
    person); a tagger place that is a listed name is that organisation, and a
    tagger place or organisation inside a longer listed name gives way to it
    (中国 of 中国移动, 联合国 of 联合国大会, 亚洲 of 博鳌亚洲论坛).
    """
    hits = [(start, end) for start, end, name in n.listed
            if name in n.lex.org_names and end in n.bounds]
    covered = bytearray(len(n.text))
    for m in n.mentions:
        if m.type == "place" and m.source == "tagger" and \
                n.lex.org_names_re.fullmatch(n.text, m.start, m.end):
            m.type = "organization"  # 劳斯莱斯: the list knows better
        elif m.type in ("place", "organization") and m.source == "tagger" and any(
                start <= m.start and m.end <= end and end - start > m.end - m.start
                for start, end in hits):
            continue
        if not (m.type == "person" and m.source == "tagger") or (
                n.text[m.start : m.start + 1] in n.lex.surnames
                and n.lex.org_names_re.fullmatch(n.text, m.start + 1, m.end)):
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    for start, end in hits:
        if not any(covered[start:end]):
            n.add(Mention("organization", start, end, "gazetteer"))


def _org_edges(n: _Names) -> None:
    """Fit organisation spans to their names.

    A span that ends inside an rjieba word and not in an organisation word
    (``org_endings.txt``) ran into the next word: it is cut back to the last
    organisation word inside it (株洲市政府协 -> 株洲市政府; kept as it is when
    it has none: 曼联); one that ends on a word boundary is kept (远东国际军事
    法庭). A sub-unit right after it joins it (卫健委 + 疾控科, see
    ``_is_sub_unit``), and so does a 市/省/区/县 right before it after a
    function word (从 + 市 + 卫健委). The place in ``X政府`` is a place too,
    unless it is a Chinese division (``_names_its_place``). A span that ends
    one word past a division word is that place (城东街道 + 桂 of 桂花社区).
    """
    out: list[Mention] = []
    endings = n.lex.org_endings
    lengths = sorted({len(e) for e in endings})
    for m in n.mentions:
        if m.type != "organization":
            out.append(m)
            continue
        division = _division_word_after(n, m)
        if division is not None:  # 城东街道桂花 + 社区: a chain of divisions, one place
            m.type, m.end = "place", division
            out.append(m)
            continue
        end = m.end
        while m.end not in n.bounds and end - m.start >= 2 and not any(
                n.text[max(end - k, m.start) : end] in endings for k in lengths):
            end -= 1
        if end - m.start >= 2:
            m.end = _verb_cut(n, m.start, end)
        elif m.end not in n.bounds:
            division = _division_word_before(n, m)
            if division is not None:  # 城东街道 + 桂 of 桂花社区: a place, cut at its word
                m.type, m.end = "place", division
                out.append(m)
                continue
        _join_sub_unit(n, m)
        _take_level_prefix(n, m)
        out.append(m)
        place_end = _governed_place_end(n.text, m)
        if place_end is not None and _names_its_place(n.text[m.start : place_end]):
            out.append(Mention("place", m.start, place_end, m.source))
    n.mentions = out


def _verb_cut(n: _Names, start: int, end: int) -> int:
    """Where an organisation at [start, end) ends when its last rjieba word is a
    verb right after an organisation word (某院 + 兴办): the tagger ran on into it."""
    i = bisect.bisect_left(n.starts, end) - 1
    if i <= 0 or n.starts[i] <= start or n.starts[i + 1] != end \
            or not n.tokens[i][1].startswith(VERB_TAG):
        return end
    cut = n.starts[i]
    return cut if _ends_as_org(n, n.text[start:cut]) else end


def _division_word_after(n: _Names, m: Mention) -> int | None:
    """The end of the division word right after ``m`` when ``m`` holds one
    too (城东街道桂花 + 社区), else None."""
    word = n.token_at.get(m.end, ("",))[0]
    if word in DIVISION_WORDS and any(w in n.text[m.start : m.end] for w in DIVISION_WORDS):
        return m.end + len(word)
    return None


def _division_word_before(n: _Names, m: Mention) -> int | None:
    """The end of the last whole rjieba word inside ``m`` when that word is a
    division word (DIVISION_WORDS: 城东街道 of the tagger's 城东街道桂), else None."""
    i = bisect.bisect_right(n.starts, m.end) - 1  # the word ``m`` ends inside
    if i < 1 or n.starts[i] <= m.start:
        return None
    word = n.tokens[i - 1][0]
    return n.starts[i] if word in DIVISION_WORDS else None


def _governed_place_end(text: str, m: Mention) -> int | None:
    """Where the place ends in organisation ``m`` when it is that place's
    government (某市 of 某市人民政府), else None."""
    if not text.endswith(GOVERNMENT, m.start, m.end):
        return None
    place_end = m.end - len(GOVERNMENT)
    if text.endswith(PEOPLES, m.start, place_end):
        place_end -= len(PEOPLES)
    return place_end if place_end - m.start >= 2 else None


def _names_its_place(place: str) -> bool:
    """Whether ``place``, named in a government's name (``place`` + 政府), is a
    place mention too (SPECIAL_REGIONS, GOVERNMENT_LEVELS)."""
    if place.endswith(GOVERNMENT_LEVELS):
        return False
    return place.endswith(SPECIAL_REGIONS) or place[-1] not in DIVISION_SUFFIXES


def _country_bodies(n: _Names) -> None:
    """A country's government, companies or departments (美国政府, 俄政府,
    美国公司; COUNTRY_BODIES) are the country alone: a place."""
    out: list[Mention] = []
    places = {(m.start, m.end) for m in n.mentions if m.type == "place"}
    for m in n.mentions:
        body = next((w for w in COUNTRY_BODIES if n.text.endswith(w, m.start, m.end)), None) \
            if m.type == "organization" else None
        if body is None or not _is_country(n.lex, n.text[m.start : m.end - len(body)]):
            out.append(m)
            continue
        if (m.start, m.end - len(body)) not in places:
            out.append(Mention("place", m.start, m.end - len(body), m.source))
    n.mentions = out


def _is_country(lex: Lexicon, place: str) -> bool:
    """Whether ``place`` names a country (美国, 以色列, 俄 of 俄政府): its
    government or companies are the country itself (see COUNTRY_BODIES)."""
    if len(place) <= 1:
        return "country" in lex.abbreviations.get(place, ())
    return place[-1] not in DIVISION_SUFFIXES and (
        place.endswith(COUNTRY_END) or place in lex.world_places)


def _take_level_prefix(n: _Names, m: Mention) -> None:
    """A level character right before an organisation is part of it (从 +
    市 + 卫健委), also with a noun or two between them (从 + 市 + 市场 +
    监管局), unless a name or a content word stands before it."""
    start = m.start
    for _ in range(PLACE_ORG_WORDS + 1):
        before = n.text[start - 2 : start - 1] if start >= 2 else ""
        if start >= 1 and n.text[start - 1] in LEVEL_PREFIX and (
                not before or not _is_cjk(before) or before in LEVEL_PREFIX_AFTER):
            m.start = start - 1
            return
        i = bisect.bisect_left(n.starts, start) - 1
        if i < 0 or n.starts[i] + len(n.tokens[i][0]) != start \
                or n.tokens[i][1] not in PLACE_ORG_TAGS:
            return
        start = n.starts[i]


def _join_sub_unit(n: _Names, m: Mention) -> None:
    """Organisation ``m`` takes in a sub-unit right after it (卫健委 + 疾控科)."""
    sub = SUB_UNIT_RE.match(n.text, m.end)
    if sub and sub.end() in n.bounds and _is_sub_unit(n, m, sub.end()):
        m.end = sub.end()


def _is_sub_unit(n: _Names, m: Mention, end: int) -> bool:
    """Whether [m.end, end) can be a sub-unit of ``m``: no other name stands
    there (新华社 + 莫斯科) and it does not start with a function word
    (技术监督局 + 在查处)."""
    first = n.token_at.get(m.end)
    if first is None or first[1] in FUNCTION_TAGS:
        return False
    return not any(o is not m and _overlaps(o, m.end, end) for o in n.mentions)


def _org_starts(n: _Names) -> None:
    """Start tagger and gazetteer organisations on a word boundary and take
    in the place right before them (美国 + 财政部), also across a few content words when
    the place is a division (天元区 + 征拆 + 工作协调服务中心): the tagger
    often starts a long name inside a word or after its place."""
    places = {m.end: m for m in n.mentions if m.type == "place"}
    taken: set[int] = set()
    for m in n.mentions:
        if m.type != "organization" or m.source not in ("tagger", "gazetteer"):
            continue
        i = bisect.bisect_right(n.starts, m.start) - 1
        if 0 <= i < len(n.tokens) and n.starts[i] < m.start and \
                n.tokens[i][1] not in FUNCTION_TAGS and n.tokens[i][0][0] not in LEVEL_PREFIX_AFTER \
                and not any(o is not m and _overlaps(o, n.starts[i], m.start) for o in n.mentions) \
                and not _glued_before(n.tokens[i][1], n.text[n.starts[i] : m.start]):
            m.start = n.starts[i]
            _take_level_prefix(n, m)
        place = _place_before(n, m.start, places)
        if place is None or id(place) in taken or (
                place.end < m.start and not DIVISION_END_RE.match(n.text, place.end - 1)):
            continue
        if any(o is not m and o is not place and _overlaps(o, place.start, m.start)
               for o in n.mentions):
            continue
        m.start = place.start
        taken.add(id(place))
    n.mentions = [m for m in n.mentions if id(m) not in taken]


def _is_function_or_verb(char: str) -> bool:
    """Whether rjieba reads ``char`` alone as a function word or a verb."""
    tag = rjieba.tag(char)[0][1]
    return tag in FUNCTION_TAGS or tag[:1] in VERBISH_TAGS


def _glued_before(tag: str, prefix: str) -> bool:
    """Whether ``prefix``, the start of an rjieba word (tagged ``tag``) that an
    organisation starts inside, was glued to the name by rjieba rather than
    part of it: the word is a verb (已交市 + 住房保障办), or the prefix is one
    character that is a function word alone (了 + 泽东公司, 前 + 中储粮)."""
    return tag[:1] in VERBISH_TAGS or (
        len(prefix) == 1 and rjieba.tag(prefix)[0][1] in FUNCTION_TAGS)


def _place_before(n: _Names, at: int, places: dict[int, Mention]) -> Mention | None:
    """The place ending at ``at``, or before it with at most ORG_PLACE_GAP
    characters of content words between (rjieba may glue the place's last
    character to the next word: 芦溪区征 + 拆)."""
    lo = at
    while lo not in places and lo > 0 and at - lo <= ORG_PLACE_GAP:
        i = bisect.bisect_right(n.starts, lo - 1) - 1
        word, tag = n.tokens[i]
        if tag in FUNCTION_TAGS or not all(map(_is_cjk, word)):
            return None
        inside = [e for e in range(lo - 1, n.starts[i], -1) if e in places]
        lo = inside[0] if inside else n.starts[i]
    return places.get(lo) if at - lo <= ORG_PLACE_GAP else None


def _teams(n: _Names) -> None:
    """A place followed by a team or delegation word is an organisation
    (辽宁队, 智利男队, 古巴代表团)."""
    for m in n.mentions:
        if m.type != "place":
            continue
        hit = TEAM_RE.match(n.text, m.end)
        if hit is not None and (hit.group().endswith(TEAM_ENDS) or hit.end() in n.bounds) \
                and not any(o is not m and _overlaps(o, m.end, hit.end()) for o in n.mentions):
            m.type, m.end = "organization", hit.end()


def _departments(n: _Names) -> None:
    """A place right before one of its departments (departments.txt: 株洲市 +
    疾病预防控制中心, 某县 + 自然资源和规划局) is that department, one
    organisation, in place of the pieces the tagger made of it (改革委员会)."""
    dropped: set[int] = set()
    for m in list(n.mentions):
        if m.type != "place" or id(m) in dropped:
            continue
        hit = n.lex.departments_re.match(n.text, m.end)
        if hit is None or hit.end() not in n.bounds:
            continue
        end = hit.end()
        if any(o is not m and o.start <= m.end and o.end > end for o in n.mentions):
            continue  # a longer name holds it: 某区环保局 + 法制科
        dropped |= {id(o) for o in n.mentions if o is not m and _overlaps(o, m.end, end)}
        n.mentions = [o for o in n.mentions if id(o) not in dropped]
        m.type, m.end = "organization", end
        _join_sub_unit(n, m)  # 某区环保局 + 法制科


def _place_organisations(n: _Names) -> None:
    """A place followed by one or two nouns that end in an organisation word
    (``org_endings.txt``) is an organisation where no other name stands there
    (西溪镇 + 水泥厂, 株洲市 + 粮食局): the tagger often proposes the place
    alone."""
    endings = n.lex.org_endings
    covered = _coverage(n)
    for m in n.mentions:
        if m.type != "place" or m.end not in n.bounds:
            continue
        at, end = m.end, 0
        for _ in range(PLACE_ORG_WORDS):
            word, tag = n.token_at.get(at, ("", ""))
            if tag not in PLACE_ORG_TAGS or any(covered[at : at + len(word)]) \
                    or not all(map(_is_cjk, word)):
                break
            at += len(word)
            if (len(word) >= PLACE_ORG_LAST_WORD and not DIRECTION_PART_RE.search(word)
                    and any(word.endswith(e) for e in endings)
                    and not word.endswith(NOT_BODY_ENDS)) or (
                    len(word) == 2 and (word.endswith(BODY_SHORT_FORM_ENDS)
                                        or word in TWO_CHARACTER_BODIES)):
                end = at
        if end:
            m.type, m.end = "organization", end


def _head_title_bodies(n: _Names) -> None:
    """A place followed by nouns that end in a head's title glued to its
    body (芬兰 + 农林 + 部长) is the organisation up to the body's last
    character: the title is 部长, the body 芬兰农林部."""
    covered = _coverage(n)
    for m in n.mentions:
        if m.type != "place" or m.end not in n.bounds:
            continue
        at = m.end
        for _ in range(PLACE_ORG_WORDS):
            word, tag = n.token_at.get(at, ("", ""))
            if tag not in PLACE_ORG_TAGS or any(covered[at : at + len(word)]):
                break
            at += len(word)
            if HEAD_TITLE_RE.fullmatch(n.text, m.end, at) and at - 1 - m.end >= MIN_HEAD_BODY:
                m.type, m.end = "organization", at - 1
                break


def _one_word_organisations(n: _Names) -> None:
    """Organisations rjieba reads as one word where the tagger proposes nothing:
    a minister's title (内务部长) names the ministry (内务部, without 长), and a
    known place's team (智利队) or a team rjieba tags as an organisation (全兴队)
    is that team."""
    covered = _coverage(n)
    lex = n.lex
    # Only the words ending where an ending stands in the text: a handful a page.
    for hit in ONE_WORD_ORG_END_RE.finditer(n.text):
        following = n.bounds.get(hit.end())  # number of the word after the one ending here
        if not following:
            continue
        start = n.starts[following - 1]
        word = n.text[start : hit.end()]
        if any(covered[start : hit.end()]):
            continue
        if len(word) > len(MINISTER_WORD_END) + 1 and word.endswith(MINISTER_WORD_END):
            n.add(Mention("organization", start, start + len(word) - 1, "minister"))
        elif len(word) >= 3 and word.endswith(TEAM_ENDS) and (any(
                (word[:k] in lex.world_places or word[:k] in lex.divisions)
                and TEAM_RE.fullmatch(word, k) for k in range(len(word) - 1, 1, -1))
                or n.token_at[start][1] == ORG_TAG):
            n.add(Mention("organization", start, start + len(word), "team"))


def _sessions(n: _Names) -> None:
    """An assembly right after a session number (第九届) starts with it."""
    covered = _coverage(n)
    for m in n.mentions:
        if m.type != "organization" or not n.text.endswith(ASSEMBLY_ENDS, m.start, m.end):
            continue
        hit = SESSION_BEFORE_RE.search(n.text, max(0, m.start - SESSION_REACH), m.start)
        if hit is not None and not any(covered[hit.start() : m.start]):
            m.start = hit.start()


def _facilities(n: _Names) -> None:
    """A place followed by a facility word (``FACILITY_WORDS``) is the
    facility, one place (某城 + 机场), where no other name stands there."""
    covered = _coverage(n)
    for m in n.mentions:
        word, _ = n.token_at.get(m.end, ("", ""))
        if m.type == "place" and word in FACILITY_WORDS \
                and not any(covered[m.end : m.end + len(word)]):
            m.end += len(word)


def _organisation_words(n: _Names) -> None:
    """An organisation named by its short form and 组织 (欧佩克 + 组织) is the whole;
    after a name that ends like an organisation (某基金会, 某公司) 组织 is the verb."""
    starts = {m.start for m in n.mentions}
    for m in n.mentions:
        if m.type == "organization" and n.token_at.get(m.end, ("",))[0] == ORGANISATION_WORD \
                and m.end not in starts and not _ends_as_org(n, n.text[m.start : m.end]):
            m.end += len(ORGANISATION_WORD)


def _venues(n: _Names) -> None:
    """An organisation named as a building or venue (VENUE_ENDS) is a place."""
    for m in n.mentions:
        if m.type == "organization" and n.text.endswith(VENUE_ENDS, m.start, m.end):
            m.type = "place"


def _street_addresses(n: _Names) -> None:
    """A place ending like a street address (STREET_ENDS) takes in the
    divisions right before it: 江临市 + 青山区 + 滨江路18号 is one place."""
    ending = {m.end: m for m in n.mentions if m.type == "place"}
    merged: set[int] = set()
    for m in sorted(n.mentions, key=lambda m: m.start):
        if m.type != "place" or not n.text.endswith(STREET_ENDS, m.start, m.end):
            continue
        before = ending.get(m.start)
        while before is not None and id(before) not in merged and _is_division(n, before):
            merged.add(id(before))
            m.start = before.start
            before = ending.get(m.start)
    n.mentions = [m for m in n.mentions if id(m) not in merged]


def _is_division(n: _Names, m: Mention) -> bool:
    word = n.text[m.start : m.end]
    return word[-1] in DIVISION_SUFFIXES or word in n.lex.divisions


def _place_word_ends(n: _Names) -> None:
    """A place that ends inside a division word rjieba reads whole (城东街 of
    城东 + 街道) takes the rest of that word, and one followed by a division
    character that ends a word there (连江 + 县 of 连江县, 唐古拉山 + 镇/n) takes
    that character, unless it ends in one itself (江西省 + 县级)."""
    covered = _coverage(n)
    for m in n.mentions:
        if m.type != "place" or m.end in n.bounds:
            continue
        i = bisect.bisect_right(n.starts, m.end) - 1  # the word the place ends inside
        word = n.tokens[i][0] if 0 <= i < len(n.tokens) else ""
        end = n.starts[i] + len(word)
        if word in DIVISION_WORDS and not any(covered[m.end : end]):
            m.end = end
    for m in n.mentions:
        if m.type == "place" and n.text[m.end : m.end + 1] in DIVISION_CHARS \
                and n.text[m.end - 1] not in DIVISION_CHARS \
                and m.end + 1 in n.bounds and not covered[m.end]:
            m.end += 1  # 唐古拉山 + 镇/n, 连江 + 县 of 连江县/ns: the division's own name


def _juxtaposed(n: _Names) -> None:
    """A name printed right before another at the start of a line or clause
    (田红旗曹慧泉出席) is a person too, where no other name stands (韩国 of
    韩国的金泽洙)."""
    for p in [m for m in n.mentions if m.type == "person"]:
        for size in (3, 2):
            at = p.start - size
            if at < 0 or (at > 0 and _is_cjk(n.text[at - 1]) and n.text[at - 1] != "、"):
                continue
            sl = _surname_len(n.text, at, n.lex)
            if sl and all(_is_cjk(c) for c in n.text[at : p.start]) and \
                    _name_shape_ok(n, at, p.start, sl) and not any(
                        _overlaps(o, at, p.start) for o in n.mentions):
                n.add(Mention("person", at, p.start, "list"))
                break


# A 、 list of people (_list_gaps): its separator, what ends it, an item's length.
LIST_COMMA = "、"
LIST_END_PUNCTUATION = "，。；：,;:"
MIN_LISTED_NAME, MAX_LISTED_NAME = 2, 3


def _list_gaps(n: _Names) -> None:
    """An item of a 、 list of people that no name covers is a person too
    (某某、厉无畏、某某: rjieba reads 厉无畏 as an idiom, the tagger follows):
    two or three characters led by a surname, after a person and its 、, and
    before a 、 and another person or the punctuation that ends the list. The
    list vouches for it, so rjieba's reading of it is not asked."""
    people = [m for m in n.mentions if m.type == "person"]
    ends = {m.end for m in people}
    starts = {m.start for m in people}
    covered = _coverage(n)
    text = n.text
    for comma in re.finditer(LIST_COMMA, text):
        at = comma.end()
        if comma.start() not in ends:
            continue
        end = at
        while end < len(text) and end - at <= MAX_LISTED_NAME and _is_cjk(text[end]) \
                and text[end] not in LIST_END_PUNCTUATION + LIST_COMMA:
            end += 1
        after = text[end : end + 1]
        if not MIN_LISTED_NAME <= end - at <= MAX_LISTED_NAME or any(covered[at:end]) or not (
                (after == LIST_COMMA and end + 1 in starts)
                or (after and after in LIST_END_PUNCTUATION)):
            continue
        first = n.token_at.get(at, ("", ""))
        if _surname_len(text, at, n.lex) and not (len(first[0]) == 1
                                                  and first[1] in FUNCTION_TAGS):
            n.add(Mention("person", at, end, "list"))
            covered[at:end] = b"\x01" * (end - at)


FOREIGN_TITLED_MIN = 2
"""Characters of a place the tagger proposes before a title from which on it
is a person's name instead when it is no known place (塔瓦尼卡拉总统, 卡鲁总理;
美国总统 and 印尼总统 name known places: world_places.txt)."""

PLACE_LAST = frozenset("国州省市县区岛山河湖江洋海湾港城村镇乡部")
"""Last characters of place names, which never turn into persons."""

OFFICE_LEVELS = frozenset("市省区县镇乡村")
"""First characters of titles that are the office of the place before them
(某某 + 市长, 青山区溪口 + 村党支部书记): that place stays a place."""


# Institutions named after a person (李某某基金会, 某某中学): the person and
# the word are one organisation.
NAMED_AFTER_RE = re.compile("基金会|中学|小学|医院|大学|学院|研究会|研究所|图书馆|纪念馆|博物馆|实验室")


def _named_after(n: _Names) -> None:
    """A person right before an institution word (NAMED_AFTER_RE) that ends a
    word starts that institution's name: together one organisation (孔子 +
    学院, 某某 + 基金会), in place of what they overlap."""
    for m in n.mentions:
        if m.type != "person":
            continue
        hit = NAMED_AFTER_RE.match(n.text, m.end)
        if hit is not None and hit.end() in n.bounds:
            end = hit.end()
            n.mentions = [o for o in n.mentions if o is m or not _overlaps(o, m.start, end)]
            m.type, m.end, m.titles, m.partial = "organization", end, [], False


# A 、 list of companies (_company_lists): 甲、乙等 + how many + what kind +
# 企业/公司/集团/厂商/银行. Only these words may stand between 等 and the head
# noun: 纺织、印染等小企业 and 钢铁、水泥等行业企业 list trades, not companies.
COMPANY_COUNTS = "(?:一大批|一批|一些|多家|众多|几家|数家|\\d+家|[一二三四五六七八九十]+家)"
COMPANY_KINDS = ("国内外", "国内", "省内", "本地", "本土", "国际", "全球", "世界", "知名", "著名",
                 "大型", "龙头", "骨干", "一流", "领军", "跨国", "民营", "国有", "外资", "上市",
                 "乡镇", "科技", "软件", "互联网", "汽车", "医药", "电子", "通信", "能源", "涂料",
                 "家电", "商业", "美国", "日本", "德国", "欧洲", "中国", "中资")
COMPANY_HEAD_RE = re.compile(
    "等" + COMPANY_COUNTS + f"?(?:{'|'.join(COMPANY_KINDS)})*(?:企业|公司|集团|厂商|银行)")
# The list itself, found backwards from 等 within COMPANY_LIST_REACH characters.
COMPANY_ITEMS_RE = re.compile("(?:[\u4e00-\u9fff]{2,6}、)+[\u4e00-\u9fff]{2,6}$")
COMPANY_LIST_REACH = 100
# Last characters of items that name a kind of business, not one (砖厂, 养猪场).
TRADE_ENDS = ("厂", "场", "银行", "业")


def _company_lists(n: _Names) -> None:
    """The items of a 、 list of companies (甲、乙、丙 + COMPANY_HEAD_RE: 等知名企业)
    are organisations, unless one names a trade (砖厂, 商业银行: TRADE_ENDS) or
    half of them are known places. The first item is the name that ends at its
    、, or its words back to a function word or verb (与 + 某某, 包括 + 某某)."""
    for head in COMPANY_HEAD_RE.finditer(n.text):
        window = max(head.start() - COMPANY_LIST_REACH, 0)
        listed = COMPANY_ITEMS_RE.search(n.text, window, head.start())
        if listed is None:
            continue
        start = listed.start()
        items: list[tuple[int, int]] = []
        at = start
        for part in listed.group().split("、"):
            items.append((at, at + len(part)))
            at += len(part) + 1
        first_end = items[0][1]
        last = n.bounds.get(first_end, 0) - 1  # the first item's last word
        if last < 0 or n.starts[last] < start:
            continue
        named = [m.start for m in n.mentions if m.end == first_end and m.start >= start]
        if named:
            items[0] = (min(named), first_end)
        else:  # back over its words to a function word or verb (与, 包括, 是)
            while last > 0 and n.starts[last - 1] >= start and not (
                    n.tokens[last - 1][1] in FUNCTION_TAGS
                    or n.tokens[last - 1][1].startswith(VERB_TAG)):
                last -= 1
            items[0] = (n.starts[last], first_end)
        words = [n.text[a:b] for a, b in items]
        places = sum(w in n.lex.divisions or w in n.lex.world_places for w in words)
        if any(w.endswith(TRADE_ENDS) for w in words) or 2 * places >= len(words):
            continue
        for a, b in items:
            n.mentions = [o for o in n.mentions if not _overlaps(o, a, b)]
            n.mentions.append(Mention("organization", a, b, "list"))


def _titled_places(n: _Names) -> None:
    """A place the tagger proposes right before a title is the person who
    holds it when it is no known place (塔瓦尼卡拉总统, not 斯里兰卡总统); a
    single character that is a surname and no place abbreviation is the
    holder's surname (唐外长, not 美外长)."""
    lex = n.lex
    for m in n.mentions:
        if m.type != "place" or m.source != "tagger":
            continue
        word = n.text[m.start : m.end]
        if len(word) == 1 and word in lex.surnames and word not in lex.abbreviations \
                and lex.title_re.match(n.text, m.end):
            m.type, m.partial = "person", True
            continue
        if len(word) < FOREIGN_TITLED_MIN:
            continue
        if word[-1] in PLACE_LAST or word in lex.divisions or word in lex.place_words \
                or word in lex.world_places:
            continue
        title = lex.title_re.match(n.text, m.end)
        if title is not None and title.group()[0] not in OFFICE_LEVELS:
            m.type = "person"


WORLD_PLACE_REACH = 6
"""Longest world place name a place is completed to (阿尔巴尼 -> 阿尔巴尼亚,
几内亚 -> 几内亚比绍); longer ones are official country names."""


def _world_places(n: _Names) -> None:
    """Known countries and cities of the world (lexicon world_places) are places:
    a person the tagger proposes that is one, or a Chinese province or city
    (威海), becomes a place (卡拉奇) unless
    addressed as one (贝宁先生), a place cut short is completed to one
    (阿尔巴尼 + 亚) when no other mention starts in what it gains."""
    text, lex = n.text, n.lex
    known = lex.world_places
    starts = {m.start for m in n.mentions}
    for m in n.mentions:
        if m.source != "tagger":
            continue
        if m.type == "person" and (text[m.start : m.end] in known
                                   or _is_major_division(lex, text[m.start : m.end])) \
                and not lex.kinship_re.match(text, m.end):  # 贝宁先生 is a person
            m.type = "place"
            continue
        if m.type != "place":
            continue
        for end in range(m.start + WORLD_PLACE_REACH, m.end, -1):
            if text[m.start : end] in known and end <= len(text) \
                    and not any(s in starts for s in range(m.end, end)):
                m.end = end
                break


def _is_major_division(lex: Lexicon, word: str) -> bool:
    """Whether ``word`` names a Chinese province or city (威海, 山东省)."""
    return any(d.level != "county" for d in lex.divisions.get(word, ()))


def _diminutives(n: _Names) -> None:
    """小 before a two-character given name is how the name is said, not part of
    it (小俊平 -> 俊平, found wherever else the text names 俊平); 小 before a
    surname (小王, 小李明) stays."""
    for m in n.mentions:
        if m.type == "person" and m.source == "tagger" and m.end - m.start == 3 and \
                n.text[m.start] == DIMINUTIVE and n.text[m.start + 1] not in n.lex.surnames:
            m.start, m.source = m.start + 1, "diminutive"


def _repeats(n: _Names) -> None:
    """Every other occurrence of a name found by a rule is that person too, and
    so is every occurrence of a dotted foreign name and of its last part (班达里
    of 比迪亚·德维·班达里: how the text names that person again)."""
    names = {n.text[m.start : m.end] for m in n.mentions
             if m.type == "person" and m.source != "tagger" and not m.partial}
    dotted = {n.text[m.start : m.end] for m in n.mentions
              if m.type == "person" and FOREIGN_DOT_RE.search(n.text, m.start, m.end)}
    for name in dotted:
        last = FOREIGN_DOT_RE.split(name)[-1]
        if len(last) >= 2 and not _is_common_word(last):
            names |= {name, last}
    if not names:
        return
    covered = _coverage(n)
    pattern = re.compile("|".join(re.escape(w) for w in sorted(names, key=len, reverse=True)))
    for hit in pattern.finditer(n.text):
        if not any(covered[hit.start() : hit.end()]):
            n.mentions.append(Mention("person", hit.start(), hit.end(), "repeat"))


def _longer_forms(n: _Names) -> None:
    """A person or organisation named here by part of a name the text gives in
    full elsewhere, where the rest stands right beside it (乔格 of 基普乔格,
    郑月娥 of 林郑月娥, 公园管理处 of 湿地公园管理处), is that full name: the
    tagger missed an edge of this occurrence. Only where no other mention
    holds the rest and the full name ends well."""
    fulls = sorted({(m.type, n.text[m.start : m.end]) for m in n.mentions
                    if m.type in LONGER_FORM_TYPES and not m.partial})
    if len(fulls) < 2:
        return
    # all full names in one string: a part is looked for with one str.find
    joined = "\n".join(full for _, full in fulls)
    offsets = list(itertools.accumulate((len(full) + 1 for _, full in fulls), initial=0))
    covered = _coverage(n)
    for m in n.mentions:
        word = n.text[m.start : m.end]
        at = joined.find(word) if m.type in LONGER_FORM_TYPES else -1
        while at >= 0:
            i = bisect.bisect_right(offsets, at) - 1
            (kind, full), start = fulls[i], m.start - (at - offsets[i])
            end = start + len(full)
            if kind == m.type and len(full) > len(word) and start >= 0 \
                    and n.text.startswith(full, start) and not any(covered[start : m.start]) \
                    and not any(covered[m.end : end]) \
                    and (end in n.bounds or n.text[end : end + 1] in AFTER_NAME):
                m.start, m.end = start, end
                break
            at = joined.find(word, at + 1)


def _place_stems(n: _Names) -> None:
    """A tagger person that is a place of the text without its division
    suffix (江临 where 江临市 or 江临市人民政府 stands) is that place: local papers drop the
    suffix of their own city after naming it once."""
    places = [(m.start, m.end) for m in n.mentions if m.type == "place"]
    places += [(m.start, end) for m in n.mentions if m.type == "organization"
               and (end := _governed_place_end(n.text, m)) is not None]  # 江临市人民政府
    stems = {n.text[start : end - 1] for start, end in places
             if end - start >= 3 and n.text[end - 1] in DIVISION_SUFFIXES}
    for m in n.mentions:
        if m.type == "person" and m.source == "tagger" and n.text[m.start : m.end] in stems:
            m.type = "place"


def _abbreviation_runs(n: _Names) -> None:
    """Split a place spelt in abbreviations (中非, 港台; 青藏 of 青藏高原) into one
    place per character; mark the country of a side word (中方, 美方)."""
    abbrev = n.lex.abbreviations
    countries = {c for c, kinds in abbrev.items() if "country" in kinds}
    kept: list[Mention] = []
    for m in n.mentions:
        word = n.text[m.start : m.end]
        if m.type == "place" and PLATEAU_RE.fullmatch(word):
            kept += [Mention("place", i, i + 1, "gazetteer") for i in (m.start, m.start + 1)]
        elif (m.type == "place" and 2 <= len(word) <= MAX_ABBREVIATION_RUN
                and all(c in abbrev for c in word) and word not in n.lex.divisions
                and word not in n.lex.places and word != CHINA):
            kept += [Mention("place", i, i + 1, "gazetteer") for i in range(m.start, m.end)]
        elif len(word) == 2 and word[0] in countries and word[1] in SIDE_WORD_ENDS \
                and m.type == "organization" and n.token_at.get(m.start, ("",))[0] == word:
            kept.append(Mention("place", m.start, m.start + 1, "gazetteer"))
        else:
            kept.append(m)
    n.mentions = kept
    covered = _coverage(n)
    for hit in re.finditer(f"[{''.join(countries)}][{SIDE_WORD_ENDS}]", n.text):
        start = hit.start()
        if n.token_at.get(start, ("",))[0] == hit.group() and not covered[start]:
            n.mentions.append(Mention("place", start, start + 1, "gazetteer"))


def _generic_body(text: str, m: Mention) -> bool:
    """A government named by its level alone (GENERIC_GOVERNMENTS), a word
    that never names a body (NOT_BODIES), a 部 that is the start of 部门
    (司法部门, 建设部门: departments in general), or a field of study
    (SCHOOL_ENDS)."""
    word = text[m.start : m.end]
    return word in GENERIC_GOVERNMENTS or word.upper() in NOT_BODIES or (
        text.endswith("部", m.start, m.end) and text.startswith("门", m.end)) or (
        word.endswith("学") and not word.endswith(SCHOOL_ENDS))


def _party_congresses(n: _Names) -> None:
    for m in PARTY_CONGRESS_RE.finditer(n.text):
        n.add(Mention("organization", m.start(), m.end(), "gazetteer"))


def _china(n: _Names) -> None:
    """中华 at the start of a word (中华民族, 中华文化, 中华儿女): a place."""
    _add_uncovered_places(n, [(hit.start(), hit.end()) for hit in re.finditer(CHINA, n.text)
                              if n.token_at.get(hit.start(), ("",))[0].startswith(CHINA)
                              and not n.text.startswith(CHINA_STATE, hit.start())])


def _namesakes(n: _Names) -> None:
    """The person a trophy or a doctrine is named after (汤 of 汤杯, 尤伯 of
    尤伯杯, 马 and 列 of 马列主义)."""
    found = [(m.start(), m.end()) for m in TROPHY_NAMESAKE_RE.finditer(n.text)]
    for m in re.finditer(MARX_LENIN, n.text):
        if n.token_at.get(m.start(), ("",))[0].startswith(MARX_LENIN):
            found += [(m.start(), m.start() + 1), (m.start() + 1, m.end())]
    for start, end in found:
        # partial: a namesake, not a person in the news (the people index leaves it out)
        n.add(Mention("person", start, end, "gazetteer", partial=True))


def _place_words(n: _Names) -> None:
    """Regions read as whole words (东北, 华南; place_words.txt): places; so is
    the place in a word rjieba reads as a place and 地区 (东北地区, 拉美地区):
    the NER sets mark 东北, as the training conversion does (REGION_WORDS)."""
    found = [hit.span() for hit in n.lex.place_words_re.finditer(n.text)
             if n.token_at.get(hit.start(), ("",))[0] == hit.group()]
    for hit in re.finditer(REGION, n.text):  # the rare words that end in 地区
        i = bisect.bisect_right(n.starts, hit.start()) - 1
        word, tag = n.tokens[i]
        start = n.starts[i]
        if start + len(word) == hit.end() and tag == PLACE_TAG and hit.start() - start >= 2 \
                and _is_name_word(word[: -len(REGION)]):
            found.append((start, hit.start()))  # not 沿海地区, 贫困地区
    _add_uncovered_places(n, found)


def _abbreviations(n: _Names) -> None:
    """One-character places: 中美 (两国), 访华, 在京, 赴港, 京剧, 华侨."""
    countries = "".join(c for c, kinds in n.lex.abbreviations.items() if "country" in kinds)
    cities = "".join(c for c, kinds in n.lex.abbreviations.items() if "city" in kinds)
    found: list[tuple[int, int]] = []
    for m in re.finditer(f"[{countries}]{{2,4}}(?={PAIR_FOLLOWERS})", n.text):
        found += [(i, i + 1) for i in range(m.start(), m.end())]
    for m in re.finditer(f"(?:(?<=[{CITY_VERBS}])[{cities}]|(?<=在)[京华沪])", n.text):
        found.append((m.start(), m.end()))
    for hit in re.finditer(f"[{''.join(n.lex.abbreviations)}][{PLACE_KIND_ENDS}]", n.text):
        # the noun starts with it (京剧) or ends with it (中国京剧, one rjieba word)
        i = bisect.bisect_right(n.starts, hit.start()) - 1
        word, tag = n.tokens[i] if 0 <= i < len(n.tokens) else ("", "")
        if tag[:1] in NOUN_TAG_STARTS and (
                n.starts[i] == hit.start() and word.startswith(hit.group())
                or n.starts[i + 1] == hit.end() and len(word) > len(hit.group())):
            found.append((hit.start(), hit.start() + 1))
    found += [(hit.start(), hit.end()) for hit in GAMES_RE.finditer(n.text)]
    _add_uncovered_places(n, found)


def _add_uncovered_places(n: _Names, spans: list[tuple[int, int]]) -> None:
    """Gazetteer places at ``spans`` whose start no mention covers yet."""
    if spans:
        covered = _coverage(n)
        n.mentions += [Mention("place", s, e, "gazetteer") for s, e in spans if not covered[s]]


def _coverage(n: _Names) -> bytearray:
    """One byte per character: 1 where some mention covers it."""
    covered = bytearray(len(n.text))
    for m in n.mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    return covered


def _well_known_people(n: _Names) -> None:
    """Well-known people (people.txt: 李白, 诸葛亮, 牛顿) where they start a word
    (and a short name ends one, LONG_NAME); tagger names they overlap give way
    (葛亮 of 诸葛亮). Not part of a longer foreign name (拉·甘地), not in a
    longer place or organisation of the tagger (黄帝陵, 鲁迅文学院) or at the
    start of a longer tagger name (张旭 of 张旭阳), and not in a book title
    unless they are all of it (《李白》, not 《但丁的地狱》: a work named after
    them)."""
    for start, end, name in n.listed:
        if name not in n.lex.people or (end not in n.bounds and end - start < LONG_NAME) \
                or n.text[start - 1 : start] in FOREIGN_NAME_DOTS \
                or n.text[end : end + 1] in FOREIGN_NAME_DOTS:
            continue
        if _in_book_title(n.text, start, end) and not (
                n.text[start - 1 : start] == BOOK_TITLE_OPEN
                and n.text[end : end + 1] == BOOK_TITLE_CLOSE):
            continue
        if any(m.type != "person" or m.start == start for m in _holders(n, start, end)):
            continue
        n.add(Mention("person", start, end, "gazetteer"))


def _regions(n: _Names) -> None:
    """Named regions (regions.txt: 粤港澳大湾区, 长三角) where a word starts
    and one ends are places, unless a longer name that ends a word holds them
    (京津冀 of 京津冀协同发展领导小组, not of 京津冀协 + 同发展); tagger names
    they overlap give way (粤港 + 澳大湾区)."""
    for start, end, name in n.listed:
        if name in n.lex.regions and end in n.bounds and not any(
                m.end in n.bounds for m in _holders(n, start, end)):
            n.add(Mention("place", start, end, "gazetteer"))


def _holders(n: _Names, start: int, end: int) -> list[Mention]:
    """The mentions longer than [start, end) that hold it."""
    return [m for m in n.mentions
            if m.start <= start and end <= m.end and m.end - m.start > end - start]


def _in_book_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] stands between 《 and 》."""
    opened = text.rfind(BOOK_TITLE_OPEN, 0, start)
    return opened >= 0 and text.rfind(BOOK_TITLE_CLOSE, opened, start) < 0 \
        and text.find(BOOK_TITLE_CLOSE, end) >= 0


def _user_names(n: _Names) -> None:
    if n.lex.known_re is None:
        return
    for m in n.lex.known_re.finditer(n.text):
        word = m.group()
        kind = ("person" if word in n.lex.persons else
                "place" if word in n.lex.places else "organization")
        n.add(Mention(kind, m.start(), m.end(), "user"))


def _complete_organisations(n: _Names) -> None:
    """An organisation cut short where the text names it whole elsewhere and
    the rest follows (中车株洲 + 所 where 中车株洲所 stands elsewhere) is the
    whole name; an organisation mention inside the grown one goes."""
    names: dict[str, set[str]] = {}  # by first character: pages name many organisations
    for m in n.mentions:
        if m.type == "organization":
            names.setdefault(n.text[m.start], set()).add(n.text[m.start : m.end])
    grown: list[Mention] = []
    for m in n.mentions:
        if m.type != "organization":
            continue
        word = n.text[m.start : m.end]
        longer = [w for w in names[word[0]] if len(w) > len(word)
                  and n.text.startswith(w, m.start)]
        if longer:
            m.end = m.start + len(max(longer, key=len))
            grown.append(m)
    n.mentions = [m for m in n.mentions if not (m.type == "organization" and any(
        g is not m and g.start <= m.start and m.end <= g.end for g in grown))]


def _bylines(n: _Names) -> None:
    for m in BYLINE_RE.finditer(n.text):
        at = m.start("names")
        for name in m.group("names").split():
            at = n.text.index(name, at)
            if _surname_len(name, 0, n.lex):
                n.add(Mention("person", at, at + len(name), "byline"))
            at += len(name)


def _credit_roles(n: _Names) -> None:
    """A credit's role character is no part of the name before it: 摄 (photo
    by: 某某摄) always at a credit's end, 文 and 图 after a two-character name
    padded to three (某  某图) or where the same line credits someone else too
    (某某文  某某摄)."""
    for m in n.mentions:
        if m.type != "person" or m.end - m.start < 3 or n.text[m.end - 1] not in CREDIT_ROLES:
            continue
        after = n.text[m.end : m.end + 1]
        if after and not after.isspace() and after not in CREDIT_BRACKETS:
            continue
        line_start = n.text.rfind("\n", 0, m.start) + 1
        line_end = n.text.find("\n", m.end)
        line = n.text[line_start : line_end if line_end >= 0 else len(n.text)]
        name = n.text[m.start : m.end - 1]
        padded = any(map(str.isspace, name)) and sum(map(_is_cjk, name)) >= 2  # not 张 文
        if n.text[m.end - 1] == PHOTO_CREDIT or padded or len(CREDIT_END_RE.findall(line)) >= 2:
            m.end -= 1
            m.source = "credit"  # the credit vouches for the name


def _split_pairs(n: _Names) -> None:
    """``田红旗曹慧泉``: one tagger span that is two names printed together.

    Six characters that are two surname-led three-character names always
    split, and so do names right after a reporter marker (记者贾鹏陈博);
    other spans only when one half also stands alone in the text. A dotted
    name (谢赫·哈西娜), one rjieba reads a transliteration in (斯托尔 + 滕 +
    贝格/nrt) and one of two Tibetan name words (白玛曲珍, ``name_parts.txt``) are
    one name each, and a listed one is one person (伊丽莎白二世).
    """
    singles = {n.text[m.start : m.end] for m in n.mentions if m.type == "person"}
    for m in [m for m in n.mentions if m.type == "person" and 4 <= m.end - m.start <= 6
              and m.source != "gazetteer"]:
        first = bisect.bisect_right(n.starts, m.start) - 1
        last = bisect.bisect_left(n.starts, m.end)
        if any(tag == TRANSLITERATION_TAG for _, tag in n.tokens[max(first, 0) : last]):
            continue
        word = n.text[m.start : m.end]
        if FOREIGN_DOT_RE.search(word) or (
                word[:2] in n.lex.name_parts and word[2:] in n.lex.name_parts):
            continue  # 谢赫·哈西娜, 白玛曲珍: the parts of one name
        if word in n.lex.person_stop:
            continue  # 雷霆万钧: an idiom, no names (the plausibility check drops it)
        byline = BYLINE_MARKER_BEFORE_RE.search(n.text, max(m.start - BYLINE_MARKER_REACH, 0),
                                                m.start) is not None
        for cut in (3, 2):
            a, b = word[:cut], word[cut:]
            seen = (len(word) == 6 or byline or a in singles or b in singles
                    or n.count(a) + n.count(b) > 2)
            if seen and 2 <= len(b) <= 3 and _surname_len(a, 0, n.lex) and \
                    _surname_len(b, 0, n.lex):
                n.mentions.remove(m)
                n.mentions += [Mention("person", m.start, m.start + cut, "pair"),
                               Mention("person", m.start + cut, m.end, "pair")]
                break


def _titles(n: _Names) -> None:
    """Attach titles to the name after them; names listed with 、 share them.

    An organisation or place right before a title is part of it
    (中南大学 + 校长), and so is a 原 or 前 that marks it as held before
    (区委原书记, 前总统); one the tagger ran into the title (中南大学领导) is
    cut where the title starts, unless it keeps it (``_keeps_title_start``:
    中共河北省委 + 省委副书记, 外交部 + 部长, 全国政协 + 政协委员).
    """
    text = n.text
    before = [m for m in n.mentions if m.type in ("organization", "place")]
    inside = {i: m for m in before for i in range(m.start + 2, m.end)}
    ending = {m.end: m for m in before}
    chain: list[tuple[int, int, str]] = []
    for t in n.title_hits:
        start = t.start()
        cut = inside.get(start)
        if cut is not None and cut.end <= t.end() and not _keeps_title_start(n, cut, start):
            cut.end = start
            ending[start] = cut
        body = ending.get(start)
        if body is not None and body.end - body.start > 2 and text[start - 1] in FORMER_MARKS:
            body.end -= 1  # the tagger's 江临市原 + 副市长: 江临市 + 原副市长
            ending[body.end] = body
        former = text[start - 1 : start] in FORMER_MARKS and (
            start - 1 in ending or start < 2 or not _is_cjk(text[start - 2]))
        if former:  # 区委 + 原书记, 、原区长: a title held before, kept as such
            start -= 1
        prefix = ending.get(start)
        if prefix is not None:
            start = prefix.start
        title = (start, t.end(), text[start : t.end()])
        if chain and text[chain[-1][1] : start] in ("、", "和", "兼", ""):
            chain.append(title)
        else:
            chain = [title]
        person = _person_after(n, t.end(), "title")
        if person is None:
            continue
        person.titles = list(chain)
        chain = []
        _listed(n, person)


def _surnames_before_titles(n: _Names) -> None:
    """A surname alone before a title is its holder, a partial person (金教授,
    托项市长), where it starts a clause or follows a word that brings a person
    (SURNAME_TITLE_AFTER) and rjieba reads it alone as a name or a noun (not
    the preposition 向 or the adverb 常)."""
    covered = _coverage(n)
    for t in n.title_hits:
        i = t.start() - 1
        if i < 0 or covered[i] or n.text[i] not in n.lex.surnames \
                or n.text[i] in TITLE_MODIFIERS:
            continue
        if (i == 0 or not n.text[i - 1].isalnum() or n.text[i - 1] in SURNAME_TITLE_AFTER) \
                and rjieba.tag(n.text[i])[0][1] in SURNAME_ALONE_TAGS:
            n.mentions.append(Mention("person", i, i + 1, "title", partial=True))
            covered[i] = 1


def _whole_title(text: str, title: tuple[int, int, str], bodies: list[tuple[int, int]]
                 ) -> tuple[int, int, str]:
    """A title whose start a later rule put inside an organisation or place
    (``bodies``: the tagger's 作协调服务中心 grown to 天元区征拆工作协调服务中心)
    starts with it again."""
    start, end, _ = title
    for body_start, body_end in bodies:
        if body_start < start < body_end <= end:
            start = body_start
    return start, end, text[start:end]


def _keeps_title_start(n: _Names, m: Mention, start: int) -> bool:
    """Whether organisation or place ``m`` keeps the title that starts inside
    it at ``start``: its overlap with the title ends like an organisation
    (外交部 + 部长), or it is a well-known organisation (全国政协 + 政协委员) or
    division (西藏自治区 + 区长) as it stands."""
    word = n.text[m.start : m.end]
    if m.type == "organization":
        return _ends_as_org(n, n.text[start : m.end]) or word in n.lex.org_names
    return any(d.name == word for d in n.lex.divisions.get(word, ()))


def _ends_as_org(n: _Names, word: str) -> bool:
    return any(word.endswith(e) for e in n.lex.org_endings)


def _person_after(n: _Names, at: int, source: str) -> Mention | None:
    """The person starting at ``at``, where a title or list says one must be.

    A name shaped like a Chinese name (surname + one or two characters,
    then a character that ends names) overrides the tagger's span there.
    """
    person = n.person_at(at)
    end = _name_at(n.text, at, n.lex)
    if end is not None and not (at in n.bounds and end in n.bounds  # not 领导班子做到
                                and _name_shape_ok(n, at, end, _surname_len(n.text, at, n.lex))):
        end = None
    if person is not None and (end is None or person.source != "tagger" or person.end == end):
        return person
    if end is None:
        return None
    added = n.add(Mention("person", at, end, source))
    return added if added.start == at and added.type == "person" else None


def _listed(n: _Names, first: Mention) -> None:
    """Names after ``first`` separated by 、 share its titles."""
    prev = first
    while n.text[prev.end : prev.end + 1] == "、":
        person = _person_after(n, prev.end + 1, "list")
        if person is None:
            return
        if not person.titles:
            person.titles = list(first.titles)
        prev = person


def _surname_of_address(word: str, lex: Lexicon) -> int:
    """Length of the surname when ``word`` is a surname and a form of address
    (唐师傅, 欧阳女士) or a respectful or family tail (胡老, 阮家), else 0."""
    for size in (2, 1):
        if word[:size] in lex.surnames and (word[size:] in lex.kinship
                                            or word[size:] in SURNAME_TAILS):
            return size
    return 0


def _kinship(n: _Names) -> None:
    for k in n.lex.kinship_re.finditer(n.text):
        at = k.start() - 1
        if at < 0 or n.text[at] not in n.lex.surnames:
            continue
        if at > 0 and _is_cjk(n.text[at - 1]) and any(
                m.type == "person" and m.end == at for m in n.mentions):
            continue  # 习近平同志: a full name, not 平同志
        if any(m.type != "person" and _overlaps(m, at, k.end()) for m in n.mentions):
            continue  # 武警 + 官兵: an organisation, not 武 + 警官
        covering = [m for m in n.mentions if m.type == "person" and _overlaps(m, at, k.end())]
        if any(m.end - m.start > 1 and m.start < at for m in covering):
            continue
        surname = n.token_at.get(at)
        if surname is None or surname[1] in FUNCTION_TAGS:
            continue  # 那位女士, 妇女和医生: no surname there
        n.add(Mention("person", at, k.end(), "kinship", partial=True))


def _plausible_person(n: _Names, m: Mention, person_starts: set[int]) -> bool:
    """Rule mentions stand; a tagger name is dropped on evidence against it.

    It must end well (not 施展才 out of 施展才华, see ``_ends_well``; a name
    right before another person, at one of ``person_starts``, does: 邝思远 +
    罗建平, which rjieba reads across),
    must not end like an organisation (卫健委), must not be followed
    anywhere in the text by a word that makes it a place or a line
    (武广高铁), and must not stand in a 、 list of organisations
    (..., 菲斯罗克、中车特装等企业).
    """
    word = n.text[m.start : m.end]
    if word in n.lex.person_stop or (m.source == "tagger" and _in_idiom(n, m)):
        return False
    if len(word) < 2:  # only a surname before a title: 江主席
        return word in n.lex.surnames and n.lex.title_re.match(n.text, m.end) is not None
    if m.source != "tagger" or m.titles:
        return True  # a rule found it, or a title stands right before it
    if word[-1] in NOT_PERSON_LAST or not (_ends_well(n, m) or m.end in person_starts):
        return False
    if not _starts_well(n, m):
        return False
    surname = _surname_len(word, 0, n.lex)
    first_word, first_tag = n.token_at.get(m.start, ("", ""))
    if surname and len(word) > surname + MAX_GIVEN and _is_common_word(word[:2]) and not (
            first_tag.startswith("nr") and len(first_word) < len(word)):
        # 施展才华: a single surname takes at most two given characters, unless
        # rjieba reads a shorter name at its start (赫里斯 of 赫里斯坚科)
        return False
    straddle = n.text[m.end - 1 : m.end + 1]
    if len(straddle) == 2 and _is_cjk(straddle[1]) and \
            n.count(straddle) >= STRADDLE_REPEATS and n.count(word) == 1:
        # 三门段征拆户: its last character starts a word the text repeats (征拆);
        # a punctuation mark after it (柳大华、 in a list of pairings) cuts no word
        return False
    if n.followed_by_not_person(word) and FOREIGN_DOT_RE.search(word) is None:
        return False  # (a dotted name is a person's, whatever is named after them)
    return not ORG_LIST_RE.match(n.text, m.end)


def _in_idiom(n: _Names, m: Mention) -> bool:
    """Whether the name lies inside a four-character idiom of ``person_stop``
    (雷霆 + 万钧 of 雷霆万钧: the tagger read it as two names)."""
    return any(n.text[at : at + IDIOM_LENGTH] in n.lex.person_stop
               for at in range(max(m.end - IDIOM_LENGTH, 0), m.start + 1))


def _starts_well(n: _Names, m: Mention) -> bool:
    """The name starts on a word boundary, or inside a word rjieba itself
    reads as a name (胜王磊), not inside a common word (阶段征拆 -> 段征)."""
    if m.start in n.bounds:
        return True
    i = bisect.bisect_right(n.starts, m.start) - 1
    return 0 <= i < len(n.tokens) and n.tokens[i][1].startswith("nr")


def _is_name_word(chars: str) -> bool:
    """Whether rjieba reads ``chars`` alone as one name-like word (东北/ns,
    拉美/nz; not 沿海/f, 贫困/a)."""
    tokens = rjieba.tag(chars)
    return len(tokens) == 1 and tokens[0][1] in NAME_WORD_TAGS


def _is_common_word(chars: str) -> bool:
    """Whether rjieba reads ``chars`` alone as one common word (施展, 阶段)."""
    tokens = rjieba.tag(chars)
    return len(tokens) == 1 and (tokens[0][1] == "n" or tokens[0][1][:1] in COMMON_WORD_TAGS)


def _ends_well(n: _Names, m: Mention) -> bool:
    """The name ends on a word boundary or before a character that ends names
    (郑咏 of 郑咏是, which rjieba reads as one word), or is the head of a longer
    word whose rest is a word itself (邓小平理论, 马克思主义), not a stray
    character (奥密克 of 奥密克戎)."""
    if m.end in n.bounds or n.text[m.end : m.end + 1] in AFTER_NAME:
        return True
    token = n.token_at.get(m.start)
    return token is not None and len(token[0]) - (m.end - m.start) >= 2


def _name_shape_ok(n: _Names, start: int, end: int, surname_len: int) -> bool:
    """Whether rjieba's words allow a name at [start, end).

    Not when a longer common word starts there (领导干部, 满意地), when the
    surname character is a function word (和第), or when the given name is
    a verb or adverb (记者时表示).
    """
    first = n.token_at.get(start)
    if first is not None:
        word, tag = first
        if len(word) >= 2 and (tag == "n" or tag[:1] in COMMON_WORD_TAGS):
            return False
        if len(word) == 1 and tag in FUNCTION_TAGS:
            return False
    given = n.token_at.get(start + surname_len)
    return not (given is not None and len(given[0]) >= 2 and given[1][:1] in VERBISH_TAGS)


def _gazetteer_places(n: _Names) -> None:
    """Full names of administrative divisions (醴陵市) the tagger missed or cut
    short at the start (麻莱县 of 曲麻莱县).

    Full names end in one of a few characters; only the text before each of
    those is looked up, which is much cheaper than one big alternation.
    """
    covered = _coverage(n)
    longest = n.lex.max_division_name
    text, divisions = n.text, n.lex.divisions
    places_ending = {m.end: m for m in n.mentions if m.type == "place"}
    for hit in DIVISION_END_RE.finditer(text):
        end = hit.end()
        for size in range(min(longest, end), SHORT_DIVISION_NAME - 1, -1):
            start = end - size
            word = text[start:end]
            cands = divisions.get(word)
            if cands and any(d.name == word for d in cands) and (
                    size >= MIN_DIVISION_NAME or _is_short_division(n, start, word)):
                cut = places_ending.get(end)
                if cut is not None and start < cut.start and not any(covered[start : cut.start]):
                    cut.start = start  # the tagger's 麻莱县 of 曲麻莱县
                    covered[start:end] = b"\x01" * size
                elif not any(covered[start:end]):
                    n.mentions.append(Mention("place", start, end, "gazetteer"))
                    covered[start:end] = b"\x01" * size
                break


# Last characters of full division names (省, 市, 县, 区, 自治州, 盟, 旗).
DIVISION_END_RE = re.compile("[省市县区州盟旗]")
# Division names shorter than this (alias forms like 天元) are too ambiguous
# to match without the tagger; full names (天元区, 醴陵市) are long enough.
# A two-character county or city (莒县, 芒市) is one where rjieba reads it as a
# word (not 和县 of 和县委, 高县 of 提高县级).
MIN_DIVISION_NAME = 3
SHORT_DIVISION_NAME = 2
SHORT_DIVISION_ENDS = ("县", "市")


def _is_short_division(n: _Names, start: int, word: str) -> bool:
    return word.endswith(SHORT_DIVISION_ENDS) and n.token_at.get(start, ("",))[0] == word


def resolve_place(word: str, lex: Lexicon, context: list[AdminDivision]
                  ) -> AdminDivision | None:
    """The most specific division ``word`` names or starts with (株洲市芦淞区 -> 芦淞区).

    Among equally named divisions, one in a province or city already seen in
    ``context`` wins (天元区 next to 株洲).
    """
    best: AdminDivision | None = None
    at = 0
    parent: AdminDivision | None = None
    while at < len(word):
        for size in range(min(lex.max_division_name, len(word) - at), 1, -1):
            cands = lex.divisions.get(word[at : at + size])
            if cands:
                pick = _pick(cands, parent, context)
                if pick is not None:
                    best = parent = pick
                    at += size
                    break
        else:
            break
    return best


def _pick(cands: tuple[AdminDivision, ...], parent: AdminDivision | None,
          context: list[AdminDivision]) -> AdminDivision | None:
    if parent is not None:
        under = [c for c in cands if c.province == parent.province and
                 (parent.level == "province" or c.city == parent.city)]
        return under[0] if under else None
    for ctx in reversed(context[-CONTEXT_PLACES:]):
        for c in cands:
            if c.city and c.city == ctx.city or c.province == ctx.province and len(cands) > 1:
                return c
    return cands[0]


def find_names(text: str, spans: Iterable[tuple[str, int, int]], lex: Lexicon,
               words: Words) -> list[Entity]:
    """Person, title, place and organisation entities of ``text`` (offsets into it).

    ``spans`` are the tagger's; ``words`` are rjieba's words of ``text``.
    """
    n = _Names(text, spans, lex, words)
    _complete_names(n)
    _overrun_names(n)
    _known_name_edges(n)
    _title_tails(n)
    _foreign_overruns(n)
    _overlong_names(n)
    _given_name_tails(n)
    _split_joined(n)
    _weather(n)
    _forecast_places(n)
    _well_known_people(n)
    _regions(n)
    _user_names(n)
    _known_organisations(n)
    _vessels(n)
    _org_edges(n)
    _complete_organisations(n)
    _bylines(n)
    _credit_roles(n)
    _split_pairs(n)
    _titles(n)
    _surnames_before_titles(n)
    _kinship(n)
    _juxtaposed(n)
    _list_gaps(n)
    _diminutives(n)
    person_starts = {m.start for m in n.mentions if m.type == "person"}
    n.mentions = [m for m in n.mentions
                  if m.type != "person" or _plausible_person(n, m, person_starts)]
    _named_after(n)
    _company_lists(n)
    _titled_places(n)
    _world_places(n)
    _repeats(n)
    _longer_forms(n)
    _gazetteer_places(n)
    _place_stems(n)
    _teams(n)
    _departments(n)
    _place_organisations(n)
    _head_title_bodies(n)
    _one_word_organisations(n)
    _sessions(n)
    _facilities(n)
    _organisation_words(n)
    _venues(n)
    _place_word_ends(n)
    _street_addresses(n)
    _org_starts(n)
    _abbreviation_runs(n)
    _abbreviations(n)
    _place_words(n)
    _china(n)
    _party_congresses(n)
    _namesakes(n)
    _country_bodies(n)
    n.mentions = [m for m in n.mentions if m.type != "organization"
                  or not _generic_body(n.text, m)]
    _trim_edges(n)
    out: list[Entity] = []
    context: list[AdminDivision] = []
    resolved: dict[tuple[str, AdminDivision | None], AdminDivision | None] = {}
    bodies = [(m.start, m.end) for m in n.mentions if m.type in ("organization", "place")]
    for m in sorted(n.mentions, key=lambda m: m.start):
        word = text[m.start : m.end]
        attrs: dict[str, Any] = {}
        if m.type == "person":
            m.titles = [_whole_title(text, t, bodies) for t in m.titles]
            attrs = {"name": "".join(word.split()), "titles": [t for _, _, t in m.titles],
                     "partial": m.partial or len(word) < 2, "first_mention": True}
            named = _surname_of_address(word, lex)
            if named:
                # 唐师傅: the person's name in the text is the surname; 师傅 is how
                # they are addressed (the NER corpora mark the surname alone too).
                attrs["partial"] = True
                out.append(Entity("person", word[:named], m.start, m.start + named, attrs))
                continue
            out += [Entity("title", title, s, e, {"title": title, "person": word})
                    for s, e, title in m.titles]
        elif m.type == "place":
            key = (word, context[-1] if context else None)
            if key not in resolved:  # the same place recurs: resolve it once per context
                resolved[key] = resolve_place(word, lex, context)
            div = resolved[key]
            if div is not None and div not in context[-CONTEXT_PLACES:]:
                context.append(div)
            attrs = {"admin": div.as_attrs() if div else None}
        elif m.type == "organization" and word.endswith(GOVERNMENT):
            # 株洲市人民政府: the division it governs, as a place would carry it
            div = resolve_place(word, lex, context)
            attrs = {"admin": div.as_attrs() if div else None}
        out.append(Entity(m.type, word, m.start, m.end, attrs))
    return out
