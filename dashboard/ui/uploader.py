"""A file uploader that speaks the viewer's language.

Streamlit 1.67 offers no setting for its uploader's button ("Upload"), its drop hint
("Drag and drop files here") or its limits line ("25MB per file • XLSX, CSV"). The button's
text is replaced on screen (its English label stays only as the accessible name a screen
reader announces) and the limits line is hidden, by a style scoped to this uploader's
container; the limits are written below it from the catalog. See README, "Language"."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t

MAX_MB = 25  # .streamlit/config.toml server.maxUploadSize

STYLE = (
    "<style>"
    ".st-key-{key} [data-testid=stFileUploaderDropzoneInstructions]{{display:none}}"
    # the button's own label is hidden from sight but kept as its accessible name (a button
    # needs one; CSS content does not count), and the catalog's label is drawn instead
    ".st-key-{key} [data-testid=stFileUploaderDropzone] button "
    "[data-testid=stMarkdownContainer]{{position:absolute;width:1px;height:1px;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}"
    ".st-key-{key} [data-testid=stFileUploaderDropzone] button::after"
    '{{content:"{button}"}}'
    "</style>"
)


def css_string(text: str) -> str:
    """Catalog text made safe inside a CSS string in a <style> element."""
    return "".join(c for c in text if c not in '\\"<>\n\r{}')


def file_uploader(label: str, types: list[str], key: str, lang: str, *, max_mb: int = MAX_MB):
    """`max_mb`: the limit written below it (a page may check a smaller one than Streamlit's)."""
    with st.container(key=f"{key}_box"):
        st.html(STYLE.format(key=f"{key}_box", button=css_string(t("submit.upload_button", lang))))
        upload = st.file_uploader(label, type=types, key=key)
        st.caption(
            t(
                "submit.upload_limits",
                lang,
                mb=max_mb,
                types=("、" if lang == "zh" else ", ").join(x.upper() for x in types),
            )
        )
    return upload
