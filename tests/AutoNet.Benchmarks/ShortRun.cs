using System.Diagnostics;
using System.Globalization;

namespace AutoNet.Benchmarks;

/// <summary>
/// The short mode (<c>--short</c>): each workload warmed up, then timed several times with a Stopwatch; the median
/// is reported, and the issue's targets are checked against the ratios of this one run. BenchmarkDotNet (the
/// default mode) gives the careful numbers; this gives the whole table in about a minute.
/// </summary>
public sealed partial class ShortRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly List<string[]> _rows = [];
    private readonly List<string[]> _checks = [];
    private readonly MoonsData _data = new();

    /// <summary>Runs the sections named in <paramref name="only"/> (moons, memory, mlp, matmul, op, reduction, index, bmm, cnn, names, tinygpt), or all when empty.</summary>
    public static void Run(IReadOnlyCollection<string> only)
    {
        Console.Error.WriteLine($"AutoNet short benchmark; {Environment.ProcessorCount} logical cores; TorchSharp threads: {TorchSharp.torch.get_num_threads()}; "
            + $"GC regions {AppContext.GetData("System.GC.RegionSize") ?? "default"} B, large-object threshold {AppContext.GetData("System.GC.LOHThreshold") ?? "default"} B "
            + "(from runtimeconfig.json; DOTNET_GC* variables override them)");
        var run = new ShortRun();
        bool Want(string section) => only.Count == 0 || only.Contains(section);
        if (Want("moons")) run.Moons();
        if (Want("memory")) run.Memory();
        if (Want("mlp")) run.Mlp();
        if (Want("matmul")) run.MatMul();
        if (Want("op")) run.OpOverhead();
        if (Want("reduction")) run.Reduction();
        if (Want("index")) IndexWorkload.Report((action, warmup, runs) => Median(action, warmup, runs), run._rows, run._checks);
        if (Want("bmm")) run.Bmm();
        if (Want("cnn")) run.Cnn();
        if (Want("names")) NamesWorkload.Report((a, b, warmup, runs) => MedianInterleaved(a, b, warmup, runs), run._rows, run._checks);
        if (Want("tinygpt")) run.TinyGpt();
        run.Print();
    }

    /// <summary>1000 full-batch epochs of the seed's network, float64.</summary>
    private void Moons()
    {
        const int epochs = MoonsBenchmarks.Epochs;
        var hand = new MoonsHandWritten(_data);
        var auto = new MoonsAutoNet(_data);
        var torch = new MoonsTorchSharp(_data);
        // Hand-written and AutoNet runs alternate, so that both see the same machine (other load, clock).
        var (tHand, tAuto) = MedianInterleaved(() => hand.Train(epochs), () => auto.Train(epochs), warmup: 10, runs: 31);
        double tTorch = Median(() => torch.Train(epochs), warmup: 2, runs: 7);
        const string name = "moons 1000 epochs f64";
        _rows.Add([name, "hand-written double[] loops", Ms(tHand), ""]);
        _rows.Add([name, "AutoNet", Ms(tAuto), ""]);
        _rows.Add([name, "TorchSharp (DisposeScope/epoch)", Ms(tTorch), ""]);
        _checks.Add(["moons: TorchSharp time / AutoNet time", F(tTorch / tAuto, "0.0") + "x", ">= 15x", Pass(tTorch / tAuto >= 15)]);
        _checks.Add(["moons: AutoNet time / hand-written time", F(tAuto / tHand, "0.00") + "x", "<= 1.5x", Pass(tAuto / tHand <= 1.5)]);
    }

    /// <summary>Bytes allocated per moons epoch, and the live heap after 1,000 and after 100,000 epochs.</summary>
    private void Memory()
    {
        var auto = new MoonsAutoNet(_data);
        auto.Train(10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        auto.Train(MoonsBenchmarks.Epochs);
        double bytesPerEpoch = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)MoonsBenchmarks.Epochs;
        _rows.Add(["moons bytes allocated per epoch", "AutoNet", "", F(bytesPerEpoch, "0") + " B"]);

        auto.Reset();
        for (int e = 0; e < 1000; e++) auto.Epoch();
        long heapAt1k = HeapAfterFullGc();
        for (int e = 1000; e < 100_000; e++) auto.Epoch();
        long heapAt100k = HeapAfterFullGc();
        _rows.Add(["moons live heap after 1,000 / 100,000 epochs", "AutoNet", "", $"{heapAt1k / 1024.0:0} KiB / {heapAt100k / 1024.0:0} KiB"]);
        _checks.Add(["moons: live heap growth 1k -> 100k epochs", $"{(heapAt100k - heapAt1k) / 1024.0:0} KiB", "flat", Pass(heapAt100k - heapAt1k < 64 * 1024)]);
    }

    /// <summary>One SGD step of the 784 → 256 → 10 MLP, float32, batch 256.</summary>
    private void Mlp()
    {
        var auto = new MlpAutoNet();
        var torch = new MlpTorchSharp();
        // Alternating steps, so that both see the same load of the (shared, noisy) machine.
        var (tAuto, tTorch) = MedianInterleaved(auto.Step, torch.Step, warmup: 30, runs: 101);
        const string name = "MLP 784-256-10 f32 batch 256, one SGD step";
        _rows.Add([name, "AutoNet", Ms(tAuto), ""]);
        _rows.Add([name, "TorchSharp", Ms(tTorch), ""]);
        _checks.Add(["MLP step: TorchSharp time / AutoNet time", F(tTorch / tAuto, "0.00") + "x", ">= 1x", Pass(tTorch >= tAuto)]);
    }

    /// <summary>The 1024³ product in both dtypes, as GFLOP/s.</summary>
    private void MatMul()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
        {
            var mm = new MatMulWorkload(1024, dtype);
            double tA = Median(() => mm.RunAutoNet(), warmup: 3, runs: 15);
            double tT = Median(() => { mm.RunTorchSharp(); return 0; }, warmup: 3, runs: 15);
            string name = $"matmul 1024^3 {(dtype == DType.Float32 ? "f32" : "f64")}";
            _rows.Add([name, "AutoNet", Ms(tA), F(mm.Flops / tA / 1e9, "0") + " GFLOP/s"]);
            _rows.Add([name, "TorchSharp", Ms(tT), F(mm.Flops / tT / 1e9, "0") + " GFLOP/s"]);
            _checks.Add([$"{name}: AutoNet GFLOP/s / TorchSharp GFLOP/s", F(tT / tA * 100, "0") + "%", ">= 75%", Pass(tT / tA >= 0.75)]);
        }
    }

    /// <summary>A 4-element multiply plus its backward: the fixed cost per op.</summary>
    private void OpOverhead()
    {
        var op = new OpOverhead();
        double tAuto = Median(() => Repeat(op.RunAutoNet, 10_000), warmup: 100, runs: 15) / 10_000;
        double tTorch = Median(() => Repeat(op.RunTorchSharp, 1_000), warmup: 3, runs: 9) / 1_000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Repeat(op.RunAutoNet, 1000);
        double bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000.0;
        _rows.Add(["one 4-element multiply + backward", "AutoNet", Us(tAuto), F(bytes, "0") + " B allocated"]);
        _rows.Add(["one 4-element multiply + backward", "TorchSharp", Us(tTorch), ""]);
    }

    /// <summary>Float32 reductions: a 10M-element sum, column sums of [1M, 16], log-softmax over [4096, 1000] rows.</summary>
    private void Reduction()
    {
        var w = new ReductionWorkload();
        (string Name, Func<object> Auto, Action Torch)[] cases =
        [
            ("sum of 10,000,000 f32", w.SumAutoNet, w.SumTorchSharp),
            ("column sums of [1,000,000, 16] f32 (dim 0)", w.ColumnSumAutoNet, w.ColumnSumTorchSharp),
            ("log-softmax over rows of [4096, 1000] f32", w.LogSoftmaxAutoNet, w.LogSoftmaxTorchSharp),
        ];
        foreach (var (name, auto, torch) in cases)
        {
            MemoryCost costA = new(), costT = new();
            double tA = Median(auto, warmup: 5, runs: 31, costA);
            double tT = Median(() => { torch(); return 0; }, warmup: 5, runs: 31, costT);
            _rows.Add([name, "AutoNet", Ms(tA), costA.ToString()]);
            _rows.Add([name, "TorchSharp", Ms(tT), costT.ToString()]);
        }
    }

    private void Print()
    {
        Console.WriteLine("| workload | implementation | time (median) | other |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var r in _rows) Console.WriteLine($"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |");
        if (_checks.Count == 0) return;
        Console.WriteLine();
        Console.WriteLine("| target | measured | wanted | reached |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var c in _checks) Console.WriteLine($"| {c[0]} | {c[1]} | {c[2]} | {c[3]} |");
    }

    private static object? Repeat(Action action, int times)
    {
        for (int i = 0; i < times; i++) action();
        return null;
    }

    /// <summary>Warm-up lasts at least this long as well as the given number of runs: the JIT promotes a method to
    /// optimised code only after it has run for a while (tiered compilation), so a fast step needs more than a count.</summary>
    private static readonly TimeSpan MinimumWarmup = TimeSpan.FromSeconds(1);

    /// <summary>The median time of <paramref name="runs"/> timed calls after the warm-up; <paramref name="cost"/>, if
    /// given, counts what the timed calls cost the memory system.</summary>
    private static double Median<T>(Func<T> action, int warmup, int runs, MemoryCost? cost = null)
    {
        long warmupStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmupStart) < MinimumWarmup; i++) action();
        var times = new double[runs];
        cost?.Start();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        cost?.Stop(runs);
        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>
    /// Untimed runs of a workload before each block of timed ones, lasting at least this long: libtorch's OpenMP
    /// workers (GNU libgomp, default wait policy) keep spinning after TorchSharp's last op and take a core from
    /// whatever runs next. On the 2-core machine the MLP step measured 2.90 ms for AutoNet when it ran right after
    /// each TorchSharp step and 1.65 ms with <c>OMP_WAIT_POLICY=PASSIVE</c>; with 20 ms of settling, AutoNet's Conv2d
    /// row still measured 76–102 ms in five full runs of eight (31–40 ms in the others, and in both runs with
    /// <c>OMP_WAIT_POLICY=PASSIVE</c>); with 200 ms, 27.8 and 33.3 ms (docs/performance.md).
    /// </summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);

    /// <summary>Timed runs in one block of <see cref="MedianInterleaved{T}"/>.</summary>
    private const int BlockRuns = 10;

    /// <summary>
    /// Medians of two workloads timed in alternating blocks: both see the same machine over the run (other load,
    /// clock), and each block starts after <see cref="Settle"/> of untimed runs of its own workload, so that neither is
    /// timed while the other's threads are still spinning.
    /// </summary>
    private static (double A, double B) MedianInterleaved<T>(Func<T> a, Func<T> b, int warmup, int runs,
        MemoryCost? costA = null, MemoryCost? costB = null)
    {
        long warmupStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || Stopwatch.GetElapsedTime(warmupStart) < MinimumWarmup; i++)
        {
            a();
            b();
        }
        var ta = new double[runs];
        var tb = new double[runs];
        for (int i = 0; i < runs; i += BlockRuns)
        {
            int end = Math.Min(runs, i + BlockRuns);
            TimeBlock(a, ta, i, end, costA);
            TimeBlock(b, tb, i, end, costB);
        }
        Array.Sort(ta);
        Array.Sort(tb);
        return (ta[runs / 2], tb[runs / 2]);
    }

    /// <summary>Settles (untimed runs for at least <see cref="Settle"/>), then times runs <paramref name="from"/> .. <paramref name="to"/> - 1.</summary>
    private static void TimeBlock<T>(Func<T> action, double[] times, int from, int to, MemoryCost? cost)
    {
        long settleStart = Stopwatch.GetTimestamp();
        do action(); while (Stopwatch.GetElapsedTime(settleStart) < Settle);
        cost?.Start();
        for (int i = from; i < to; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        cost?.Stop(to - from);
    }

    private static long HeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Ms(double seconds) => F(seconds * 1e3, "0.000") + " ms";
    private static string Us(double seconds) => F(seconds * 1e6, "0.00") + " µs";
    private static string F(double v, string format) => v.ToString(format, Inv);
    private static string Pass(bool ok) => ok ? "yes" : "no";
}
