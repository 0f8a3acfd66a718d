"""Header words several kinds share."""

REQ, OPT = True, False
PROVINCE_ALIASES = ("省份", "省级代码", "行政区划代码", "province")
USCC_ALIASES = ("信用代码", "社会信用代码")
PROVINCE = ("province_code", "省份代码", "Province code", "province", REQ, None, PROVINCE_ALIASES)
NOTE = ("note", "备注", "Note", "text", OPT, None, ("说明",))
