"""The HTML review page: structure, escaping, self-containment, and what headless Chromium shows."""

from __future__ import annotations

import html
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import claimkit
from claimkit.claims.model import Claim
from claimkit.render import render_html

PAGE = (Path(__file__).parent.parent / "examples" / "page.txt").read_text(encoding="utf-8")
TEMPLATE = (Path(claimkit.__file__).parent / "render_template.html").read_text(encoding="utf-8")
FONT_HINT = "install a CJK font, e.g. Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk; .ci/run does)"
CLAIM_RGB = (0xFF, 0xE0, 0x7A)  # --claim in render_template.html
REGION_RGB = (0xF1, 0xF1, 0xF1)  # .region background


class Marks(HTMLParser):
    """Collects ``<mark class="claim">`` elements (attributes and text), body attributes and resource links."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[dict[str, str]] = []
        self.body: dict[str, str] = {}
        self.cards: list[str] = []
        self.regions: Counter[str] = Counter()
        self.links: list[str] = []
        self._in_mark = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "mark" and "claim" in classes:
            self.marks.append({**a, "_text": ""})
            self._in_mark += 1
        elif tag == "body":
            self.body = a
        elif tag == "li" and "card" in classes:
            self.cards.append(a["data-claim"])
        elif tag == "span" and "region" in classes:
            self.regions.update(c for c in classes if c != "region")
        for key in ("src", "href"):
            if key in a and not a[key].startswith("#"):
                self.links.append(a[key])

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._in_mark:
            self._in_mark -= 1

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1]["_text"] += data


def parse(page: str) -> Marks:
    parser = Marks()
    parser.feed(page)
    return parser


def test_every_claim_is_highlighted_with_its_fields() -> None:
    claims = claimkit.extract(PAGE, published="2025-11-28").claims
    doc = parse(render_html(PAGE, claims))
    assert [m["_text"] for m in doc.marks] == [c.text for c in claims]
    assert [m.get("data-raw-value") for m in doc.marks] == [
        str(c.value) if c.value is not None else None for c in claims
    ]
    assert [m.get("data-company") for m in doc.marks] == [c.company for c in claims]
    assert [m.get("data-period") for m in doc.marks] == [c.period for c in claims]
    speakers = [(m["_text"], m["data-speaker"]) for m in doc.marks if "data-speaker" in m]
    assert ("79.5亿笔", "陈少晖") in speakers
    assert doc.cards == [str(i) for i in range(len(claims))]
    assert {"repeat", "boilerplate", "title"} <= set(doc.regions)


def test_original_view_keeps_offsets_and_strikes_glosses() -> None:
    claims = claimkit.extract(PAGE).claims
    page = render_html(PAGE, claims, view="original")
    doc = parse(page)
    assert [m["_text"] for m in doc.marks] == [PAGE[c.start : c.end] for c in claims]
    article = page[page.index('<article id="text">') : page.index("</article>")]
    glosses = re.findall(r'<span class="([^"]*\bgloss\b[^"]*)">([^<]*)</span>', article)
    assert [g for _, g in glosses] == [PAGE[g.start : g.end] for g in claimkit.clean(PAGE).glosses]
    assert "gloss region repeat" in {c for c, _ in glosses}  # glosses of the doubled article


def test_escaping_and_no_external_resources() -> None:
    text = '<script>alert("x")</script>腾讯营收增长5%。<img src="http://example.com/a.png">'
    page = render_html(text, claimkit.extract(text).claims, title="<b>t</b>")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    doc = parse(page)
    assert doc.links == [] and len(doc.marks) == 1
    assert 'src="' not in page and "url(" not in page and "@import" not in page and "<link" not in page
    assert "default-src 'none'" in page


def test_overlapping_claims_are_listed_not_nested() -> None:
    text = "营收增长12%。"
    claims = [Claim(text="12%", start=4, end=7), Claim(text="2%", start=5, end=7)]
    page = render_html(text, claims)
    doc = parse(page)
    assert [m["_text"] for m in doc.marks] == ["12%"] and doc.cards == ["0", "1"]
    assert "not highlighted" in page


def test_the_page_names_the_font_it_needs() -> None:
    """Issue 11, problem 5: nothing said that a CJK font is needed."""
    page = render_html("腾讯营收增长5%。", [])
    stack = re.search(r"body \{[^}]*font: 15px/1.7 ([^;]+);", page)
    assert stack and stack.group(1).startswith('"Noto Sans CJK SC"') and stack.group(1).endswith("sans-serif")
    assert "Noto Sans CJK SC (Debian/Ubuntu package fonts-noto-cjk)" in page  # always shown
    assert (
        'id="font-warning"' in page and "apt install fonts-noto-cjk" in page
    )  # shown when glyphs are missing


def test_a_lone_surrogate_does_not_break_the_page() -> None:
    text = "腾讯营收\ud800增长5%。"
    page = render_html(text, claimkit.extract(text).claims)
    page.encode("utf-8")
    assert parse(page).marks[0]["_text"] == "5%" and "营收\ufffd" in page


def test_bad_view() -> None:
    with pytest.raises(ValueError, match="view"):
        render_html("x", [], view="raw")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------- headless Chromium

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2000",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Decode an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes): width, height, pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and color in (2, 6) and interlace == 0
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows: list[bytearray] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, upleft = prev[i], prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + left) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + up) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif ftype == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else upleft
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    pixels = [tuple(row[x * bpp : x * bpp + 3]) for row in rows for x in range(width)]
    return width, height, pixels  # type: ignore[return-value]


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (apt-get install chromium); .ci/run installs it"
)
def test_page_in_headless_chromium(tmp_path: Path) -> None:
    claims = claimkit.extract(PAGE, published="2025-11-28").claims
    html_path = tmp_path / "page.html"
    html_path.write_text(render_html(PAGE, claims, title="review"), encoding="utf-8")
    url = html_path.as_uri()

    dom = parse(chromium(tmp_path, "--dump-dom", url).stdout)
    assert [m["_text"] for m in dom.marks] == [c.text for c in claims]
    assert [m["data-value"] for m in dom.marks] == [
        f"{c.value:,}" if c.value is not None else f"{c.low:,} – {c.high:,}" for c in claims
    ]
    assert dom.body.get("data-ready") == str(
        len(claims)
    )  # the page script ran and linked every mark to its card

    png = tmp_path / "page.png"
    chromium(tmp_path, f"--screenshot={png}", url)
    width, height, pixels = png_pixels(png)
    assert (width, height) == (1280, 2000)
    colours = Counter(pixels)
    assert len(colours) > 50  # text, highlights, panels: not a blank page
    assert colours[CLAIM_RGB] > 20 * len(claims)  # the highlights are painted
    assert colours[REGION_RGB] > 1000  # the marked regions are greyed


def _ink(pixels: list[tuple[int, int, int]], width: int, box: tuple[int, int, int, int]) -> tuple[bool, ...]:
    """Which pixels of ``box`` (left, top, right, bottom) are dark: the shape of what was drawn there."""
    left, top, right, bottom = box
    return tuple(sum(pixels[y * width + x]) < 384 for y in range(top, bottom) for x in range(left, right))


@pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium not installed (apt-get install chromium); .ci/run installs it"
)
def test_chinese_glyphs_are_not_tofu_in_chromium(tmp_path: Path) -> None:
    """Issue 11, problem 5: without a CJK font every character was an empty box. Fails until one is installed."""
    stack = re.search(r"body \{[^}]*font: 15px/1.7 ([^;]+);", TEMPLATE)
    assert stack is not None
    cells = ["营", "收", "\U0010fffd"]  # two distinct characters and one no font has (the tofu reference)
    style = f"div {{ position: absolute; top: 0; font: 120px/1 {stack.group(1)}; color: #000 }}"
    divs = "".join(f'<div style="left:{200 * i}px">{html.escape(ch)}</div>' for i, ch in enumerate(cells))
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><style>{style}</style><body style="margin:0;background:#fff">{divs}',
        encoding="utf-8",
    )
    png = tmp_path / "probe.png"
    chromium(tmp_path, "--window-size=600,200", f"--screenshot={png}", probe.as_uri())
    width, _, pixels = png_pixels(png)
    ying, shou, tofu = (_ink(pixels, width, (200 * i, 0, 200 * i + 200, 200)) for i in range(3))
    assert sum(ying) > 200 and sum(shou) > 200, f"nothing drawn for 营/收: {FONT_HINT}"
    assert ying != shou and tofu not in (ying, shou), f"营 and 收 render as tofu boxes: {FONT_HINT}"

    page = tmp_path / "page.html"
    page.write_text(render_html(PAGE, claimkit.extract(PAGE).claims), encoding="utf-8")
    dom = parse(chromium(tmp_path, "--dump-dom", page.as_uri()).stdout)
    assert dom.body.get("data-cjk") == "ok", f"the page's own check found no CJK font: {FONT_HINT}"
