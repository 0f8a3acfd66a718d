"""User-typed text shown by elements that render markdown (st.write, st.markdown,
st.warning, st.caption, st.subheader ...) is escaped here, so a name or a comment cannot
become a link, an image or formatting."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$=])")


def md_escape(text: object) -> str:
    """The text with every markdown (and Streamlit directive) character backslash-escaped,
    and line breaks made spaces."""
    plain = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", plain)
