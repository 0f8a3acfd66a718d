"""Header words several kinds share."""

REQ, OPT = True, False
PROVINCE_ALIASES = ("省份", "省级代码", "行政区划代码", "province")
USCC_ALIASES = ("信用代码", "社会信用代码")
PROVINCE = ("province_code", "省份代码", "Province code", "province", REQ, None, PROVINCE_ALIASES)
# A location: decimal degrees in the datum the third column names (dashboard.locations).
LONGITUDE = ("longitude", "经度", "Longitude", "longitude", OPT, None, ("东经", "lon", "lng"))
LATITUDE = ("latitude", "纬度", "Latitude", "latitude", OPT, None, ("北纬", "lat"))
DATUM = ("datum", "坐标系", "Datum", "enum", OPT, "datum", ("坐标系统", "大地基准", "坐标基准"))
LOCATION = ("longitude", "latitude", "datum")
NOTE = ("note", "备注", "Note", "text", OPT, None, ("说明",))
