"""What the site's forms hold, and the field they keep for bots: the limits the intake
enforces, in a module of constants only, so the site build can print them into its
forms without importing the suggestion machinery (the screening, the mail, git)."""

HONEYPOT_FIELD = "website"
"""The field the site's suggestion and feedback forms add for bots: people never see it
(the page hides it), bots fill it in, and the intake then writes nothing."""
MAX_SUMMARY_CHARS = 150
MAX_RATIONALE_CHARS = 5000
MAX_NOTE_CHARS = 500
"""A supporter's short note: why it affects them too (a rationale has room for 5000)."""
