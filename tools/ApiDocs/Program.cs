// Writes the API reference pages (docs/api) from the public types of AutoNet, AutoNet.TorchSharp, AutoNet.Onnx and AutoNet.Testing
// and their XML doc files. `ApiDocs [DIR]` rewrites DIR (default docs/api); `ApiDocs check [DIR]` exits 1 if DIR
// differs from what it would write. Run it through docs/generate-api.sh.
using ApiDocs;

bool check = args.Length > 0 && args[0] == "check";
string? dirArg = args.SkipWhile(a => a == "check").FirstOrDefault();
string dir = dirArg ?? Path.Combine(RepositoryRoot(), "docs", "api");

var assemblies = new[] { typeof(AutoNet.Tensor).Assembly, typeof(AutoNet.TorchSharp.Parity).Assembly, typeof(AutoNet.Onnx.OnnxExporter).Assembly, typeof(AutoNet.Testing.GradientSnapshot).Assembly };
var xmlFiles = assemblies.Select(a => Path.ChangeExtension(a.Location, ".xml")).ToList();
foreach (var file in xmlFiles.Where(f => !File.Exists(f))) throw new FileNotFoundException($"ApiDocs: the XML doc file {file} is missing; build with GenerateDocumentationFile.");
var pages = new Pages(ApiModel.Read(assemblies), xmlFiles).All();

var existing = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.md").Select(Path.GetFileName).ToHashSet() : [];
if (check)
{
    var stale = pages.Where(p => !File.Exists(Path.Combine(dir, p.Key)) || File.ReadAllText(Path.Combine(dir, p.Key)) != p.Value).Select(p => p.Key)
        .Concat(existing.Where(f => !pages.ContainsKey(f!))!).Order().ToList();
    if (stale.Count == 0)
    {
        Console.WriteLine($"{dir}: {pages.Count} pages, up to date");
        return 0;
    }
    Console.Error.WriteLine($"{dir} is out of date ({stale.Count} pages differ: {string.Join(", ", stale.Take(10))}). Run bash docs/generate-api.sh and commit the result.");
    return 1;
}
Directory.CreateDirectory(dir);
foreach (var old in existing.Where(f => !pages.ContainsKey(f!))) File.Delete(Path.Combine(dir, old!));
foreach (var (name, text) in pages) File.WriteAllText(Path.Combine(dir, name), text);
Console.WriteLine($"wrote {pages.Count} pages to {dir}");
return 0;

static string RepositoryRoot()
{
    for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        if (File.Exists(Path.Combine(d.FullName, "AutoNet.sln"))) return d.FullName;
    throw new InvalidOperationException("ApiDocs: run it inside the repository (no AutoNet.sln above the current directory), or pass the output directory.");
}
