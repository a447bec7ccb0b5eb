"""Review: what staff do with a suggestion (list, show, decide, merge, check out), its
review log and public status. Imports suggestions/ and everything below it; never cli/ or intake/.

``events`` and ``log`` are the suggestion's ledger, written first by a submission, so
:mod:`wikitool.suggestions` may import those two modules (and nothing else from here).
Nothing is imported here, so reading ``review.events`` loads no other review module.
"""
