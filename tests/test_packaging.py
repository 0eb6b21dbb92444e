"""The prompts ship with the package: the files edited in top-level prompts/ are package data of
`assistant` (through the assistant/templates link), so a non-editable install answers with them too."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from assistant.prompts import PROMPTS, load_prompt

ROOT = Path(__file__).resolve().parent.parent


def prompt_files() -> set[str]:
    return {path.relative_to(ROOT / "prompts").as_posix() for path in (ROOT / "prompts").rglob("*") if path.is_file()}


def test_every_prompt_file_is_package_data():
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["assistant"]
    shipped = {path.relative_to(ROOT / "assistant" / "templates").as_posix() for pattern in patterns for path in (ROOT / "assistant").glob(pattern)}
    assert PROMPTS.resolve() == (ROOT / "prompts").resolve()
    assert prompt_files() == shipped and {"id/system.txt", "en/answer.txt"} <= shipped


@pytest.mark.slow
def test_a_built_wheel_carries_the_prompts_and_loads_them_installed(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path / "dist")],
        check=True, cwd=tmp_path, capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert {f"assistant/templates/{name}" for name in prompt_files()} <= set(zipfile.ZipFile(wheel).namelist())
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(tmp_path / "site"), str(wheel)], check=True, capture_output=True)
    code = "import assistant.prompts as p; print(p.__file__); print(p.load_prompt('system', 'en'))"
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}, capture_output=True, text=True, check=True)
    installed, text = result.stdout.split("\n", 1)
    assert installed.startswith(str(tmp_path / "site")) and text.strip() == load_prompt("system", "en")
