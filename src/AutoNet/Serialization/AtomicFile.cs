using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AutoNet.Serialization;

/// <summary>
/// Replaces a file atomically and durably: the bytes go to a temporary file in the target's directory, named
/// <c>.NAME.tmp-PID-GUID</c>; the file is flushed to disk (fsync), renamed over the target, and the directory is
/// flushed too (on Linux and macOS), so that after a crash the target holds the old bytes or the new ones, never
/// a mix. A failed write deletes its temporary file; a save killed outright (kill -9, power loss) cannot, so each
/// save first deletes the temporary files of the same target whose process is no longer running.
/// </summary>
internal static partial class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; <paramref name="op"/> names the caller in errors.</summary>
    /// <exception cref="IOException">The path is a directory, or the file system refused a step (the target is then unchanged).</exception>
    public static void Write(string path, string op, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"{op}: '{path}' is a directory; expected the path of a file to write.");
        string directory = Path.GetDirectoryName(full) ?? ".";
        string name = Path.GetFileName(full);
        RemoveStaleTemporaries(directory, name);
        string temp = Path.Combine(directory, TemporaryPrefix(name) +
            string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}"));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush();
                RandomAccess.FlushToDisk(stream.SafeFileHandle); // fsync: the bytes are on disk before the rename
            }
            File.Move(temp, full, overwrite: true); // rename(2): readers see the old file or the new one
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        FlushDirectory(directory); // the rename itself is durable once the directory's entry is on disk
    }

    /// <summary>The start of every temporary file name for the target <paramref name="name"/>.</summary>
    internal static string TemporaryPrefix(string name) => "." + name + ".tmp-";

    /// <summary>
    /// Deletes <c>.NAME.tmp-PID-*</c> files beside the target whose PID is not a running process (leftovers of a
    /// killed save). Files of this process and of running ones are kept: they may belong to a save under way.
    /// </summary>
    internal static void RemoveStaleTemporaries(string directory, string name)
    {
        string prefix = TemporaryPrefix(name);
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(directory, ".*.tmp-*").Where(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }
        catch (IOException) { return; }
        catch (UnauthorizedAccessException) { return; }
        foreach (string file in candidates)
        {
            string rest = Path.GetFileName(file)[prefix.Length..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out int pid)) continue;
            if (pid == Environment.ProcessId || IsRunning(pid)) continue;
            TryDelete(file);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }      // no such process
        catch (InvalidOperationException) { return false; } // it exited meanwhile
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { /* best effort: the next save retries */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// fsyncs <paramref name="directory"/> so that a rename inside it survives a crash. .NET cannot open a
    /// directory (File.OpenHandle refuses it), so this calls open(2)/fsync(2) on Linux and macOS; Windows has no
    /// directory flush (NTFS journals the rename). A file system that cannot flush directories (EINVAL) is ignored.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be opened or flushed.</exception>
    internal static void FlushDirectory(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        int fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0)
            throw new IOException($"Cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(fd) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno != EInval) throw new IOException($"Cannot flush directory '{directory}' to disk (errno {errno}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    private const int EInval = 22; // the same on Linux and macOS

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
