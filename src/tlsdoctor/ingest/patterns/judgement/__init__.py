"""tlsdoctor's judgement of every harvested upstream string, one module per source.

Each module has ``JUDGE`` (upstream identifier -> verdict) and ``RULES`` ((regex over
"identifier<TAB>text", verdict, why), tried in order for identifiers not listed). Verdicts
are explained in ``patterns/harvested.py``. The texts themselves are never typed here.
"""
