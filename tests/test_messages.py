"""The one message catalog: every key in both languages with the same placeholders, keys unique across
sections, and no user-facing Indonesian text left in the code outside it."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import streamlit as st

from ingest.errors import UserError
from ingest.messages import CATALOG, LANGUAGES, REASONS, SECTIONS, Phrase, t

from .conftest import ROOT


def _placeholders(text: str) -> list[tuple[str, str, str]]:
    """(name, format spec, conversion) of every {field}: '{seconds:.1f}' and '{spec!r}' must match across languages."""
    return sorted((name, spec or "", conversion or "") for _, name, spec, conversion in string.Formatter().parse(text) if name is not None)


def _all_tables() -> dict[str, dict[str, dict[str, str]]]:
    """Every section as {language: {key: text}}, the per-code problem reasons turned around like the others."""
    return {**SECTIONS, "REASONS": {language: {code: texts[language] for code, texts in REASONS.items()} for language in LANGUAGES}}


@pytest.mark.parametrize("section", list(_all_tables()))
def test_every_key_has_both_languages_with_the_same_placeholders(section):
    table = _all_tables()[section]
    assert set(table) == set(LANGUAGES)
    assert list(table["id"]) == list(table["en"]), f"{section}: keys differ (or their order, which keeps merges readable)"
    for key, text in table["id"].items():
        assert text.strip() and table["en"][key].strip(), (section, key)
        assert _placeholders(text) == _placeholders(table["en"][key]), (section, key)


def test_keys_are_unique_across_sections():
    """A key written in two sections would silently show one of the two texts."""
    seen: dict[str, str] = {}
    for section, table in _all_tables().items():
        for key in table["id"]:
            assert key not in seen, f"{key!r} is in {seen[key]} and {section}"
            seen[key] = section
    assert set(seen) == set(CATALOG["id"]) == set(CATALOG["en"])


def test_a_user_error_speaks_the_asked_language_and_phrases_follow_it():
    error = UserError("unsupported", suffix=Phrase("no_suffix"))
    assert str(error) == error.message("id") == "format (tanpa ekstensi) tidak didukung; gunakan PDF, DOCX, HTML, MD atau TXT"
    assert error.message("en") == "format (no extension) is not supported; use PDF, DOCX, HTML, MD or TXT"
    assert t("page_one", "fr", page=3) == "hlm. 3"  # an unknown language falls back to Indonesian


# --- no Indonesian outside the catalog ---------------------------------------------------------------

# Common Indonesian words of the app's messages (function words and the app's nouns and verbs): an English
# message has none of them. "Pasal", "ayat" and "Ketentuan Umum" are left out: English texts use them as names.
INDONESIAN = frozenset(
    """tidak yang dan atau untuk dengan dari pada belum sudah harus bukan ada dalam ini itu berkas halaman hlm
    pertanyaan jawaban kesalahan gagal dilewati dihapus unduh pilih setel periksa jalankan tanpa bagian memuat
    sedang indeks tentang judul nomor lewati catatan meleset harap dapat pustaka unggah tanya glosarium kewajiban
    disimpulkan terbaca tertulis pelaku dokumen sumber silakan tunggu coba lagi""".split()
)
# Where user text leaves the code: any Streamlit call (st.x, or a column/container's .x), print, argparse
# help, a stream's write; plus every raised exception and every f-string.
SINKS = frozenset(name for name in dir(st) if not name.startswith("_")) | {
    "TextColumn", "print", "add_argument", "add_parser", "ArgumentParser", "write",
}
# The presentation layer shows what it holds: there every literal counts, not only those at a sink.
DISPLAY_MODULES = ("app.py", "ui/", "assistant/cli.py", "assistant/presentation.py", "assistant/export.py")
# Literals that are not messages: a catalog key or session-state key, or a regular expression over legal text.
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
_REGEX = re.compile(r"\\[sbdwSW]|\(\?[:=!<]|\[\^")
# Indonesian that is the documents' own wording, never the app's: each with why.
ALLOWED = {
    ("ingest/chunking.py", " tentang "): "a passage's context header, embedded and searched, as the regulation titles itself",
    ("ingest/metadata.py", "Nomor "): "a regulation's title rebuilt as it is printed",
    ("ingest/metadata.py", "tentang "): "a regulation's title rebuilt as it is printed",
    ("ingest/structure.py", "Bagian "): "a structure heading label as regulations print it",
}
ALLOWED_NAMES = {
    "EXAMPLE_QUESTIONS": "sample questions in the documents' language, as a user would type them",
}


def _call_name(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id if isinstance(call.func, ast.Name) else None


def _indonesian_literals(source: str, everywhere: bool) -> list[tuple[int, str]]:
    """(line, literal) of the Indonesian string literals at a sink (or anywhere, docstrings aside)."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id in ALLOWED_NAMES for target in node.targets)
        for inner in ast.walk(node)
    }
    if everywhere:
        roots = [tree]
    else:
        roots = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _call_name(node) in SINKS]
        roots += [node.exc for node in ast.walk(tree) if isinstance(node, ast.Raise) and node.exc is not None]
        roots += [node for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)]
    found = set()
    for root in roots:
        for node in ast.walk(root):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docstrings | skipped:
                continue
            text = node.value
            if _IDENTIFIER.fullmatch(text) or _REGEX.search(text):
                continue
            if set(re.findall(r"[a-z]+", text.lower())) & INDONESIAN:
                found.add((node.lineno, text))
    return sorted(found)


def test_the_scan_finds_a_hard_coded_message_and_passes_a_catalog_lookup():
    """The scan below is only worth something if it fails on the mistake it guards against."""
    assert _indonesian_literals('st.error("Berkas tidak ditemukan")', everywhere=False) == [(1, "Berkas tidak ditemukan")]
    assert _indonesian_literals('raise ValueError(f"halaman {n} tidak ada")', everywhere=False)
    assert _indonesian_literals('print(f"{name}, hlm. {page}")', everywhere=False)
    assert _indonesian_literals('LABEL = "Pilih dokumen"', everywhere=True)
    assert not _indonesian_literals('st.error(tr("file_missing", name=name))', everywhere=False)
    assert not _indonesian_literals('PATTERN = re.compile(r"yang\\s+dimaksud\\s+dengan")', everywhere=False)


def test_no_user_facing_indonesian_outside_the_catalog():
    files = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *sorted((ROOT / "assistant").glob("*.py")), *sorted((ROOT / "ingest").glob("*.py"))]
    leftovers = []
    for file in files:
        relative = file.relative_to(ROOT).as_posix()
        if relative == "ingest/messages.py":
            continue
        everywhere = relative.startswith(DISPLAY_MODULES)
        for line, text in _indonesian_literals(file.read_text(encoding="utf-8"), everywhere):
            if (relative, text) not in ALLOWED:
                leftovers.append(f"{relative}:{line}: {text!r}")
    assert not leftovers, "user-facing Indonesian outside ingest/messages.py:\n" + "\n".join(leftovers)


def test_allowlist_has_no_stale_entries():
    """An entry whose literal is gone (moved into the catalog, reworded) must leave the list too."""
    for relative, text in ALLOWED:
        assert text in {literal for _, literal in _indonesian_literals((ROOT / relative).read_text(encoding="utf-8"), False)}, relative
