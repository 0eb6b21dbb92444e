"""End to end in a real browser: `streamlit run app.py` on a loopback port, driven by headless Chromium.

Uses the Debian `chromium` and `chromium-driver` packages (scripts/install.sh) through Selenium;
nothing is downloaded. Set ASISTEN_SCREENSHOTS=<folder> to keep the screenshot beyond the test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT, free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,3000",  # tall enough for the whole answer in the screenshot
)
QUESTION = "Apa yang dimaksud dengan Badan Publik?"
SECOND_QUESTION = "Apa saja dimensi smart city Kabupaten Blitar?"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()), reason="chromium/chromium-driver not installed (scripts/install.sh)"
)


def wait_healthy(url: str, server: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not start in {timeout} s:\n{log.read_text()}")


@contextmanager
def streamlit_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """`streamlit run app.py` with the repository's .streamlit/config.toml on a free loopback port; yields its URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1", "--server.fileWatcherType=none",
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def app_url(small_index, tmp_path):
    env = {
        **os.environ,
        "ASISTEN_INDEX": str(small_index),
        "ASISTEN_FEEDBACK": str(tmp_path / "feedback.sqlite"),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    with streamlit_server(env, tmp_path / "streamlit.log") as url:
        yield url


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def run_finished(driver) -> bool:
    """The script run is over: no running indicator, and no element of the previous run left (stale)."""
    from selenium.webdriver.common.by import By

    return not driver.find_elements(By.CSS_SELECTOR, "[data-testid^='stStatusWidgetRunning'], [data-stale='true']")


def test_two_browser_sessions_see_cited_pasal_page_and_own_history(app_url, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url)
    wait = WebDriverWait(browser, 240)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    box.send_keys(QUESTION, Keys.ENTER)

    def first_citation(driver):
        for summary in driver.find_elements(By.CSS_SELECTOR, "[data-testid='stExpander'] summary"):
            if summary.text.split("\n")[-1].startswith("[1]"):  # after the expander's icon name
                return summary
        return None

    citation = wait.until(first_citation)
    assert "UU No. 14 Tahun 2008" in citation.text and "Pasal 1" in citation.text and "hlm. 2" in citation.text
    marked = wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='stExpander'] mark"))
    assert {m.text for m in marked} >= {"Badan", "Publik"}
    page = wait.until(lambda d: [i for i in d.find_elements(By.CSS_SELECTOR, "[data-testid='stExpander'] img") if i.get_attribute("naturalWidth") not in (None, "0")])
    assert int(page[0].get_attribute("naturalWidth")) >= 600  # the PDF page itself, rendered
    wait.until(run_finished)
    answer = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1]
    assert "Badan Publik adalah" in answer.text

    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", answer)
    time.sleep(1)  # let the page images paint before the screenshot
    shot = tmp_path / "chat-badan-publik.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    # A second browser session asks its own question; the first keeps its own history.
    first_tab = browser.current_window_handle
    browser.switch_to.new_window("tab")
    browser.get(app_url)
    box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
    box.send_keys(SECOND_QUESTION, Keys.ENTER)
    wait.until(lambda d: "Smart Governance" in d.find_element(By.TAG_NAME, "body").text)
    wait.until(run_finished)
    assert QUESTION not in browser.find_element(By.CSS_SELECTOR, "[data-testid='stMainBlockContainer']").text
    browser.switch_to.window(first_tab)
    messages = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")
    assert len(messages) == 2 and SECOND_QUESTION not in messages[0].text

    if os.environ.get("ASISTEN_SCREENSHOTS"):
        target = Path(os.environ["ASISTEN_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / shot.name)


RENSTRA_TARGETS = [
    [("Indikator", 1), ("Satuan", 1), ("Target", 3)],
    [("", 1), ("", 1), ("2024", 1), ("2025", 1), ("2026", 1)],
    [("Indeks SPBE", 1), ("Indeks", 1), ("3,00", 1), ("3,10", 1), ("3,25", 1)],
    [("Persentase layanan daring", 1), ("Persen", 1), ("60", 1), ("70", 1), ("80", 1)],
]
PLANNING_QUESTION = "Berapa target Indeks SPBE tahun 2025 dalam Rencana Strategis Dinas Komunikasi dan Informatika Kabupaten Contoh?"
SOP_QUESTION = "Berapa lama waktu memeriksa berkas dan membuat disposisi pengaduan masyarakat menurut SOP?"


@pytest.fixture
def genres_url(tmp_path_factory, embedder, tmp_path):
    """The app over a planning document with a ruled target table and an SOP scanned without a text layer."""
    from ingest.index import Index
    from ingest.pipeline import ingest

    from .make_files import write_ruled_table_pdf, write_scanned_sop_pdf

    folder = tmp_path_factory.mktemp("genres-corpus")
    title = ["RENCANA STRATEGIS", "DINAS KOMUNIKASI DAN INFORMATIKA KABUPATEN CONTOH", "TAHUN 2024-2026"]
    write_ruled_table_pdf(
        folder / "renstra-diskominfo-contoh-2024-2026.pdf",
        [(title + ["BAB IV TUJUAN DAN SASARAN", "Tabel 4.1 Target Indikator Kinerja"], RENSTRA_TARGETS, ["Target ditinjau setiap tahun."])],
    )
    write_scanned_sop_pdf(folder / "sop-pelayanan-pengaduan-masyarakat.pdf")
    index_dir = tmp_path_factory.mktemp("genres-index")
    report = ingest([folder], Index(index_dir), embedder, progress=False)
    assert report.count("indexed") == 2, report.results
    env = {**os.environ, "ASISTEN_INDEX": str(index_dir), "ASISTEN_FEEDBACK": str(tmp_path / "feedback.sqlite")}
    with streamlit_server(env, tmp_path / "streamlit.log") as url:
        yield url


@pytest.mark.slow
def test_a_planning_target_and_an_sop_step_are_answered_in_the_browser(genres_url, browser, tmp_path):
    """Issue 15's two genres as an official sees them: a Renstra target read from its table row with the
    year's column, and an SOP step's Waktu read from the scan's rebuilt cells, each cited."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    from selenium.common.exceptions import StaleElementReferenceException

    browser.get(genres_url)
    wait = WebDriverWait(browser, 240, ignored_exceptions=(StaleElementReferenceException,))  # the app reruns as it answers
    shots = []
    for question, stated, cited, name in (
        (PLANNING_QUESTION, "3,10", "Tabel 4.1", "chat-renstra-target.png"),
        (SOP_QUESTION, "3 hari kerja", "Langkah 2", "chat-sop-langkah.png"),
    ):
        box = wait.until(ec.element_to_be_clickable((By.CSS_SELECTOR, "[data-testid='stChatInputTextArea']")))
        box.send_keys(question, Keys.ENTER)
        wait.until(lambda d: any(stated in m.text for m in d.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1:]))
        wait.until(run_finished)
        answer = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stChatMessage']")[-1]
        assert cited in answer.text, answer.text
        browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", answer)
        time.sleep(1)
        shot = tmp_path / name
        assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
        shots.append(shot)
    if os.environ.get("ASISTEN_SCREENSHOTS"):
        target = Path(os.environ["ASISTEN_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, target / shot.name)


def test_page_icons_are_the_material_symbols_streamlit_ships(app_url, browser):
    """Each navigation entry draws its icon from Streamlit's bundled Material Symbols font (served by the
    app itself, offline), not an emoji, which a plain office browser shows as an empty box."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(app_url)
    links = WebDriverWait(browser, 240).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='stSidebarNavLink']"))
    icons = [link.find_elements(By.CSS_SELECTOR, "[data-testid='stIconMaterial']") for link in links]
    assert len(links) == 5 and all(len(found) == 1 for found in icons), [link.text for link in links]
    assert [found[0].text for found in icons] == ["chat", "library_books", "menu_book", "gavel", "upload_file"]
