#!/usr/bin/env bash
# Packs AutoNet, AutoNet.TorchSharp, AutoNet.Onnx and AutoNet.Testing into a temporary folder and uses each from a fresh console
# app outside the repository (so none of its Directory.*.props apply), restoring from that folder as a user would:
#   train/   AutoNet + AutoNet.Onnx + AutoNet.Testing: the moons network of examples/moons.cs must print
#            examples/Moons/expected-output.txt exactly, then export the model to ONNX, then verify its
#            gradients against a golden file twice (the first call writes it, the second passes).
#   parity/  AutoNet.TorchSharp: Parity.Check of softplus against libtorch must pass. On Linux the build must
#            show the package's buildTransitive GLIBCXX fix at work (no manual step; Debian 12 needs it to load).
# Usage: build/check-packages.sh [work-folder]   (default: a new temporary folder, removed on success)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
packages="$work/packages"
fail() { echo "check-packages: $*" >&2; exit 1; }

echo "-- packing into $packages (deterministic: CI=true sets ContinuousIntegrationBuild)"
for project in AutoNet AutoNet.TorchSharp AutoNet.Onnx AutoNet.Testing; do
  CI=true dotnet pack "$repo/src/$project" -c Release -o "$packages" --nologo -v q
done
version=$(basename "$(ls "$packages"/AutoNet.[0-9]*.nupkg)" .nupkg); version=${version#AutoNet.}
for project in AutoNet AutoNet.TorchSharp AutoNet.Onnx AutoNet.Testing; do
  [ -f "$packages/$project.$version.nupkg" ] || fail "$project.$version.nupkg was not made"
  [ -f "$packages/$project.$version.snupkg" ] || fail "$project.$version.snupkg (symbols) was not made"
done
contents=$(unzip -l "$packages/AutoNet.TorchSharp.$version.nupkg")  # (not piped into grep -q: SIGPIPE + pipefail)
grep -q 'buildTransitive/AutoNet.TorchSharp.targets' <<< "$contents" \
  || fail "AutoNet.TorchSharp.$version.nupkg has no buildTransitive/AutoNet.TorchSharp.targets"
# The package readme shows the README's ten lines: they must not drift apart.
ten_lines() { awk '/^## Ten lines/{on=1} on&&/^```csharp/{c=1;next} c&&/^```/{exit} c' "$1"; }
[ -n "$(ten_lines "$repo/README.md")" ] && diff <(ten_lines "$repo/README.md") <(ten_lines "$repo/build/package-readme.md") \
  || fail "build/package-readme.md's ten lines differ from README.md's"
echo "packed version $version: $(cd "$packages" && ls | tr '\n' ' ')"

# A version already in the global packages folder would be used instead of the one just packed: drop ours.
cache=${NUGET_PACKAGES:-$HOME/.nuget/packages}
for id in autonet autonet.torchsharp autonet.onnx autonet.testing; do rm -rf "${cache:?}/$id/$version"; done

# Each app restores AutoNet* from the local folder only, everything else from nuget.org (or the cache).
new_app() { # name, package references...
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  cat > "$dir/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="autonet-local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="autonet-local"><package pattern="AutoNet" /><package pattern="AutoNet.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework>'
    echo '    <ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>'
    echo '  <ItemGroup>'
    for package in "$@"; do echo "    <PackageReference Include=\"$package\" Version=\"$version\" />"; done
    echo '  </ItemGroup>'
    echo '</Project>'
  } > "$dir/$(basename "$dir").csproj"
}

echo "-- train: AutoNet + AutoNet.Onnx + AutoNet.Testing from the folder, the moons network of examples/moons.cs"
new_app train AutoNet AutoNet.Onnx AutoNet.Testing
grep -v '^#[!:]' "$repo/examples/moons.cs" > "$work/train/Program.cs"
cat >> "$work/train/Program.cs" <<'EOF'

var onnxPath = Path.Combine(Path.GetTempPath(), $"autonet-package-check-{Environment.ProcessId}.onnx");
AutoNet.Onnx.OnnxExporter.Export(model, onnxPath, inputFeatures: 2);
Console.WriteLine($"ONNX file: {new FileInfo(onnxPath).Length > 0}");
File.Delete(onnxPath);

var golden = Path.Combine(Path.GetTempPath(), $"autonet-package-check-{Environment.ProcessId}.safetensors");
Func<Tensor> goldenLoss = () => lossFunction.Forward(model.Forward(X), y);
var created = AutoNet.Testing.GradientSnapshot.Verify(golden, model, goldenLoss);
var verified = AutoNet.Testing.GradientSnapshot.Verify(golden, model, goldenLoss);
Console.WriteLine($"Golden gradients: created {created.Created} (passed {created.Passed}), then passed {verified.Passed}");
File.Delete(golden);
EOF
dotnet build "$work/train" -c Release --nologo -v q > "$work/train-build.log" 2>&1 || { cat "$work/train-build.log"; fail "train did not build"; }
dotnet run --project "$work/train" -c Release --no-build | tee "$work/train.out"
diff <(cat "$repo/examples/Moons/expected-output.txt"; echo "ONNX file: True"
      echo "Golden gradients: created True (passed False), then passed True") "$work/train.out" \
  || fail "the packaged AutoNet printed something other than examples/Moons/expected-output.txt (+ the ONNX and golden lines)"

echo "-- parity: AutoNet.TorchSharp from the folder, Parity.Check against libtorch"
new_app parity AutoNet.TorchSharp
cat > "$work/parity/Program.cs" <<'EOF'
using AutoNet;
using AutoNet.TorchSharp;
using TorchSharp;

var x = Tensor.From([-2.0, -0.5, 0.0, 1.5, 3.0]);
var result = Parity.Check(x => (1.0 + x.Exp()).Log(), x => torch.nn.functional.softplus(x), x);
Console.WriteLine(result);
return result.Passed ? 0 : 1;
EOF
dotnet build "$work/parity" -c Release --nologo --tl:off -v n > "$work/parity-build.log" 2>&1 \
  || { tail -n 40 "$work/parity-build.log"; fail "parity did not build"; }
if [ "$(uname -s)" = Linux ]; then
  grep -m1 'TorchSharpNativeFix: marked' "$work/parity-build.log" \
    || fail "the build did not run the package's buildTransitive TorchSharpNativeFix step"
fi
dotnet run --project "$work/parity" -c Release --no-build | tee "$work/parity.out" \
  || fail "Parity.Check from the AutoNet.TorchSharp package failed (exit ${PIPESTATUS[0]})"
grep -q '^Parity.Check (1 input): PASSED' "$work/parity.out" || fail "Parity.Check did not print PASSED"

echo "check-packages: all four packages work from $packages"
[ $# -ge 1 ] || rm -rf "$work"
