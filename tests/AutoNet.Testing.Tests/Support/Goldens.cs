using System.Reflection;
using AutoNet.Serialization;

namespace AutoNet.Testing.Tests.Support;

/// <summary>The committed worked examples under Goldens/ (in the source folder, so that Verify writes beside them).</summary>
internal static class Goldens
{
    public static string Directory { get; } = typeof(Goldens).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "GoldensDirectory").Value!;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>The repository's docs/testing-gradients.md (three folders above Goldens/).</summary>
    public static string TestingPage => System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, "..", "..", "..", "docs", "testing-gradients.md"));

    /// <summary>Checks that the testing page shows every line of <paramref name="report"/> but its title (which holds
    /// AutoNet's version and commit), so that the report quoted there is the one the code prints.</summary>
    public static void AssertTheDocsShow(string report)
    {
        string page = File.ReadAllText(TestingPage);
        foreach (string line in report.Split('\n').Skip(1))
            Xunit.Assert.True(page.Contains(line + "\n", StringComparison.Ordinal), $"docs/testing-gradients.md does not show the report line:\n{line}\nUpdate the page.");
    }

    /// <summary>
    /// Checks that a committed file of tensors (weights or a batch that PyTorch recorded from) holds exactly
    /// <paramref name="tensors"/>, bit for bit, so that a golden stays tied to the model the test builds. A missing
    /// file is written (like Verify writes a missing golden) and reported, to be recorded from and committed.
    /// </summary>
    public static string? CheckExported(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            SafeTensors.Save(path, tensors);
            return $"{path} did not exist: written now; record the golden from it (Goldens/README.md) and commit both.";
        }
        var committed = SafeTensors.Load(path);
        if (!committed.Keys.SequenceEqual(tensors.Keys))
            return $"{path} holds [{string.Join(", ", committed.Keys)}]; the test builds [{string.Join(", ", tensors.Keys)}].";
        foreach (var (name, tensor) in tensors)
        {
            var c = committed[name];
            if (!c.Shape.SequenceEqual(tensor.Shape) || c.DType != tensor.DType || !c.ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(tensor.ToArray().Select(BitConverter.DoubleToInt64Bits)))
                return $"{path}: '{name}' differs from what the test builds; export it again and record the golden again (Goldens/README.md).";
        }
        return null;
    }
}
