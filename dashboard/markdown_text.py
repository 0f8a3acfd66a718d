"""The one escaping rule for text a user wrote (pilot and enterprise names, return comments,
display names, usernames, file names) that reaches an element rendering Markdown
(st.subheader, st.warning, st.caption, st.markdown, st.write ...). Every ASCII punctuation
character is backslash-escaped (CommonMark shows it literally), so no link, image, emphasis,
heading, HTML entity, autolink, math or colour directive can come out of it; line breaks
become spaces. Plain Python: no Streamlit import."""

from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def plain(text: object) -> str:
    """`text` as Markdown that renders exactly as the text itself."""
    one_line = " ".join(str(text if text is not None else "").split())
    return _PUNCTUATION.sub(r"\\\1", one_line)
