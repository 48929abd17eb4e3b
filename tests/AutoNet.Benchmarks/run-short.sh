#!/usr/bin/env bash
# Builds the benchmarks in Release and prints the short table (about a minute on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/AutoNet.Benchmarks -- --short
