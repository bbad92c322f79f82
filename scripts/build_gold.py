"""Build a gold JSONL for `eval-anon` from stories marked up as {{text|type}} (one story per line: id, lang, text).

Usage: python scripts/build_gold.py SOURCE.txt OUT.jsonl. Lines are `id<TAB>lang<TAB>marked text`; '#' starts a comment.
"""

from __future__ import annotations

import json
import re
import sys

MARK = re.compile(r"\{\{(.+?)\|(\w+)\}\}")


def parse(marked: str) -> tuple[str, list[dict]]:
    """Plain text and gold spans of one marked story."""
    out, spans, pos = [], [], 0
    length = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        value, typ = m.group(1), m.group(2)
        spans.append({"start": length, "end": length + len(value), "type": typ, "value": value})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def main(src: str, dst: str) -> None:
    rows = []
    with open(src, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            sid, lang, marked = line.rstrip("\n").split("\t", 2)
            marked = marked.replace("\\n", "\n")
            text, spans = parse(marked)
            rows.append({"id": sid, "lang": lang, "text": text, "spans": spans})
    with open(dst, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
