"""The Unified Social Credit Code check character (GB 32100-2015), for the demo generator.
The validator in pipelines/identifiers.py uses the same rule on submitted codes."""

from __future__ import annotations

import random

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def check_char(first17: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def make_uscc(rng: random.Random, region_code: str) -> str:
    body = "91" + region_code[:6] + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_char(body)
