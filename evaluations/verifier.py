"""How often the citation verifier accepts grounded text and rejects the errors a model makes.

    .venv/bin/python evaluations/verifier.py [--index .index] [--questions evaluations/gold.jsonl]

Grounded answers are the extractive answers to the gold questions: every sentence is copied from
the passage its `[n]` names, so the verifier should keep all of them (false rejections are the
cost of strictness). Each grounded sentence is then corrupted the way a model goes wrong:

* fabricated: its `[n]` points past the passages given (`[k+3]`);
* wrong source: its `[n]` names another retrieved passage that does not contain it;
* wrong number: one of its numbers is changed (a deadline, a count, a Pasal);
* invented: a claim from another document's passage, cited as this passage.

Prints the share of grounded sentences kept and of corrupted answers not shown as verified (the
corrupted sentence removed, or the whole answer replaced by the extractive one), per corruption.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import load_settings  # noqa: E402
from assistant.evaluation import load_questions  # noqa: E402
from assistant.prompts import sources_for  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.verify import verify  # noqa: E402

_NUMBER = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")


def quoted_claims(text: str) -> list[tuple[str, int]]:
    """The extractive answer's quotes as model-like sentences: (quote [n], n)."""
    claims = []
    for line in text.splitlines():
        quote = re.search(r"“(.+)”\s*\[(\d+)\]$", line)
        if line.startswith("- ") and quote:
            claims.append((f"{quote.group(1)} [{quote.group(2)}]", int(quote.group(2))))
    return claims


def corruptions(claim: str, n: int, k: int, other_claims: list[tuple[str, int]]) -> dict[str, str]:
    body = claim.rsplit("[", 1)[0].rstrip()
    found = {"fabricated": f"{body} [{k + 3}]"}
    others = [m for m in range(1, k + 1) if m != n]
    if others:
        found["wrong_source"] = f"{body} [{others[-1]}]"
    number = _NUMBER.search(body)
    if number:
        changed = str(int(number.group()) + 7)
        found["wrong_number"] = f"{body[: number.start()]}{changed}{body[number.end():]} [{n}]"
    foreign = next((c for c, m in other_claims if m != n), None)
    if foreign:
        found["invented"] = f"{foreign.rsplit('[', 1)[0].rstrip()} [{n}]"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", default=".index")
    parser.add_argument("--questions", default="evaluations/gold.jsonl")
    args = parser.parse_args()
    settings = load_settings(index=Path(args.index))
    assistant = Assistant(settings)
    kept, total = 0, 0
    rejected, tried = Counter(), Counter()
    for question in load_questions(Path(args.questions)):
        answer = assistant.ask(question.question, llm="none")
        if not answer.found:
            continue
        hits = answer.hits
        sources = sources_for(hits, context_tokens=32768, answer_tokens=512)  # whole passages, as quoted
        similarity = assistant.similarity(hits, assistant.index)
        claims = quoted_claims(answer.text)
        for claim, n in claims:
            total += 1
            kept += verify(claim, sources, similarity).verdict == "verified"
            for kind, corrupted in corruptions(claim, n, len(hits), claims).items():
                tried[kind] += 1
                rejected[kind] += verify(corrupted, sources, similarity).verdict != "verified"  # removed or all rejected
    print(f"grounded sentences kept: {kept}/{total} = {kept / max(total, 1):.3f}")
    for kind in ("fabricated", "wrong_source", "wrong_number", "invented"):
        print(f"{kind:<14} rejected: {rejected[kind]}/{tried[kind]} = {rejected[kind] / max(tried[kind], 1):.3f}")


if __name__ == "__main__":
    main()
