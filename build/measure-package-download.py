#!/usr/bin/env python3
"""How much NuGet downloads for a first build: the packages that restore recorded in obj/project.assets.json.

Usage (from the repository root, after `dotnet restore AutoNet.sln`):
  python3 build/measure-package-download.py                       # everything `dotnet test` restores
  python3 build/measure-package-download.py tests/AutoNet.Tests   # one project (with its project references)
Sums, per package folder in the global packages folder (NUGET_PACKAGES or ~/.nuget/packages), the .nupkg that
NuGet downloaded and everything unpacked beside it, and lists the largest downloads.
"""
import glob
import json
import os
import sys

cache = os.path.expanduser(os.environ.get("NUGET_PACKAGES", "~/.nuget/packages"))
roots = sys.argv[1:] or ["."]
assets = [f for r in roots for f in glob.glob(os.path.join(r, "**/obj/project.assets.json"), recursive=True)]
if not assets:
    sys.exit("no obj/project.assets.json found: run dotnet restore first")
packages = {lib["path"] for f in assets for lib in json.load(open(f))["libraries"].values() if lib["type"] == "package"}


def size(folder, pattern="**/*"):
    return sum(os.path.getsize(f) for f in glob.glob(os.path.join(cache, folder, pattern), recursive=True) if os.path.isfile(f))


rows = sorted(((size(p, "*.nupkg"), size(p), p) for p in packages), reverse=True)
download, disk = sum(r[0] for r in rows), sum(r[1] for r in rows)
print(f"{len(rows)} packages: {download / 1e6:.0f} MB downloaded (.nupkg), {disk / 1e6:.0f} MB in {cache}")
for nupkg, _, name in rows[:6]:
    print(f"  {nupkg / 1e6:7.1f} MB  {name}")
