"""Sentence boundaries the statistical parser gets wrong, fixed before it runs (a spaCy component).

The small English model starts a new sentence at a square bracket: "killed a government soldier (SNA) [assumed on
duty] in Afgooye town" became two sentences, and the event lost its place to the second. An editor's or coder's
aside in square brackets continues its sentence unless a sentence-final mark comes right before it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

BRACKET_ASIDES = "eventwire_bracket_asides"
_FINAL_MARKS = frozenset((".", "!", "?", "…", '."', ".”", "?”", "!”"))


@Language.component(BRACKET_ASIDES)
def keep_bracket_asides(doc: Doc) -> Doc:
    """Return the doc with no sentence starting at a "[" that follows a word, comma or closing bracket."""
    for token in doc[1:]:
        if token.text == "[":
            before = doc[token.i - 1]
            if before.text not in _FINAL_MARKS and "\n" not in before.whitespace_ + before.text:
                token.is_sent_start = False
    return doc
