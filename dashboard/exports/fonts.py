"""The CJK font every export needs, found on the machine and registered with vl-convert.

Without a font that has Chinese glyphs, vl-convert renders text-less (or tofu) images
silently. `ensure_cjk_font()` therefore refuses to go on when "Noto Sans CJK SC" (Debian
package fonts-noto-cjk) is not installed, with a message in both languages.

DASHBOARD_CJK_FONT_DIR names the only directory to search (for a font kept outside the
system folders, and for the tests that simulate a machine without the font).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import vl_convert

FONT_FAMILY = "Noto Sans CJK SC"
DEBIAN_PACKAGE = "fonts-noto-cjk"
ENV_DIR = "DASHBOARD_CJK_FONT_DIR"
# File names that carry the family "Noto Sans CJK SC" (Debian/Ubuntu .ttc, Adobe/Google .otf).
FONT_PATTERNS = ("NotoSansCJK-*.ttc", "NotoSansCJKsc-*.otf", "NotoSansCJK-*.otf")
KNOWN_DIRS = (
    "/usr/share/fonts/opentype/noto",  # Debian, Ubuntu (fonts-noto-cjk)
    "/usr/share/fonts/noto-cjk",  # Arch
    "/usr/share/fonts/google-noto-cjk",  # Fedora
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)

_registered: set[str] = set()
_found: dict[tuple, Path] = {}
_lock = threading.Lock()


class FontMissingError(RuntimeError):
    """The CJK font is not installed: exports would have no readable Chinese text."""

    def __init__(self, searched: list[str]):
        self.searched = searched
        super().__init__(
            f"导出需要中文字体“{FONT_FAMILY}”，本机未安装，因此未生成没有文字的图片。"
            f"请安装 Debian 软件包 {DEBIAN_PACKAGE}（sudo apt-get install {DEBIAN_PACKAGE}）。 / "
            f"Exports need the CJK font '{FONT_FAMILY}', which is not installed on this machine, "
            f"so no text-less image was produced. Install the Debian package {DEBIAN_PACKAGE} "
            f"(sudo apt-get install {DEBIAN_PACKAGE}). Searched: {', '.join(searched) or '-'}"
        )


def _in_dir(directory: Path) -> Path | None:
    if not directory.is_dir():
        return None
    for pattern in FONT_PATTERNS:
        hits = sorted(directory.rglob(pattern))
        regular = [h for h in hits if "Regular" in h.name]
        if regular or hits:
            return (regular or hits)[0]
    return None


def _from_fontconfig() -> Path | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        out = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [fc_list, f":family={FONT_FAMILY}", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
    files = [f for f in files if Path(f).is_file()]
    regular = [f for f in files if "Regular" in f]
    return Path((regular or files)[0]) if files else None


def search_dirs() -> list[str]:
    override = os.environ.get(ENV_DIR)
    if override:
        return [override]
    return [str(Path(d).expanduser()) for d in KNOWN_DIRS]


def find_cjk_font(dirs: list[str] | None = None) -> Path | None:
    """The font file of "Noto Sans CJK SC", or None. `dirs` (or DASHBOARD_CJK_FONT_DIR)
    replaces the search: only those directories are looked at."""
    if dirs is None and not os.environ.get(ENV_DIR):
        found = _from_fontconfig()
        if found:
            return found
    for d in dirs if dirs is not None else search_dirs():
        found = _in_dir(Path(d))
        if found:
            return found
    return None


def ensure_cjk_font(dirs: list[str] | None = None) -> Path:
    """Find the font and register its directory with vl-convert (once per directory).
    A font once found is remembered (per search) while its file exists."""
    key = (tuple(dirs) if dirs is not None else None, os.environ.get(ENV_DIR))
    font = _found.get(key)
    if font is None or not font.is_file():
        font = find_cjk_font(dirs)
    if font is None:
        raise FontMissingError(dirs if dirs is not None else ["fc-list", *search_dirs()])
    directory = str(font.parent.resolve())
    with _lock:
        _found[key] = font
        if directory not in _registered:
            vl_convert.register_font_directory(directory)
            _registered.add(directory)
    return font
