"""Publishing: main's committed tree built into a static site with MkDocs, and served locally.
The only place outside mkdocs_plugin/ that imports mkdocs; below cli/ only.
"""
