"""The MkDocs glue: main.py (the hooks MkDocs runs), the mkdocs-static-i18n bridge, the search index split, HTML fixes and the post-build steps. Only main.py and i18n_pages.py import MkDocs."""
