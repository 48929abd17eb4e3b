using System.Diagnostics;
using System.Globalization;

namespace AutoNet.Benchmarks;

/// <summary>
/// The short mode (<c>--short</c>): each workload warmed up, then timed several times with a Stopwatch; the median
/// is reported, and the issue's targets are checked against the ratios of this one run. BenchmarkDotNet (the
/// default mode) gives the careful numbers; this gives the whole table in about a minute.
/// </summary>
public static class ShortRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Runs the sections named in <paramref name="only"/> (moons, memory, mlp, matmul, op), or all when empty.</summary>
    public static void Run(IReadOnlyCollection<string> only)
    {
        bool Want(string section) => only.Count == 0 || only.Contains(section);
        var rows = new List<string[]>();
        var checks = new List<string[]>();
        Console.Error.WriteLine($"AutoNet short benchmark; {Environment.ProcessorCount} logical cores; TorchSharp threads: {TorchSharp.torch.get_num_threads()}");

        // Moons: 1000 full-batch epochs, float64.
        var data = new MoonsData();
        var auto = new MoonsAutoNet(data);
        const int epochs = MoonsBenchmarks.Epochs;
        if (Want("moons"))
        {
        var hand = new MoonsHandWritten(data);
        var torch = new MoonsTorchSharp(data);
        double tHand = Median(() => hand.Train(epochs), warmup: 5, runs: 21);
        double tAuto = Median(() => auto.Train(epochs), warmup: 5, runs: 21);
        double tTorch = Median(() => torch.Train(epochs), warmup: 2, runs: 7);
        rows.Add(["moons 1000 epochs f64", "hand-written double[] loops", Ms(tHand), ""]);
        rows.Add(["moons 1000 epochs f64", "AutoNet", Ms(tAuto), ""]);
        rows.Add(["moons 1000 epochs f64", "TorchSharp (DisposeScope/epoch)", Ms(tTorch), ""]);
        checks.Add(["moons: TorchSharp time / AutoNet time", F(tTorch / tAuto, "0.0") + "x", ">= 15x", Pass(tTorch / tAuto >= 15)]);
        checks.Add(["moons: AutoNet time / hand-written time", F(tAuto / tHand, "0.00") + "x", "<= 1.5x", Pass(tAuto / tHand <= 1.5)]);
        }

        // Bytes allocated per moons epoch, and memory across 100,000 epochs.
        if (Want("memory"))
        {
        auto.Train(10);
        long before = GC.GetAllocatedBytesForCurrentThread();
        auto.Train(epochs);
        double bytesPerEpoch = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)epochs;
        rows.Add(["moons bytes allocated per epoch", "AutoNet", "", F(bytesPerEpoch, "0") + " B"]);
        auto.Reset();
        for (int e = 0; e < 1000; e++) auto.Epoch();
        long heapAt1k = HeapAfterFullGc();
        for (int e = 1000; e < 100_000; e++) auto.Epoch();
        long heapAt100k = HeapAfterFullGc();
        rows.Add(["moons live heap after 1,000 / 100,000 epochs", "AutoNet", "", $"{heapAt1k / 1024.0:0} KiB / {heapAt100k / 1024.0:0} KiB"]);
        checks.Add(["moons: live heap growth 1k -> 100k epochs", $"{(heapAt100k - heapAt1k) / 1024.0:0} KiB", "flat", Pass(heapAt100k - heapAt1k < 64 * 1024)]);
        }

        // MLP step, float32.
        if (Want("mlp"))
        {
        var mlpAuto = new MlpAutoNet();
        var mlpTorch = new MlpTorchSharp();
        double tMlpAuto = Median(() => mlpAuto.Step(), warmup: 30, runs: 101);
        double tMlpTorch = Median(() => mlpTorch.Step(), warmup: 30, runs: 101);
        rows.Add(["MLP 784-256-10 f32 batch 256, one SGD step", "AutoNet", Ms(tMlpAuto), ""]);
        rows.Add(["MLP 784-256-10 f32 batch 256, one SGD step", "TorchSharp", Ms(tMlpTorch), ""]);
        checks.Add(["MLP step: TorchSharp time / AutoNet time", F(tMlpTorch / tMlpAuto, "0.00") + "x", ">= 1x", Pass(tMlpTorch >= tMlpAuto)]);
        }

        // 1024^3 product.
        foreach (var dtype in Want("matmul") ? new[] { DType.Float32, DType.Float64 } : [])
        {
            var mm = new MatMulWorkload(1024, dtype);
            double tA = Median(() => mm.RunAutoNet(), warmup: 3, runs: 15);
            double tT = Median(() => { mm.RunTorchSharp(); return 0; }, warmup: 3, runs: 15);
            string name = $"matmul 1024^3 {(dtype == DType.Float32 ? "f32" : "f64")}";
            rows.Add([name, "AutoNet", Ms(tA), F(mm.Flops / tA / 1e9, "0") + " GFLOP/s"]);
            rows.Add([name, "TorchSharp", Ms(tT), F(mm.Flops / tT / 1e9, "0") + " GFLOP/s"]);
            checks.Add([$"{name}: AutoNet GFLOP/s / TorchSharp GFLOP/s", F(tT / tA * 100, "0") + "%", ">= 75%", Pass(tT / tA >= 0.75)]);
        }

        // Per-op overhead with autograd.
        if (Want("op"))
        {
        var op = new OpOverhead();
        double tOpAuto = Median(() => Repeat(op.RunAutoNet, 10_000), warmup: 5, runs: 15) / 10_000;
        double tOpTorch = Median(() => Repeat(op.RunTorchSharp, 1_000), warmup: 3, runs: 9) / 1_000;
        long opBefore = GC.GetAllocatedBytesForCurrentThread();
        Repeat(op.RunAutoNet, 1000);
        double opBytes = (GC.GetAllocatedBytesForCurrentThread() - opBefore) / 1000.0;
        rows.Add(["one 4-element multiply + backward", "AutoNet", Us(tOpAuto), F(opBytes, "0") + " B allocated"]);
        rows.Add(["one 4-element multiply + backward", "TorchSharp", Us(tOpTorch), ""]);
        }

        Console.WriteLine("| workload | implementation | time (median) | other |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var r in rows) Console.WriteLine($"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |");
        Console.WriteLine();
        Console.WriteLine("| target | measured | wanted | reached |");
        Console.WriteLine("|---|---:|---:|---|");
        foreach (var c in checks) Console.WriteLine($"| {c[0]} | {c[1]} | {c[2]} | {c[3]} |");
    }

    private static object? Repeat(Action action, int times)
    {
        for (int i = 0; i < times; i++) action();
        return null;
    }

    private static double Median<T>(Func<T> action, int warmup, int runs)
    {
        for (int i = 0; i < warmup; i++) action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
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
