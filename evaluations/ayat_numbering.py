"""Ayat numbering checks behind the figures of "Ayat run into one line, English questions" (issue 14).

    .venv/bin/python evaluations/ayat_numbering.py [--corpus corpus] [--index .index] [SET.jsonl ...]

1. Parsing: every regulation of the corpus parsed as `asisten ingest` parses it; a Pasal whose ayat
   do not run (1), (2), (3), ... is a parse defect (an ayat read from a wrapped cross-reference, ayat
   run into one line).
2. Citing: every question of the sets answered extractively; an answer line labelled "ayat (N)"
   whose quote opens with another "(M)" cites the wrong ayat. Without SET, the three main sets.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from assistant.config import load_settings
from assistant.evaluation import load_questions
from assistant.service import Assistant
from ingest.cleaning import clean_pages
from ingest.loaders import load_pages
from ingest.metadata import extract_metadata
from ingest.pipeline import discover
from ingest.structure import batang_tubuh_pasal, parse_regulation

HERE = Path(__file__).resolve().parent
SETS = [HERE / "gold.jsonl", HERE / "gold_general.jsonl", HERE / "gold_genres.jsonl"]
# "…, Pasal 20 ayat (2): “(3) Penyelenggara …”": the label, then the quote's own opening label
_QUOTED_AYAT = re.compile(r"ayat \((\d+\w?)\)(?: huruf \w+)?: “\((\d+\w?)\)")


def broken_sequences(corpus: Path) -> dict[str, list[str]]:
    """Regulation file → the Pasal whose ayat numbers are not 1, 2, 3, ..."""
    found = {}
    for source, path in discover([corpus])[0]:
        raw = load_pages(path)
        if not extract_metadata(source, clean_pages(raw)).is_regulation:
            continue
        tree = parse_regulation(raw)
        found[source] = [
            pasal.number
            for pasal in batang_tubuh_pasal(tree)
            if (numbers := [int(child.number) for child in pasal.children if child.kind == "ayat"])
            and numbers != list(range(1, len(numbers) + 1))
        ]
    return found


def wrong_labels(assistant: Assistant, sets: list[Path]) -> tuple[int, list[str]]:
    """How many answer lines quote an ayat under a label, and the question ids where the label is another ayat."""
    labelled, wrong = 0, []
    for path in sets:
        for question in load_questions(path):
            for match in _QUOTED_AYAT.finditer(assistant.ask(question.question, top_k=max(10, assistant.settings.top_k), llm="none").text):
                labelled += 1
                if match.group(1) != match.group(2):
                    wrong.append(question.id)
    return labelled, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=SETS)
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "corpus")
    parser.add_argument("--index", type=Path)
    args = parser.parse_args()
    broken = broken_sequences(args.corpus)
    print(f"Pasal whose ayat do not run 1, 2, 3: {sum(map(len, broken.values()))} in {sum(bool(v) for v in broken.values())} of {len(broken)} regulations")
    for source, numbers in broken.items():
        if numbers:
            print(f"  {source}: Pasal {', '.join(numbers)}")
    labelled, wrong = wrong_labels(Assistant(load_settings(index=args.index)), args.sets)
    print(f"answer lines quoting an ayat under an ayat label: {labelled}; labelled with another ayat: {len(wrong)} {sorted(wrong)}")


if __name__ == "__main__":
    main()
