"""The `asisten` command line: ingest, ask, eval, status. Its JSON output is a contract (README).

Exit codes: 0 success; 1 some files failed to ingest (the rest were indexed) or the index is empty;
2 wrong usage or configuration, or a question over the length limit; 3 another ingest is already running on the index.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from . import LANGUAGES, UserError, t
from .config import ConfigError, Settings, load_settings
from .presentation import provision_label
from .registers import obligation_place
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
        print(t("error_line", lang, message=error.message(lang)), file=sys.stderr)
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
            embedded=report.embedded,  # vectors found in the cache are not counted: the rate is the embedder's
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
    lang = settings.language
    print(t("eval_header", lang, count=len(questions), file=args.file, split=args.split))
    print(f"  {'':<26}" + "".join(f"{half:>9}" for half in halves))
    for key in summary:
        print(f"  {key:<26}" + "".join(f"{'-' if halves[half][key] is None else halves[half][key]:>9}" for half in halves))
    for key, title in (("kind", "eval_by_kind"), ("jenis", "eval_by_jenis")):
        print(t(title, lang))
        for name, m in breakdown(results, key).items():
            print(f"  {name:<22} {m['hit@5']} / {m['mrr']} / {m['questions']}")
    misses = [r for r in results if (r["answerable"] and not (r["rank"] and r["rank"] <= 5)) or (not r["answerable"] and r["found"])]
    if misses:
        print(t("eval_misses", lang, count=len(misses)))
        for r in misses:
            got = "; ".join(f"{x['source']} {x['location']}" for x in r["returned"])
            print(t("eval_miss", lang, id=r["id"], split=r["split"], question=r["question"], source=r["source"], got=got))
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
        document = entry.document
        print(t("status_document", settings.language, source=document.source, name=document.short_name, count=entry.passages, when=entry.ingested_at))
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
            print(f"{registers.name(d.source)}, {provision_label(d.pasal, angka=d.angka, page=d.page, language=lang)}")
            print(f"  {d.definition}\n")
    else:
        for d in found:
            alias = f" ({d.alias})" if d.alias else ""
            print(f"{d.term}{alias} — {registers.name(d.source)}, {provision_label(d.pasal, angka=d.angka, language=lang)}")
    return 0 if found else 1


def cmd_obligations(args: argparse.Namespace) -> int:
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
            place = obligation_place(o, settings.language)
            print(f"[{o.modality}] {o.actor or t('actor_not_stated', settings.language)} · {registers.name(o.source)}, {place}")
            print(f"  {o.text}\n")
        print(t("obligations_total", settings.language, count=len(rows)))
    return 0


def build_parser(language: str = "id") -> argparse.ArgumentParser:
    def say(key: str) -> str:
        return t(key, language)

    parser = argparse.ArgumentParser(prog="asisten", description=say("cli_description"))
    sub = parser.add_subparsers(dest="command", required=True)

    def with_index(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--index", help=say("help_index"))
        return p

    p = with_index(sub.add_parser("ingest", help=say("help_ingest")))
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--rebuild", action="store_true", help=say("help_rebuild"))
    p.add_argument("--quiet", action="store_true", help=say("help_quiet"))
    p.add_argument("--defer-vectors", action="store_true", dest="defer_vectors", help=say("help_defer_vectors"))
    p.set_defaults(func=cmd_ingest)

    p = with_index(sub.add_parser("ask", help=say("help_ask")))
    p.add_argument("question", nargs="+", metavar="QUESTION")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true", help=say("help_json_lines"))
    p.add_argument("--references", action="store_true", help=say("help_references"))
    p.add_argument("--jenis", action="append", help=say("help_jenis"))
    p.add_argument("--tahun", action="append", type=int, help=say("help_tahun"))
    p.add_argument("--source", action="append", help=say("help_source"))
    p.add_argument("--llm", help=say("help_llm"))
    from . import TAG_LABELS

    p.add_argument("--dimension", action="append", choices=list(TAG_LABELS), help=say("help_dimension"))
    p.set_defaults(func=cmd_ask)

    p = with_index(sub.add_parser("eval", help=say("help_eval")))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--top-k", type=int, dest="top_k")
    p.add_argument("--json", action="store_true")
    p.add_argument("--split", choices=("tune", "test", "all"), default="all", help=say("help_split"))
    p.set_defaults(func=cmd_eval)

    p = with_index(sub.add_parser("status", help=say("help_status")))
    p.set_defaults(func=cmd_status)

    p = with_index(sub.add_parser("glossary", help=say("help_glossary")))
    p.add_argument("term", nargs="*", metavar="TERM")
    p.add_argument("--source", action="append", help=say("help_glossary_source"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_glossary)

    from .registers import MODALITY_CHOICES

    p = with_index(sub.add_parser("obligations", help=say("help_obligations")))
    p.add_argument("--actor", help=say("help_actor"))
    p.add_argument("--source", help=say("help_one_source"))
    p.add_argument("--modality", choices=list(MODALITY_CHOICES), help=say("help_modality"))
    p.add_argument("--csv", action="store_true", help=say("help_csv"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_obligations)
    return parser


def _language() -> str:
    """The configured language, for help and for errors; with a broken configuration, the environment's or 'id'."""
    try:
        return load_settings().language
    except ConfigError:
        language = os.environ.get("ASISTEN_LANGUAGE", "id")
        return language if language in LANGUAGES else "id"


def main(argv: list[str] | None = None) -> int:
    language = _language()
    args = build_parser(language).parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as error:
        print(t("config_error_line", language, message=error.message(language)), file=sys.stderr)
        return 2
    except UserError as error:  # the embedder, the index, the language model, a gold file
        print(t("error_line", language, message=error.message(language)), file=sys.stderr)
        return 2
    except (ValueError, OSError) as error:  # user-facing boundary: a message, never a stack trace
        print(t("error_line", language, message=error), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
