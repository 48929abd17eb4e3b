"""MkDocs hooks (mkdocs.yml `hooks:`) that keep the built site self-contained and free of build helpers.

Debian 12's MkDocs 1.4 has no `exclude_docs` (added in 1.5) and no switch for sitemap.xml, so:
- on_files drops files that are inputs to the build, not pages: scripts (this folder, docs/generate-assets.sh)
  and the raw generated text that pages include with pymdownx.snippets (docs/generated/*.txt, .mmd, .dot).
- on_config drops sitemap.xml and sitemap.xml.gz: the site has no public address (no site_url), so their
  <loc> entries would read "None".
"""
import fnmatch

# Paths relative to docs/, matched with fnmatch ("*" also matches "/").
EXCLUDED = [
    "tools/*",            # these hooks and the offline checks (check-offline.sh, check-external-refs.py, ...)
    "*.sh",               # generate-assets.sh and any other helper script
    "*.py",
    "*.mjs",
    "generated/*.txt",    # raw outputs included into pages by pymdownx.snippets
    "generated/*.mmd",
    "generated/*.dot",
    "sitemap.xml",        # on_config stops rendering it; this stops the theme's raw template being copied instead
    "sitemap.xml.gz",
]


def on_config(config, **kwargs):
    for template in ("sitemap.xml", "sitemap.xml.gz"):
        config["theme"].static_templates.discard(template)
    return config


def on_files(files, config, **kwargs):
    kept = [f for f in files if not any(fnmatch.fnmatch(f.src_uri, p) for p in EXCLUDED)]
    return type(files)(kept)
