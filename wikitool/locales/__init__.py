"""Languages: which BCP 47 tags a guide may carry (``language.py``, judged by Babel), which
currencies it may name (``currency.py``, ISO 4217 as Babel knows it) and
the gettext catalogues of every label a reader sees (``catalogues.py``, ``<lang>/*.po``).
Imports only ``errors`` and Babel: guides, the site and the CLI all read it."""
