namespace AutoNet.Testing.Tests.Support;

/// <summary>A fresh temporary folder per test class instance, deleted afterwards.</summary>
public abstract class TempDirectory : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("autonet-testing-").FullName;

    protected string PathOf(string name) => Path.Combine(Dir, name);

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
