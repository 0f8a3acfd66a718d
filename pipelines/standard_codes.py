"""The codes that open a Chinese industry standard's number (行业标准代号).

An industry standard (行业标准) is numbered ``<code> <sequence>-<year>`` (mandatory),
``<code>/T ...`` (recommended) or ``<code>/Z ...`` (guidance document): ``HJ 1357-2024``,
``HJ/T 353-2007``, ``YB/T 4001-2020``, ``NB/T 10001-2016``. None of them is a national standard.

Source: the table of industry standard codes published by the Standardization Administration
of China (国家标准化管理委员会, "行业标准代号", the codes it approves and announces under the
Standardization Law; the filing platform for industry standards lists the same codes), as
reproduced for instance by the National Technical Committee on Horology
(全国钟表标准化技术委员会, "标准代号", 2013-11-20). Later additions announced by SAC are
included: NB 能源, RB 认证认可, GM 密码, GH 供销合作, LS 粮食, XF 消防, YJ 应急管理, ZY 中医药,
SF 司法, SW 税务. The engineering-construction series JGJ (建筑工程) and CJJ (城镇建设工程),
numbered the same way, are industry standards too.

``DB`` (地震, seismology) is listed but shares its letters with local standards (DB33/T ...):
only ``DB/T`` and ``DB/Z`` followed by a number are read as industry standards.
"""

from __future__ import annotations

# code: the industry it belongs to (for the reader; only the keys are used)
INDUSTRY_CODES: dict[str, str] = {
    "BB": "包装 packaging",
    "CB": "船舶 shipbuilding",
    "CH": "测绘 surveying and mapping",
    "CJ": "城镇建设 urban construction",
    "CJJ": "城镇建设工程 urban construction engineering",
    "CY": "新闻出版 press and publication",
    "DA": "档案 archives",
    "DB": "地震 seismology (only as DB/T, DB/Z)",
    "DL": "电力 electric power",
    "DZ": "地质矿产 geology and mineral resources",
    "EJ": "核工业 nuclear industry",
    "FZ": "纺织 textiles",
    "GA": "公共安全 public security",
    "GH": "供销合作 supply and marketing cooperatives",
    "GM": "密码 cryptography",
    "GY": "广播电影电视 radio, film and television",
    "HB": "航空 aviation",
    "HG": "化工 chemical industry",
    "HJ": "环境保护 environmental protection",
    "HS": "海关 customs",
    "HY": "海洋 oceans",
    "JB": "机械 machinery",
    "JC": "建材 building materials",
    "JG": "建筑工业 building industry",
    "JGJ": "建筑工程 building engineering",
    "JR": "金融 finance",
    "JT": "交通 transport",
    "JY": "教育 education",
    "LB": "旅游 tourism",
    "LD": "劳动和劳动安全 labour and labour safety",
    "LS": "粮食 grain",
    "LY": "林业 forestry",
    "MH": "民用航空 civil aviation",
    "MT": "煤炭 coal",
    "MZ": "民政 civil affairs",
    "NB": "能源 energy",
    "NY": "农业 agriculture",
    "QB": "轻工 light industry",
    "QC": "汽车 automobiles",
    "QJ": "航天 aerospace",
    "QX": "气象 meteorology",
    "RB": "认证认可 certification and accreditation",
    "SB": "商业 commerce",
    "SC": "水产 fisheries",
    "SF": "司法 justice",
    "SH": "石油化工 petrochemicals",
    "SJ": "电子 electronics",
    "SL": "水利 water resources",
    "SN": "出入境检验检疫 entry-exit inspection and quarantine",
    "SW": "税务 taxation",
    "SY": "石油天然气 petroleum and natural gas",
    "TB": "铁路运输 railway transport",
    "TD": "土地管理 land administration",
    "TY": "体育 sports",
    "WB": "物资管理 materials management",
    "WH": "文化 culture",
    "WJ": "兵工民品 ordnance civilian products",
    "WM": "外经贸 foreign trade",
    "WS": "卫生 health",
    "WW": "文物保护 cultural heritage",
    "XB": "稀土 rare earths",
    "XF": "消防 fire protection",
    "YB": "黑色冶金 ferrous metallurgy",
    "YC": "烟草 tobacco",
    "YD": "通信 telecommunications",
    "YJ": "应急管理 emergency management",
    "YS": "有色金属 non-ferrous metals",
    "YY": "医药 pharmaceuticals",
    "YZ": "邮政 postal services",
    "ZY": "中医药 traditional Chinese medicine",
}

# Longest first, so that JGJ is tried before JG and CJJ before CJ.
_ALTERNATION = "|".join(
    sorted((c for c in INDUSTRY_CODES if c != "DB"), key=lambda c: (-len(c), c))
)
# A prefix pattern: an industry code followed by "/T", "/Z" or the number itself. DB (seismology)
# only with "/T" or "/Z": "DB" followed by digits is a local standard.
INDUSTRY_PREFIX = rf"(?:(?:{_ALTERNATION})(?![A-Z])|DB(?=\s*/\s*[TZ]))"
