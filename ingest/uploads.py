"""Files uploaded through the app: a safe name inside the corpus folder, type and size checked first.

An uploaded name is untrusted ("../../etc/passwd", "C:\\\\Users\\\\x\\\\Perbup 1.pdf", control
characters): only its last part is kept, reduced to letters, digits and a few marks. The bytes are
checked like ingest checks files (size, emptiness, real type), written under a hidden temporary name
and renamed, so a running ingest never reads half a file.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path

from .loaders import SUPPORTED_SUFFIXES, is_binary, sniff
from .messages import Phrase
from .problems import LoadError

# Bytes, not characters: Linux allows 255 bytes per name, and the hidden working names add a few.
MAX_NAME_BYTES = 200
MAX_SUFFIX_BYTES = 16
_UNSAFE = re.compile(r"[^\w.()\-]+")
_DASHES = re.compile(r"-{2,}")


def normalize_name(name: str) -> str:
    """NFKC, so look-alike forms (fullwidth letters, ligatures, composed or not) give one name."""
    return unicodedata.normalize("NFKC", name)


def _cut_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of `text` that fits in `max_bytes` of UTF-8, never splitting a character."""
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def safe_filename(name: str) -> str:
    """A plain file name for an uploaded name: no folders, no leading dots, no control or shell characters,
    at most MAX_NAME_BYTES of UTF-8."""
    base = normalize_name(name).replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _DASHES.sub("-", _UNSAFE.sub("-", stem)).strip("-._ ") or "dokumen"
    suffix = _cut_utf8(_UNSAFE.sub("", suffix).lower(), MAX_SUFFIX_BYTES)
    stem = _cut_utf8(stem, MAX_NAME_BYTES - len(suffix.encode("utf-8")) - 1).rstrip("-._ ") or "dokumen"
    return f"{stem}.{suffix}" if suffix else stem


def check_upload(data: bytes, name: str, max_bytes: int) -> None:
    """Raise `LoadError` when the bytes cannot be a supported document of that name."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError("unsupported", suffix=suffix or Phrase("no_suffix"))
    if not data:
        raise LoadError("empty_file")
    if len(data) > max_bytes:
        raise LoadError("too_large", size_mb=round(len(data) / 2**20, 1), limit_mb=round(max_bytes / 2**20, 1))
    kind = sniff(data[:2048])
    expected = {".pdf": "PDF", ".docx": "ZIP"}.get(suffix, "other")
    if kind != expected:
        raise LoadError("wrong_type", actual=kind if kind != "other" else Phrase("text_or_html"), expected=suffix.lstrip(".").upper())
    if expected == "other" and is_binary(data):
        raise LoadError("not_text")


def save_upload(data: bytes, name: str, corpus_dir: Path, max_bytes: int) -> Path:
    """Write an uploaded document into `corpus_dir` under a safe, unused name; `LoadError` says why not.

    A file with the same bytes already in the corpus is refused as a duplicate (naming it); a
    different file with the same name gets '-2', '-3', ... appended.
    """
    filename = safe_filename(name)
    check_upload(data, filename, max_bytes)
    corpus_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).digest()
    for existing in corpus_dir.rglob("*"):
        if existing.is_file() and existing.stat().st_size == len(data) and hashlib.sha256(existing.read_bytes()).digest() == digest:
            raise LoadError("duplicate", original=existing.relative_to(corpus_dir).as_posix())
    target = corpus_dir / filename
    stem, suffix = target.stem, target.suffix
    counter = 2
    while target.exists():
        target = corpus_dir / f"{stem}-{counter}{suffix}"
        counter += 1
    temporary = corpus_dir / f".upload-{os.getpid()}-{target.name}"
    temporary.write_bytes(data)
    os.replace(temporary, target)
    return target
