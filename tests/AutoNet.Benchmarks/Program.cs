// AutoNet benchmarks: AutoNet against TorchSharp (libtorch) and hand-written loops.
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --short      one-minute table (Stopwatch medians)
//   ... -- --short moons mlp                                                 only some sections (moons, memory, mlp, matmul, op, reduction, index, bmm, cnn, names, tinygpt)
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --filter '*' --inProcess --job short
//                                                                            BenchmarkDotNet, all benchmarks (in process:
//                                                                            no second build copying libtorch)
//   ... -- --profile-moons 300000 | --profile-mlp 3000                       a long run to attach a profiler to
using BenchmarkDotNet.Running;

if (args.Length == 2 && args[0] == "--profile-moons")
{
    // A long AutoNet moons run to attach a profiler to (dotnet-trace): --profile-moons EPOCHS.
    var moons = new AutoNet.Benchmarks.MoonsAutoNet(new AutoNet.Benchmarks.MoonsData());
    moons.Train(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
if (args.Length == 2 && args[0] == "--profile-mlp")
{
    // A long AutoNet MLP run to attach a profiler to: --profile-mlp STEPS.
    var mlp = new AutoNet.Benchmarks.MlpAutoNet();
    for (int i = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture); i > 0; i--) mlp.Step();
    return 0;
}
if (args.Contains("--short"))
{
    AutoNet.Benchmarks.ShortRun.Run(args.Where(a => a != "--short").ToArray());
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(AutoNet.Benchmarks.MoonsBenchmarks).Assembly).Run(args);
return 0;
