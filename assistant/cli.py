"""The `asisten` command line: ingest, ask, eval, status. Its JSON output is a contract (README).

Exit codes: 0 success; 1 some files failed to ingest (the rest were indexed) or the index is empty;
2 wrong usage or configuration.
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
    from ingest.embedders import load_embedder
    from ingest.pipeline import ingest

    from .service import open_index

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [settings.corpus]
    report = ingest(paths, open_index(settings), load_embedder(settings.embedder), rebuild=args.rebuild, progress=not args.quiet)
    lang = settings.language
    for result in report.results:
        if result.status in ("failed", "skipped", "removed"):
            print(t(f"{result.status}_line", lang, source=result.source, message=result.message))
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
    return 1 if report.failed else 0


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(jenis=tuple(args.jenis or ()), tahun=tuple(args.tahun or ()), source=tuple(args.source or ()))


def _open_assistant(settings: Settings):
    from .service import Assistant

    assistant = Assistant(settings)
    if assistant.is_empty:
        print(t("empty_index", settings.language), file=sys.stderr)
        return None
    return assistant


def cmd_ask(args: argparse.Namespace) -> int:
    from .service import answer_json

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
    for question in questions:
        answer = assistant.ask(question, filters=_filters(args))
        if args.json:
            print(json.dumps(answer_json(answer), ensure_ascii=False), flush=True)
        else:
            print(answer.text + "\n", flush=True)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import breakdown, load_questions, metrics, score_question

    settings = _settings(args)
    questions = load_questions(Path(args.file))
    assistant = _open_assistant(settings)
    if assistant is None:
        return 1
    depth = max(10, settings.top_k)
    documents = assistant.retriever.documents
    results = [
        score_question(q, assistant.ask(q.question, top_k=depth, llm="none"), documents[q.source].jenis if q.source in documents else None)
        for q in questions
    ]
    summary = metrics(results)
    if args.json:
        report = {"metrics": summary, "by_kind": breakdown(results, "kind"), "by_jenis": breakdown(results, "jenis")}
        print(json.dumps({**report, "questions": results}, ensure_ascii=False))
        return 0
    print(f"{len(questions)} pertanyaan dari {args.file}")
    for key, value in summary.items():
        print(f"  {key:<26} {value}")
    for key, title in (("kind", "Per jenis pertanyaan"), ("jenis", "Per jenis dokumen")):
        print(f"{title} (hit@5 / mrr / n):")
        for name, m in breakdown(results, key).items():
            print(f"  {name:<22} {m['hit@5']} / {m['mrr']} / {m['questions']}")
    misses = [r for r in results if (r["answerable"] and not (r["rank"] and r["rank"] <= 5)) or (not r["answerable"] and r["found"])]
    if misses:
        print(f"Meleset ({len(misses)}):")
        for r in misses:
            got = "; ".join(f"{x['source']} {x['location']}" for x in r["returned"])
            print(f"  [{r['id']}] {r['question']}\n      harap: {r['source']}  dapat: {got}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from .service import open_index

    settings = _settings(args)
    documents = open_index(settings).catalog.documents()
    print(t("index_totals", settings.language, documents=len(documents), passages=sum(c for _, c, _ in documents)))
    for document, count, when in documents:
        print(f"  {document.source}  [{document.short_name}]  {count} bagian  {when}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="asisten", description="Asisten Regulasi: tanya-jawab regulasi dengan kutipan.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--index", help="folder indeks (default .index/, env ASISTEN_INDEX)")
        return p

    p = with_index(sub.add_parser("ingest", help="indeks dokumen (default: corpus/)"))
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help="hapus indeks lalu bangun ulang semuanya")
    p.add_argument("--quiet", action="store_true", help="tanpa bilah kemajuan")
    p.set_defaults(func=cmd_ingest)

    p = with_index(sub.add_parser("ask", help="ajukan pertanyaan; '-' membaca satu pertanyaan per baris dari stdin"))
    p.add_argument("question", nargs="+", metavar="QUESTION")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true", help="satu objek JSON per pertanyaan per baris")
    p.add_argument("--jenis", action="append", help="saring menurut jenis, mis. 'Undang-Undang' (boleh berulang)")
    p.add_argument("--tahun", action="append", type=int, help="saring menurut tahun (boleh berulang)")
    p.add_argument("--source", action="append", help="saring menurut nama berkas (boleh berulang)")
    p.add_argument("--llm", help="none, ollama:<model>, openai:<model> atau llamacpp:<berkas .gguf> (env ASISTEN_LLM)")
    p.set_defaults(func=cmd_ask)

    p = with_index(sub.add_parser("eval", help="nilai pengambilan pada berkas pertanyaan JSONL"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = with_index(sub.add_parser("status", help="dokumen dalam indeks"))
    p.set_defaults(func=cmd_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as error:
        print(f"Kesalahan konfigurasi: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - user-facing boundary: a message, never a stack trace
        from ingest.embedders import EmbedderError
        from ingest.index import IndexStateError

        if isinstance(error, (EmbedderError, IndexStateError, ValueError, OSError)):
            print(f"Kesalahan: {error}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
