#!/usr/bin/env bash
# Regenerates the API reference (docs/api/*.md) from the public types of AutoNet, AutoNet.TorchSharp, AutoNet.Onnx and AutoNet.Testing
# and their XML doc comments (tools/ApiDocs). `bash docs/generate-api.sh check` only checks that the committed pages
# are what it would write (CI runs that). The pages are committed, so `mkdocs build --strict` needs no .NET.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet run --project tools/ApiDocs -c Release -- "$@"
