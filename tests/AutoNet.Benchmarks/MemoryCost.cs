using System.Globalization;

namespace AutoNet.Benchmarks;

/// <summary>
/// What a workload's timed calls cost the memory system, per call: minor page faults (memory the process touches for
/// the first time since it took it from the OS; Linux only), the garbage collector's pause time and its full (gen-2)
/// collections. Fresh memory is zeroed by the kernel page by page, so a workload that allocates large arrays pays for
/// them here even when its loops are fast. <see cref="Start"/> and <see cref="Stop"/> bracket each block of timed
/// calls; the counts add up over the blocks.
/// </summary>
public sealed class MemoryCost
{
    private long _faults, _faultsAtStart;
    private TimeSpan _pause, _pauseAtStart;
    private int _fullGcs, _fullGcsAtStart, _calls;

    /// <summary>Starts counting before a block of timed calls.</summary>
    public void Start()
    {
        _faultsAtStart = MinorFaults();
        _pauseAtStart = GC.GetTotalPauseDuration();
        _fullGcsAtStart = GC.CollectionCount(2);
    }

    /// <summary>Stops counting after a block of <paramref name="calls"/> timed calls.</summary>
    public void Stop(int calls)
    {
        _faults += MinorFaults() - _faultsAtStart;
        _pause += GC.GetTotalPauseDuration() - _pauseAtStart;
        _fullGcs += GC.CollectionCount(2) - _fullGcsAtStart;
        _calls += calls;
    }

    /// <summary>The counts per call, as the table's last column shows them.</summary>
    public override string ToString()
    {
        var inv = CultureInfo.InvariantCulture;
        double n = Math.Max(1, _calls);
        string faults = OperatingSystem.IsLinux() ? (_faults / n).ToString("0", inv) : "?";
        return $"{faults} page faults, {(_pause.TotalMilliseconds / n).ToString("0.0", inv)} ms GC pause, "
            + $"{(_fullGcs / n).ToString("0.0", inv)} full GCs per call";
    }

    /// <summary>The process's minor page faults so far (field 10 of /proc/self/stat), or 0 where there is none.</summary>
    private static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        string stat = File.ReadAllText("/proc/self/stat");
        // The fields after the command name (which may hold spaces) start after its closing parenthesis, at field 3.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
