#!/usr/bin/env bash
# Regenerates what the docs show and cannot include from source: the sample outputs in docs/generated
# (checked by tests/AutoNet.Tests/DocSamples/DocSamplesTests.cs) and the plots in docs/assets.
# Run from anywhere: bash docs/generate-assets.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet run --project examples/DocSamples -c Release -- write-docs docs/generated
dotnet run --project examples/Moons -c Release -- --plots docs/assets
# attention.png of docs/example-tinygpt.md (about two minutes of training)
dotnet run --project examples/TinyGpt -c Release -- --plots docs/assets
# The graph pictures of docs/learn-autograd.md: Graphviz (Debian: apt-get install graphviz) draws the samples' DOT.
for graph in learn-graph learn-graph-grads; do
  dot -Tsvg "docs/generated/$graph.dot" -o "docs/assets/$graph.svg"
done
