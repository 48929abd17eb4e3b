#!/usr/bin/env python3
"""Fails if a built page would load a script, style sheet, font, image or other resource from another host.

Usage: docs/tools/check-external-refs.py SITE_DIR      (SITE_DIR: the output of `mkdocs build`)

Scans every .html file (src=, srcset=, href= of every tag but <a>, poster=, data=, and url(...) / @import in
<style> blocks and style= attributes) and every .css file (url(...), @import). A reference is external when it
starts with http:, https: or // (another host). Plain <a href> links to other sites are fine (nothing is loaded
until the reader follows them), and so is <link rel="canonical"> (it names the page, loads nothing).
Prints each offending reference as FILE: TAG ATTRIBUTE=URL and exits 1 if there is any.
"""
import html.parser
import pathlib
import re
import sys

EXTERNAL = re.compile(r"^\s*(https?:|//)", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+(?:url\(\s*)?['"]?([^'");\s]+)""", re.IGNORECASE)
LOADING_ATTRIBUTES = {"src", "href", "poster", "data", "background", "xlink:href"}


def css_references(text):
    """Every URL a piece of CSS would load."""
    return [a or b for a, b in CSS_URL.findall(text)]


class PageScanner(html.parser.HTMLParser):
    """Collects (tag, attribute, url) for every external resource an HTML page would load."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.found += [(tag, "style", u) for u in css_references(value) if EXTERNAL.match(u)]
            elif name == "srcset":
                self.found += [(tag, name, c.split()[0]) for c in value.split(",") if c.strip() and EXTERNAL.match(c)]
            elif name in LOADING_ATTRIBUTES and EXTERNAL.match(value):
                if tag == "a" and name == "href":
                    continue  # a link the reader may follow: loads nothing by itself
                if tag == "link" and name == "href" and (values.get("rel") or "").lower() == "canonical":
                    continue
                self.found.append((tag, name, value))
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [("style", "url", u) for u in css_references(data) if EXTERNAL.match(u)]


def main():
    if len(sys.argv) != 2 or not pathlib.Path(sys.argv[1]).is_dir():
        sys.exit("usage: check-external-refs.py SITE_DIR (a directory built by mkdocs build)")
    site = pathlib.Path(sys.argv[1])
    pages = sorted(site.rglob("*.html"))
    sheets = sorted(site.rglob("*.css"))
    if not pages:
        sys.exit(f"check-external-refs: no .html file under {site}; is it a built site?")
    problems = []
    for page in pages:
        scanner = PageScanner()
        scanner.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site)}: <{t}> {a}={u}" for t, a, u in scanner.found]
    for sheet in sheets:
        problems += [f"{sheet.relative_to(site)}: url {u}" for u in css_references(sheet.read_text(encoding="utf-8"))
                     if EXTERNAL.match(u)]
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(f"check-external-refs: {len(problems)} reference(s) to other hosts in {site}: the site must work offline")
    print(f"check-external-refs: {len(pages)} pages and {len(sheets)} style sheets load nothing from another host")


if __name__ == "__main__":
    main()
