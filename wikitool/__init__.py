"""wikitool: a collaborative procedure wiki for public services.

Guides are Markdown with YAML front matter in a git repository; citizens' suggestions
become branches; staff review and merge them; MkDocs publishes ``main``.
"""

__version__ = "0.1.0"
