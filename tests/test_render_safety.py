"""Document text must never make the browser fetch anything: Markdown images and links in a source are
removed at ingest, and whatever document-, model- or user-derived text the app shows goes through one
renderer (assistant.highlight.safe_markdown) that leaves no link, image, HTML or formatting.

Rendered Markdown is checked with markdown-it-py (CommonMark, raw HTML on) plus the rules remark-gfm uses
to turn bare text into links ("http://", "www.", "name@host"), since Streamlit's frontend renders with
react-markdown and remark-gfm.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from google.protobuf.message import Message
from markdown_it import MarkdownIt

from assistant.highlight import WORD_JOINER, safe_markdown
from ingest.cleaning import clean_pages, normalize_line
from ingest.index import Index
from ingest.model import Page
from ingest.pipeline import ingest

from .test_app import PAGE_SCRIPT, ask, start
from .test_browser import CHROMEDRIVER, CHROMIUM, browser, run_finished, streamlit_server  # noqa: F401 - browser is a fixture

# Each payload became a live image on main: cleaning stripped images before `^`, `**`, `<b>`, and did
# not know nested brackets; the renderer left `[ ] ( ) !` alone.
PAYLOADS = (
    "!^[x](http://e.example/1.png)",
    "!**[x](http://e.example/2.png)**",
    "!<b></b>[x](http://e.example/3.png)",
    "![a [b] c](http://e.example/4.png)",
)
OTHER_LINKS = (
    "[tautan](http://e.example/link)",
    '<img src="http://e.example/5.png">',
    '<a href="http://e.example/a">laman</a>',
    "<http://e.example/auto>",
    "http://e.example/bare",
    "www.e.example",
    "admin@e.example",
)
COMMONMARK = MarkdownIt("commonmark")
# What remark-gfm turns into a link in plain text (mdast-util-gfm-autolink-literal).
GFM_AUTOLINK = re.compile(r"(?i)(https?://|www\.)[-.\w]+|[-.\w+]+@[-\w]+(\.[-\w]+)+")
LINK_OR_IMAGE = re.compile(r"<(a|img)\b[^>]*>", re.IGNORECASE)


def shown_text(markdown: str) -> str:
    """The text a reader sees when `markdown` is rendered, word joiners removed, spacing collapsed."""
    rendered = re.sub(r"<[^>]+>", " ", COMMONMARK.render(markdown))
    return " ".join(html.unescape(rendered).replace(WORD_JOINER, "").split())


def assert_inert(markdown: str) -> None:
    """Rendered, `markdown` holds no link or image, and no text remark-gfm would make into one."""
    rendered = COMMONMARK.render(markdown)
    assert not LINK_OR_IMAGE.search(rendered), (markdown, rendered)
    visible = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    assert not GFM_AUTOLINK.search(visible), (markdown, visible)


# --- the renderer -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [*PAYLOADS, *OTHER_LINKS, "Lihat:\n- [x](http://e.example/l)\n1. <b>tebal</b>\n---"])
def test_safe_markdown_leaves_no_link_image_or_html_and_shows_the_text_as_written(text):
    rendered = safe_markdown(text)
    assert_inert(rendered)
    assert shown_text(rendered) == " ".join(text.split())


def test_safe_markdown_leaves_no_formatting():
    text = "Rp5.000 $x$ *tebal* _miring_ # bukan judul ~coret~ `kode` | a | b | &amp; :red[merah]"
    rendered = COMMONMARK.render(safe_markdown(text))
    assert not re.search(r"<(em|strong|code|h\d|table|del)\b", rendered)
    assert shown_text(safe_markdown(text)) == text
    for line_start in ("- butir", "+ butir", "1. butir", "2) butir", "# judul", "> kutipan", "==="):
        rendered = COMMONMARK.render(safe_markdown(f"teks\n{line_start}"))
        assert not re.search(r"<(ul|ol|li|h\d|blockquote|hr)\b", rendered), (line_start, rendered)


# --- cleaning -----------------------------------------------------------------------------------

@pytest.mark.parametrize("payload", PAYLOADS)
def test_cleaning_drops_images_formed_once_other_markup_is_gone(payload):
    line = normalize_line(f"Formulir tersedia {payload} di kantor desa.")
    assert line == "Formulir tersedia di kantor desa."


def test_cleaning_keeps_link_text_and_handles_nesting():
    assert normalize_line("Lihat [laman **resmi**](http://e.example/l) ini.") == "Lihat laman resmi ini."
    assert normalize_line('Lihat [laman](http://e.example/l "judul") dan <a href="http://e.example/a">situs</a>.') == (
        "Lihat laman dan situs."
    )
    assert normalize_line("Ikon [![logo](http://e.example/i.png)](http://e.example/l) selesai.") == "Ikon selesai."
    assert normalize_line('Gambar <img src="http://e.example/5.png"> selesai.') == "Gambar selesai."
    # Brackets and parentheses that are no link stay as printed.
    assert normalize_line("huruf [a] dan ayat (2) serta [b] (lihat Pasal 5)") == "huruf [a] dan ayat (2) serta [b] (lihat Pasal 5)"
    [page] = clean_pages([Page(1, "\n".join(f"Baris {payload} akhir." for payload in PAYLOADS))])
    assert page.text.split("\n") == ["Baris akhir."] * len(PAYLOADS)


# --- the app, on an index of Markdown, DOCX, HTML-in-Markdown and HTML sources carrying the payloads ---

TOPICS = {"md": "surat pindah", "docx": "izin keramaian", "html.md": "akta kelahiran", "html": "kartu keluarga"}


def _pasal_lines(topic: str) -> list[str]:
    """A small regulation whose every Pasal carries a payload, and whose last one quotes bare links."""
    return [
        f"PERATURAN BUPATI {topic.upper()} ![judul](http://e.example/t.png)",
        "NOMOR 1 TAHUN 2025",
        "TENTANG",
        f"LAYANAN FORMULIR {topic.upper()}",
        "BAB I",
        "KETENTUAN UMUM",
        "Pasal 1",
        "Dalam Peraturan Bupati ini yang dimaksud dengan:",
        f"1. Formulir Daring {topic.title()} adalah formulir di laman {PAYLOADS[1]} http://e.example/def atau www.e.example.",
        "BAB II",
        "LAYANAN",
        "Pasal 2",
        f"Formulir layanan {topic} tersedia di kantor desa {PAYLOADS[0]} setiap hari kerja.",
        "Pasal 3",
        f"Formulir layanan {topic} diisi pemohon {PAYLOADS[1]} dengan huruf cetak.",
        "Pasal 4",
        f"Formulir layanan {topic} diserahkan kepada petugas {PAYLOADS[2]} paling lambat tujuh hari.",
        "Pasal 5",
        f"Formulir layanan {topic} dapat diunduh {PAYLOADS[3]} dari laman " + " atau ".join(OTHER_LINKS) + ".",
    ]


def _write_sources(folder: Path) -> None:
    import docx

    (folder / "uji-md.md").write_text("\n\n".join(_pasal_lines(TOPICS["md"])), encoding="utf-8")
    document = docx.Document()
    for line in _pasal_lines(TOPICS["docx"]):
        document.add_paragraph(line)
    document.save(folder / "uji-docx.docx")
    (folder / "uji-html-dalam-md.md").write_text(
        "\n\n".join(f"<b>{line}</b> <img src='http://e.example/p.png'>" for line in _pasal_lines(TOPICS["html.md"])),
        encoding="utf-8",
    )
    (folder / "uji-html.html").write_text(
        "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in _pasal_lines(TOPICS["html"])) + "</body></html>",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def payload_index(tmp_path_factory, embedder):
    corpus = tmp_path_factory.mktemp("payload-corpus")
    _write_sources(corpus)
    index_dir = tmp_path_factory.mktemp("payload-index")
    report = ingest([corpus], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == len(TOPICS), report.results
    return corpus, index_dir


def _strings(message) -> list[str]:
    """Every string field of a protobuf message, nested and repeated ones included."""
    found = []
    for field, value in message.ListFields():
        for item in value if field.is_repeated else [value]:
            if isinstance(item, str):
                found.append(item)
            elif isinstance(item, Message):
                found += _strings(item)
    return found


def _rendered(node) -> list[tuple[str, str]]:
    """(element type, text) of every string of every element and block in the app's tree."""
    found = [(getattr(node, "type", ""), text) for text in _strings(node.proto)] if getattr(node, "proto", None) else []
    for child in getattr(node, "children", {}).values():
        found += _rendered(child)
    return found


def test_app_shows_answers_and_citations_quoting_payloads_without_links_or_images(payload_index, monkeypatch, tmp_path):
    corpus, index_dir = payload_index
    monkeypatch.setenv("ASISTEN_INDEX", str(index_dir))
    monkeypatch.setenv("ASISTEN_CORPUS", str(corpus))
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    for name in ("ASISTEN_ADMIN_SECRET", "ASISTEN_LLM", "ASISTEN_LANGUAGE", "ASISTEN_TOP_K", "ASISTEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    app = start()
    for topic in TOPICS.values():  # one question per source, each quoting its payload-laden Pasal
        ask(app, f"Dari laman mana formulir layanan {topic} dapat diunduh? {PAYLOADS[3]} http://e.example/q")
        answer = shown_text(app.chat_message[-1].markdown[0].value)
        assert f"Formulir layanan {topic} dapat diunduh" in answer and "e.example/bare" in answer  # payload quoted
        assert f"Perbup Kab. {topic.title()}" in app.chat_message[-1].expander[0].label  # cites its own source
    for toggle in [t for t in app.toggle if t.key.startswith("refs-")]:
        toggle.set_value(True).run()
    glossary = start(PAGE_SCRIPT.format(module="glossary"))
    glossary.text_input(key="glossary_term").input("Formulir Daring").run()
    assert "e.example/def" in " ".join(shown_text(m.value) for m in glossary.markdown)  # the definition is shown
    _assert_nothing_links(_rendered(glossary._tree))
    library = start(PAGE_SCRIPT.format(module="library"))
    for source in sorted(path.name for path in corpus.iterdir()):
        library.selectbox(key="library_document").set_value(source).run()
        _assert_nothing_links(_rendered(library._tree))
    _assert_nothing_links(_rendered(app._tree))


def _assert_nothing_links(rendered: list[tuple[str, str]]) -> None:
    for element_type, text in rendered:
        assert "](http" not in text and "<img" not in text.lower(), (element_type, text)
        if element_type != "html":  # st.html shows its (escaped) text as is: no Markdown autolinks there
            assert_inert(text)


@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium/chromium-driver not installed")
def test_real_browser_shows_the_payloads_as_text_and_requests_nothing_outside(payload_index, browser, tmp_path):
    """What Streamlit's frontend (react-markdown + remark-gfm) really does with the rendered page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    corpus, index_dir = payload_index
    with streamlit_server(index_dir, tmp_path, ASISTEN_CORPUS=str(corpus)) as url:
        browser.get(url)
        wait = WebDriverWait(browser, 240)
        box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
        box.send_keys(f"Dari laman mana formulir layanan {TOPICS['md']} dapat diunduh? {PAYLOADS[3]} www.e.example/q", Keys.ENTER)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")) >= 2)
        wait.until(lambda d: "e.example/bare" in d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1].text)
        wait.until(run_finished)
        for summary in browser.find_elements(By.CSS_SELECTOR, "[data-testid='stExpander'] summary"):
            browser.execute_script("arguments[0].click()", summary)  # open every citation: passages on the page too
        wait.until(run_finished)
        page_text = browser.find_element(By.TAG_NAME, "body").text.replace(WORD_JOINER, "")
        assert "![a [b] c](http://e.example/4.png)" in page_text  # the question, shown as typed
        targets = browser.execute_script(
            "return [...document.querySelectorAll('a[href], img[src], iframe[src], source[src]')].map(e => e.href || e.src)"
            ".concat(performance.getEntriesByType('resource').map(e => e.name))"
        )
    outside = [target for target in targets if urlparse(target).scheme not in ("data", "blob") and urlparse(target).hostname != "127.0.0.1"]
    assert not outside
