"""Columns and header words several kinds share. A kind that needs one a little otherwise
(optional, another vocabulary, other header words) takes `dataclasses.replace` of it."""

from dashboard import vocab
from dashboard.kinds.base import Column, Stages

REQ, OPT = True, False
PROVINCE_ALIASES = ("省份", "省级代码", "行政区划代码", "province")
USCC_ALIASES = ("信用代码", "社会信用代码")
PROVINCE = Column(
    "province_code", "省份代码", "Province code", "province", REQ, None, PROVINCE_ALIASES
)
USCC = Column("uscc", "统一社会信用代码", "USCC", "uscc", REQ, None, USCC_ALIASES)
ENTERPRISE_NAME = Column(
    "enterprise_name", "企业名称", "Enterprise name", "text", REQ, None, ("企业",)
)
# An enterprise: its credit code, its name and its province (CEMS pilots, measurement reviews).
ENTERPRISE_COLUMNS = (USCC, ENTERPRISE_NAME, PROVINCE)
INDUSTRY = Column("industry", "行业", "Industry", "enum", REQ, "industry", ("所属行业",))
STAGE_DATE = Column("stage_date", "阶段日期", "Stage date", "date", REQ, None, ("日期",))
EVIDENCE = Column("evidence", "佐证材料", "Evidence", "text", OPT, None, ("证明材料",))
# A location: decimal degrees in the datum the third column names (dashboard.locations).
LONGITUDE = Column("longitude", "经度", "Longitude", "longitude", OPT, None, ("东经", "lon", "lng"))
LATITUDE = Column("latitude", "纬度", "Latitude", "latitude", OPT, None, ("北纬", "lat"))
DATUM = Column(
    "datum", "坐标系", "Datum", "enum", OPT, "datum", ("坐标系统", "大地基准", "坐标基准")
)
LOCATION = ("longitude", "latitude", "datum")
LOCATION_COLUMNS = (LONGITUDE, LATITUDE, DATUM)
NOTE = Column("note", "备注", "Note", "text", OPT, None, ("说明",))

# A measurement review's status and its date (carbon and energy measurement reviews), and
# the stage machine they make: a unit in rectification may be reviewed again.
REVIEW_STATUS = Column(
    "review_status", "审查状态", "Review status", "enum", REQ, "review_status", ("状态",)
)
REVIEW_DATE = Column(
    "review_date", "状态日期", "Review date", "date", REQ, None, ("审查日期", "日期")
)


def entry_listing(state: str, day: str, *more: str) -> tuple[str, ...]:
    """The columns a registry lists of a history's entries: the entry, its state and day, the
    entry it corrects, its note, `more`, and who recorded it when."""
    return ("id", state, day, "corrects_id", "note", *more, "recorded_by", "recorded_at")


REVIEW_STAGES = Stages(
    "review_status",
    "review_date",
    "review_status",
    vocab.review_move_allowed,
    vocab.REVIEW_STATUSES.index,
    "status",
    "status_date",
)
