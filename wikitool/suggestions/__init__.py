"""Suggestions: a citizen's input read and screened, written as a branch, and the private
store of contact details. Imports review.events/review.log, mail, guides, screening, gitstore.

Nothing is imported here: :mod:`wikitool.suggestions.submission` is the entry point.
"""
