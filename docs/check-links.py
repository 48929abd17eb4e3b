#!/usr/bin/env python3
"""Checks a built site (mkdocs build --site-dir DIR): every relative link and image between its pages resolves,
and every #anchor names an id on the target page (mkdocs 1.4's --strict checks pages, not anchors).
Usage: python3 docs/check-links.py DIR"""
import html, os, re, sys, urllib.parse

site = sys.argv[1]
pages = {}
for root, _, files in os.walk(site):
    for name in files:
        if name.endswith(".html") and name != "404.html":  # 404.html uses absolute links by design
            path = os.path.normpath(os.path.join(root, name))
            with open(path, encoding="utf-8") as f:
                text = f.read()
            pages[path] = (set(re.findall(r'\bid="([^"]+)"', text)), text)

bad, checked = [], 0
for page, (_, text) in pages.items():
    for link in re.findall(r'\b(?:href|src)="([^"]+)"', text):
        link = html.unescape(link)
        if re.match(r"^[a-z]+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(path))) if path else page
        if os.path.isdir(target):
            target = os.path.join(target, "index.html")
        checked += 1
        if not os.path.exists(target):
            bad.append(f"{os.path.relpath(page, site)}: {link} (no such file)")
        elif anchor and target in pages and anchor not in pages[target][0]:
            bad.append(f"{os.path.relpath(page, site)}: {link} (no id '{anchor}' there)")
print(f"{checked} links checked in {len(pages)} pages, {len(bad)} broken")
for line in bad:
    print("  " + line)
sys.exit(1 if bad else 0)
