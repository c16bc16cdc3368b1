"""Write each report's publisher into its text as a `publisher NAME` line (after the `date` line, if any).

The publisher is input metadata, as an HTML page's site name or a feed's title is: it comes from the
document-level `publisher` field of NAME.gold.json. Usage: `python eval/publisher_lines.py [FOLDER ...]`
(default: eval/articles and eval/real/articles). Running it again changes nothing.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
folders = [Path(f) for f in sys.argv[1:]] or [HERE / "articles", HERE / "real" / "articles"]

for folder in folders:
    for text_path in sorted(folder.glob("*.txt")):
        gold_path = text_path.with_name(text_path.stem + ".gold.json")
        publisher = " ".join(
            (json.loads(gold_path.read_text(encoding="utf-8")).get("publisher") or "").split()
        )
        text = text_path.read_text(encoding="utf-8")
        head, body = ("", text)
        if text.startswith("date "):
            date_line, _, body = text.partition("\n")
            head = date_line + "\n"
        if body.startswith("publisher "):
            body = body.partition("\n")[2]
        line = f"publisher {publisher}\n" if publisher else ""
        text_path.write_text(head + line + body, encoding="utf-8")
