"""A file uploader that speaks the viewer's language.

Streamlit 1.67 offers no setting for its uploader's button ("Upload"), its drop hint
("Drag and drop files here") or its limits line ("25MB per file • XLSX, CSV"). The button's
text is replaced and the two English lines are hidden by a style scoped to this uploader's
container; the limits are written below it from the catalog. See README, "Language"."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import t

MAX_MB = 25  # .streamlit/config.toml server.maxUploadSize

STYLE = (
    "<style>"
    ".st-key-{key} [data-testid=stFileUploaderDropzoneInstructions],"
    ".st-key-{key} [data-testid=stFileUploaderDropzone] button "
    "[data-testid=stMarkdownContainer]{{display:none}}"
    ".st-key-{key} [data-testid=stFileUploaderDropzone] button::after"
    '{{content:"{button}"}}'
    "</style>"
)


def css_string(text: str) -> str:
    """Catalog text made safe inside a CSS string in a <style> element."""
    return "".join(c for c in text if c not in '\\"<>\n\r{}')


def file_uploader(label: str, types: list[str], key: str, lang: str):
    with st.container(key=f"{key}_box"):
        st.html(STYLE.format(key=f"{key}_box", button=css_string(t("submit.upload_button", lang))))
        upload = st.file_uploader(label, type=types, key=key)
        st.caption(
            t(
                "submit.upload_limits",
                lang,
                mb=MAX_MB,
                types=("、" if lang == "zh" else ", ").join(x.upper() for x in types),
            )
        )
    return upload
