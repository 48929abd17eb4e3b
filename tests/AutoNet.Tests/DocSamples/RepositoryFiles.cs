namespace AutoNet.Tests.DocSamples;

/// <summary>Finds files of the repository (docs/, src/) from the test's bin directory.</summary>
internal static class RepositoryFiles
{
    /// <summary>The directory holding AutoNet.sln, found by walking up from the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "AutoNet.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No AutoNet.sln above {AppContext.BaseDirectory}: these tests read docs/ and src/ from the repository.");
        }
    }

    public static string PathOf(string relative) => Path.Combine(Root, relative);
}
