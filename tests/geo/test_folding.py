"""Name folding keys: the fast paths give the keys the full Unicode path gives."""

from __future__ import annotations

from eventwire.geo import Gazetteer, fold_name
from eventwire.geo.folding import _LATIN_PLAIN, _transliterate


def test_latin_translation_gives_what_unicode_normalisation_gives() -> None:
    # fold_name translates Latin letters with diacritics by a table and keeps NFKC/unidecode for the rest;
    # wherever the table yields ASCII it must be what the full path yields, or keys would change.
    gaz = Gazetteer.load()
    names = [n for n in map(gaz.name_of, range(len(gaz))) if not n.isascii()]
    names += ["Ta´izz", "ﬁfe", "Ａｌ-Khiam", "e\u0301cole", "Dnipro’s", "ʿAyn al-Ḩilwah", "Øresund", "Łódź"]
    translated = 0
    for name in names:
        plain = name.translate(_LATIN_PLAIN)
        if plain.isascii():
            assert plain == _transliterate(name), name
            translated += 1
    assert translated > 0.9 * len(names) - 8


def test_folding_keys_of_reporting_spellings() -> None:
    assert fold_name("Ṭūlkarm") == fold_name("Tulkarm") == "tulkarm"
    assert fold_name("Ta´izz") == "ta izz"  # the acute accent sign is a space under NFKC, as before
    assert fold_name("Bint Jbeil") == "bint jbeil"
    assert fold_name("Ayta ash-Shab") == fold_name("Ayta Ash Shab") == "ayta shab"
    assert fold_name("The Golan Heights") == "golan heights"
    assert fold_name("St Petersburg") == "st petersburg"
