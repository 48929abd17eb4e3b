using System.Diagnostics;
using AutoNet.Serialization;
using Xunit;

namespace AutoNet.Tests.Serialization;

/// <summary>What Save refuses, and the temporary files it never leaves behind (safetensors.torch.save_file).</summary>
public sealed class SafeTensorsSaveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-safetensors-save-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static Dictionary<string, Tensor> One(string name = "w") => new() { [name] = Tensor.From([1.0, 2.0]) };

    // Lone surrogates are built here: xUnit's theory data would replace them with U+FFFD on the way in.
    [Theory]
    [InlineData("name", 0xD800, false)]
    [InlineData("name", 0xDC00, true)]
    [InlineData("key", 0xD83D, false)]
    [InlineData("value", 0xDFFF, false)]
    public void Names_and_metadata_that_UTF8_cannot_encode_are_refused_as_python_str_encode(string where, int surrogate, bool first)
    {
        string bad = first ? (char)surrogate + "w" : "w" + (char)surrogate;
        string path = PathOf("m.safetensors");
        string name = where == "name" ? bad : "w";
        var metadata = where == "name" ? null : new Dictionary<string, string> { [where == "key" ? bad : "k"] = where == "value" ? bad : "v" };
        var e = Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, One(name), metadata));
        Assert.StartsWith("SafeTensors.Save: ", e.Message);
        Assert.Contains("is not valid UTF-16: a lone surrogate", e.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_surrogate_pair_is_valid_text_and_round_trips()
    {
        string path = PathOf("m.safetensors");
        SafeTensors.Save(path, One("w\uD83D\uDE00"), new Dictionary<string, string> { ["\uD83D\uDE00"] = "\uD83D\uDE00" });
        var loaded = SafeTensors.Load(path, out var metadata);
        Assert.Equal(["w\uD83D\uDE00"], loaded.Keys);
        Assert.Equal("\uD83D\uDE00", metadata["\uD83D\uDE00"]);
    }

    [Fact]
    public void Loading_a_directory_says_it_is_a_directory_like_IsADirectoryError()
    {
        var e = Assert.Throws<IOException>(() => SafeTensors.Load(_dir));
        Assert.Contains("is a directory", e.Message);
        Assert.Contains(_dir, e.Message);
        Assert.Contains("is a directory", Assert.Throws<IOException>(() => SafeTensors.Save(_dir, One())).Message);
    }

    /// <summary>A dictionary whose enumeration throws after the temporary file was created.</summary>
    private sealed class ThrowingDictionary : Dictionary<string, Tensor>, IReadOnlyDictionary<string, Tensor>
    {
        IEnumerator<KeyValuePair<string, Tensor>> IEnumerable<KeyValuePair<string, Tensor>>.GetEnumerator()
        {
            yield return new("w", Tensor.From([1.0]));
            throw new InvalidOperationException("midway");
        }
    }

    [Fact]
    public void A_save_that_throws_midway_leaves_no_temporary_file_and_the_old_file_intact()
    {
        string path = PathOf("m.safetensors");
        SafeTensors.Save(path, One());
        Assert.Equal("midway", Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(path, new ThrowingDictionary())).Message);
        Assert.Equal(["m.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        Assert.Equal([1.0, 2.0], SafeTensors.Load(path)["w"].ToArray());
    }

    [Fact]
    public void The_next_save_removes_temporary_files_left_by_a_killed_save()
    {
        string path = PathOf("m.safetensors");
        int dead = DeadProcessId();
        string stale = PathOf($".m.safetensors.tmp-{dead}-{Guid.NewGuid():N}");
        string live = PathOf($".m.safetensors.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}"); // a save under way here
        string other = PathOf($".other.safetensors.tmp-{dead}-{Guid.NewGuid():N}");            // another target's
        foreach (var f in new[] { stale, live, other }) File.WriteAllBytes(f, new byte[1000]);

        SafeTensors.Save(path, One());

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
        Assert.Equal([1.0, 2.0], SafeTensors.Load(path)["w"].ToArray());
    }

    [Fact]
    public void The_directory_is_flushed_to_disk_after_the_rename()
    {
        // fsync(2) on the directory: succeeds on a real directory, reports a missing one (a no-op on Windows).
        AtomicFile.FlushDirectory(_dir);
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            Assert.Throws<IOException>(() => AtomicFile.FlushDirectory(Path.Combine(_dir, "missing")));
    }

    /// <summary>The id of a process that has exited (a child started and waited for).</summary>
    private static int DeadProcessId()
    {
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe", "/c exit 0") : new ProcessStartInfo("/bin/sh", "-c true");
        using var child = Process.Start(start)!;
        child.WaitForExit();
        return child.Id;
    }
}
