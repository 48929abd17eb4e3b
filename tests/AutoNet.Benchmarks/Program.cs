// AutoNet benchmarks: AutoNet against TorchSharp (libtorch) and hand-written loops.
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --short      one-minute table (Stopwatch medians)
//   ... -- --short moons mlp                                                 only some sections (moons, memory, mlp, matmul, op, reduction, index, bmm, cnn, names, tinygpt)
//   dotnet run -c Release --project tests/AutoNet.Benchmarks -- --filter '*' --inProcess --job short
//                                                                            BenchmarkDotNet, all benchmarks (in process:
//                                                                            no second build copying libtorch)
//   ... -- --profile-moons 300000 | --profile-mlp 3000                       a long run to attach a profiler to
//   ... -- --profile NAME STEPS     NAME: mlp, bmm, conv, digits, names, tinygpt (AutoNet side only), for perf record
//   ... -- --check-exp | --check-erf | --check-tanh                          checks over every float32 value (ExhaustiveChecks.cs)
using BenchmarkDotNet.Running;

if (args.Length == 1 && args[0] == "--check-exp") return AutoNet.Benchmarks.ExhaustiveChecks.Exp();
if (args.Length == 1 && args[0] == "--check-erf") return AutoNet.Benchmarks.ExhaustiveChecks.Erf();
if (args.Length == 1 && args[0] == "--check-tanh") return AutoNet.Benchmarks.ExhaustiveChecks.Tanh();
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
if (args.Length == 3 && args[0] == "--profile")
{
    // A long AutoNet run of one workload for a sampling profiler (perf record with DOTNET_PerfMapEnabled=1).
    Action step = args[1] switch
    {
        "mlp" => Run(new AutoNet.Benchmarks.MlpAutoNet().Step),
        "bmm" => Run(new AutoNet.Benchmarks.BmmWorkload([32, 16, 64], [64, 64]).RunAutoNet),
        "conv" => Run(new AutoNet.Benchmarks.ConvWorkload().RunAutoNet),
        "digits" => Run(new AutoNet.Benchmarks.DigitsStepWorkload().RunAutoNet),
        "names" => Run(new AutoNet.Benchmarks.NamesWorkload().StepAutoNet),
        "tinygpt" => Run(new AutoNet.Benchmarks.TinyGptStepWorkload().RunAutoNet),
        _ => throw new ArgumentException($"--profile: unknown workload '{args[1]}' (mlp, bmm, conv, digits, names, tinygpt)."),
    };
    static Action Run<T>(Func<T> f) => () => f();
    for (int i = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture); i > 0; i--) step();
    return 0;
}
if (args.Contains("--short"))
{
    AutoNet.Benchmarks.ShortRun.Run(args.Where(a => a != "--short").ToArray());
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(AutoNet.Benchmarks.MoonsBenchmarks).Assembly).Run(args);
return 0;
