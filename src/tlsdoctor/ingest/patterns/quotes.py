"""Typographic quotes as ASCII ones: the one table for the text that is read (posting.py's
folded variant) and for the translated catalogs' normal form (l10n.py).

A post copied from a web page or a word processor has curly quotes where the program printed
straight ones (curl: "unable to get local issuer certificate" in 'quotes'); the translated
catalogs also quote with guillemets, primes and CJK corner brackets.
"""

from __future__ import annotations

__all__ = ["CATALOG_QUOTES", "CURLY_QUOTES"]

# U+2018-U+201F: the curly single and double quotes, low and reversed ones included
CURLY_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                              "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
# The catalogs' other quote marks on top: prime, backtick and acute used as apostrophes,
# guillemets (French, German, Russian...), CJK corner brackets (Japanese, Chinese). Not in
# CURLY_QUOTES: a backtick in an English error is the program's own (shell) quoting.
CATALOG_QUOTES = {**CURLY_QUOTES, **str.maketrans({
    "\u2032": "'", "`": "'", "\u00b4": "'", "\u00ab": '"', "\u00bb": '"', "\u2039": "'",
    "\u203a": "'", "\u300c": '"', "\u300d": '"'})}
