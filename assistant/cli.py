"""The `asisten` command line: ingest, ask, eval, status. Its JSON output is a contract (README).

Exit codes: 0 success; 1 some files failed to ingest (the rest were indexed) or the index is empty;
2 wrong usage or configuration, or a question over the length limit; 3 another ingest is already running on the index.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .config import ConfigError, Settings, load_settings
from .messages import t
from .retrieval import Filters


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(index=getattr(args, "index", None), top_k=getattr(args, "top_k", None), llm=getattr(args, "llm", None))


def cmd_ingest(args: argparse.Namespace) -> int:
    from . import IngestLocked, ingest_files

    settings = _settings(args)
    lang = settings.language
    try:
        report = ingest_files(
            settings, [Path(p) for p in args.paths], rebuild=args.rebuild, progress=not args.quiet, embed_now=not args.defer_vectors
        )
    except IngestLocked as error:
        print(t("ingest_locked", lang, message=error.problem.text(lang)), file=sys.stderr)
        return 3
    for result in report.results:
        if result.status in ("failed", "skipped", "removed") or result.notes:
            line = f"{result.status}_line" if result.status in ("failed", "skipped", "removed") else "note_line"
            print(t(line, lang, source=result.source, message=result.describe(lang)))
    print(
        t(
            "ingest_summary",
            lang,
            seconds=report.seconds,
            indexed=report.count("indexed"),
            pages=report.pages,
            passages=report.passages,
            rate=report.passages_per_second,
            unchanged=report.count("unchanged"),
            removed=report.count("removed"),
            skipped=report.count("skipped"),
            failed=report.count("failed"),
        )
    )
    if report.pending:
        print(t("vectors_pending", lang, pending=report.pending))
    return 1 if report.failed else 0


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        jenis=tuple(args.jenis or ()),
        tahun=tuple(args.tahun or ()),
        source=tuple(args.source or ()),
        dimension=tuple(args.dimension or ()),
    )


def _open_assistant(settings: Settings):
    from .service import Assistant

    assistant = Assistant(settings)
    if assistant.is_empty:
        print(t("empty_index", settings.language), file=sys.stderr)
        return None
    return assistant


def cmd_ask(args: argparse.Namespace) -> int:
    from .answer import reference_lines
    from .service import QuestionTooLong, answer_json

    settings = _settings(args)
    if args.question == ["-"]:
        questions = [line.strip() for line in sys.stdin if line.strip()]
    else:
        questions = [" ".join(args.question).strip()]
    questions = [q for q in questions if q]
    if not questions:
        print(t("no_question", settings.language), file=sys.stderr)
        return 2
    assistant = _open_assistant(settings)
    if assistant is None:
        return 1
    refused = False
    for question in questions:
        try:
            answer = assistant.ask(question, filters=_filters(args))
        except QuestionTooLong as error:  # the other questions of a batch are still answered
            print(error.message(settings.language), file=sys.stderr)
            refused = True
            continue
        if args.json:
            corpus = assistant.retriever.corpus if args.references else None
            print(json.dumps(answer_json(answer, corpus), ensure_ascii=False), flush=True)
        else:
            references = reference_lines(answer, assistant.retriever.corpus, settings.language) if args.references else []
            pending = [t("dense_incomplete", settings.language, pending=answer.pending_vectors)] if answer.pending_vectors else []
            print("\n".join([answer.text, *references, *pending]) + "\n", flush=True)
    return 2 if refused else 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import breakdown, by_split, evaluate, load_questions, metrics, split_of

    settings = _settings(args)
    questions = [q for q in load_questions(Path(args.file)) if args.split == "all" or split_of(q) == args.split]
    assistant = _open_assistant(settings)
    if assistant is None:
        return 1
    results = evaluate(assistant, questions)
    halves = by_split(results) if args.split == "all" else {args.split: metrics(results)}
    summary = halves[args.split]
    if args.json:
        report = {"split": args.split, "metrics": summary, "by_split": halves, "by_kind": breakdown(results, "kind"), "by_jenis": breakdown(results, "jenis")}
        print(json.dumps({**report, "questions": results}, ensure_ascii=False))
        return 0
    print(f"{len(questions)} pertanyaan dari {args.file} (split: {args.split})")
    print(f"  {'':<26}" + "".join(f"{half:>9}" for half in halves))
    for key in summary:
        print(f"  {key:<26}" + "".join(f"{'-' if halves[half][key] is None else halves[half][key]:>9}" for half in halves))
    for key, title in (("kind", "Per jenis pertanyaan"), ("jenis", "Per jenis dokumen")):
        print(f"{title} (hit@5 / mrr / n):")
        for name, m in breakdown(results, key).items():
            print(f"  {name:<22} {m['hit@5']} / {m['mrr']} / {m['questions']}")
    misses = [r for r in results if (r["answerable"] and not (r["rank"] and r["rank"] <= 5)) or (not r["answerable"] and r["found"])]
    if misses:
        print(f"Meleset ({len(misses)}):")
        for r in misses:
            got = "; ".join(f"{x['source']} {x['location']}" for x in r["returned"])
            print(f"  [{r['id']} {r['split']}] {r['question']}\n      harap: {r['source']}  dapat: {got}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .library import Library

    settings = _settings(args)
    library = Library.open(settings)
    entries = library.entries() if library else []
    print(t("index_totals", settings.language, documents=len(entries), passages=sum(entry.passages for entry in entries)))
    if library and (pending := library.status().pending_vectors):
        print(t("vectors_pending", settings.language, pending=pending))
    for entry in entries:
        print(f"  {entry.document.source}  [{entry.document.short_name}]  {entry.passages} bagian  {entry.ingested_at}")
    return 0


# --- regulation intelligence: glossary and obligations register ---------------------------------

def _registers(settings: Settings):
    from .library import Library

    library = Library.open(settings)
    if library is None:
        print(t("empty_index", settings.language), file=sys.stderr)
        return None
    return library.registers()


def cmd_glossary(args: argparse.Namespace) -> int:
    settings = _settings(args)
    registers = _registers(settings)
    if registers is None:
        return 1
    lang = settings.language
    term = " ".join(args.term).strip()
    found = registers.lookup(term) if term else list(registers.definitions)
    if args.source:
        found = [d for d in found if d.source in args.source]
    if args.json:
        print(json.dumps([registers.definition_row(d) for d in found], ensure_ascii=False, indent=1))
    elif not found:
        print(t("term_not_defined", lang, term=term) if term else t("glossary_empty", lang))
    elif term:
        for d in found:
            print(f"{registers.name(d.source)}, Pasal {d.pasal} angka {d.angka}" + (f", hlm. {d.page}" if d.page else ""))
            print(f"  {d.definition}\n")
    else:
        for d in found:
            alias = f" ({d.alias})" if d.alias else ""
            print(f"{d.term}{alias} — {registers.name(d.source)}, Pasal {d.pasal} angka {d.angka}")
    return 0 if found else 1


def cmd_obligations(args: argparse.Namespace) -> int:
    from .registers import obligation_location

    settings = _settings(args)
    registers = _registers(settings)
    if registers is None:
        return 1
    rows = registers.obligations_for(args.actor, args.source, args.modality)
    if args.csv:
        sys.stdout.write(registers.obligations_csv(rows))
    elif args.json:
        print(json.dumps([registers.obligation_row(o) for o in rows], ensure_ascii=False, indent=1))
    else:
        for o in rows:
            print(f"[{o.modality}] {o.actor or '—'} · {registers.name(o.source)}, {obligation_location(o)}")
            print(f"  {o.text}\n")
        print(t("obligations_total", settings.language, count=len(rows)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="asisten", description="Asisten Regulasi: tanya-jawab regulasi dengan kutipan.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--index", help="folder indeks (default .index/, env ASISTEN_INDEX)")
        return p

    p = with_index(sub.add_parser("ingest", help="indeks dokumen (default: corpus/)"))
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="bangun ulang semuanya di samping indeks lama, lalu tukar (juga memulihkan Chroma yang rusak)")
    p.add_argument("--quiet", action="store_true", help="tanpa bilah kemajuan")
    p.add_argument(
        "--defer-vectors",
        action="store_true",
        dest="defer_vectors",
        help="indeks teks saja (langsung dapat dicari lewat kata kunci); vektor dihitung aplikasi di latar belakang atau ingest berikutnya",
    )
    p.set_defaults(func=cmd_ingest)

    p = with_index(sub.add_parser("ask", help="ajukan pertanyaan; '-' membaca satu pertanyaan per baris dari stdin"))
    p.add_argument("question", nargs="+", metavar="QUESTION")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true", help="satu objek JSON per pertanyaan per baris")
    p.add_argument("--references", action="store_true", help="tampilkan teks Pasal/ayat/Lampiran yang dirujuk kutipan")
    p.add_argument("--jenis", action="append", help="saring menurut jenis, mis. 'Undang-Undang' (boleh berulang)")
    p.add_argument("--tahun", action="append", type=int, help="saring menurut tahun (boleh berulang)")
    p.add_argument("--source", action="append", help="saring menurut nama berkas (boleh berulang)")
    p.add_argument("--llm", help="none, ollama:<model>, openai:<model> atau llamacpp:<berkas .gguf> (env ASISTEN_LLM)")
    from . import TAG_LABELS

    p.add_argument(
        "--dimension", action="append", choices=list(TAG_LABELS), help="saring menurut dimensi smart city / domain SPBE (boleh berulang)"
    )
    p.set_defaults(func=cmd_ask)

    p = with_index(sub.add_parser("eval", help="nilai pengambilan pada berkas pertanyaan JSONL"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--split", choices=("tune", "test", "all"), default="all", help="nilai satu belahan saja; 'all' menampilkan tune, test dan semua berdampingan"
    )
    p.set_defaults(func=cmd_eval)

    p = with_index(sub.add_parser("status", help="dokumen dalam indeks"))
    p.set_defaults(func=cmd_status)

    p = with_index(sub.add_parser("glossary", help="definisi dari Ketentuan Umum; tanpa TERM: semua istilah"))
    p.add_argument("term", nargs="*", metavar="TERM")
    p.add_argument("--source", action="append", help="hanya dari berkas ini (boleh berulang)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_glossary)

    from .registers import MODALITY_CHOICES

    p = with_index(sub.add_parser("obligations", help="daftar kewajiban/larangan/tugas per pelaku, dengan Pasal"))
    p.add_argument("--actor", help="pelaku memuat teks ini, mis. 'Badan Publik'")
    p.add_argument("--source", help="hanya dari berkas ini")
    p.add_argument("--modality", choices=list(MODALITY_CHOICES), help="hanya satu jenis norma")
    p.add_argument("--csv", action="store_true", help="keluaran CSV")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_obligations)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as error:
        print(f"Kesalahan konfigurasi: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - user-facing boundary: a message, never a stack trace
        from . import EmbedderError, IndexStateError

        if isinstance(error, (EmbedderError, IndexStateError, ValueError, OSError)):
            print(f"Kesalahan: {error}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
