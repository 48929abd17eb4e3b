#!/usr/bin/env bash
# Regenerates what the docs show and cannot include from source: the sample outputs in docs/generated
# (checked by tests/AutoNet.Tests/DocSamples/DocSamplesTests.cs), the plots in docs/assets and the convolution
# picture of docs/example-digits.md (checked by tests/AutoNet.Tests/DocSamples/ConvGradientTests.cs).
# Run from anywhere: bash docs/generate-assets.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet run --project examples/DocSamples -c Release -- write-docs docs/generated
dotnet run --project examples/Moons -c Release -- --plots docs/assets
dotnet run --project examples/DocSamples -c Release -- conv-gradient-svg > docs/assets/conv-gradient.svg
dotnet run --project examples/Digits -c Release -- --plots docs/assets/digits
# docs/example-names.md: the gradient of the lookup C[X] (drawn from the untrained model, so no training steps needed).
dotnet run --project examples/Names -c Release -- --steps 0 --samples 0 --plots docs/assets
# attention.png of docs/example-tinygpt.md (about two minutes of training)
dotnet run --project examples/TinyGpt -c Release -- --plots docs/assets
# The graph pictures of docs/learn-autograd.md: Graphviz (Debian: apt-get install graphviz) draws the samples' DOT.
for graph in learn-graph learn-graph-grads; do
  dot -Tsvg "docs/generated/$graph.dot" -o "docs/assets/$graph.svg"
done
