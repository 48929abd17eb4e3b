// AutoNet benchmarks: AutoNet against TorchSharp (libtorch) and hand-written loops.
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --short      one-minute table (Stopwatch medians)
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --filter '*' BenchmarkDotNet, all benchmarks
using BenchmarkDotNet.Running;

if (args.Contains("--short"))
{
    AutoNet.Benchmarks.ShortRun.Run();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(AutoNet.Benchmarks.MoonsBenchmarks).Assembly).Run(args);
return 0;
