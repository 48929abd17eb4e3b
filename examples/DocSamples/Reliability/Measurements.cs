using System.Diagnostics;
using AutoNet;
using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;

namespace DocSamples.Reliability;

/// <summary>
/// The figures on the "Errors and guarantees" page: backward through very deep graphs, and memory over a long
/// training run. Run: <c>dotnet run --project examples/DocSamples -c Release -- reliability [epochs]</c>.
/// </summary>
public static class Measurements
{
    public static void Run(int epochs)
    {
        Console.WriteLine("Backward through a chain of n additions (y = x + 1e-6 + 1e-6 + ...):");
        Console.WriteLine("| n | forward + backward (ms) | ns per op |");
        Console.WriteLine("|---:|---:|---:|");
        Chain(10_000); // warm up the JIT
        foreach (int n in new[] { 250_000, 500_000, 1_000_000, 2_000_000 })
        {
            var (ms, grad) = Chain(n);
            if (grad != 1.0) throw new InvalidOperationException($"chain of {n}: gradient {grad}, expected 1");
            Console.WriteLine($"| {n:N0} | {ms:F0} | {ms * 1e6 / n:F0} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Managed heap while training the moons model for {epochs:N0} epochs (after a full GC):");
        Console.WriteLine("| epoch | retained managed heap (KB) |");
        Console.WriteLine("|---:|---:|");
        var (x, labels) = Datasets.MakeMoons(200, noise: 0.2, randomState: 42);
        var y = labels.Reshape(-1, 1);
        var model = new Sequential(new Linear(2, 4), new ReLU(), new Linear(4, 1), new Sigmoid());
        var lossFunction = new BCELoss();
        var optimizer = new SGD(model.Parameters(), 0.1);
        var checkpoints = new SortedSet<int> { 1_000, epochs / 10, epochs / 2, epochs };
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var loss = lossFunction.Forward(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            if (checkpoints.Contains(epoch)) Console.WriteLine($"| {epoch:N0} | {GC.GetTotalMemory(forceFullCollection: true) / 1024:N0} |");
        }
    }

    private static (double Milliseconds, double Gradient) Chain(int n)
    {
        var x = Tensor.Scalar(1.0);
        x.RequiresGrad = true;
        var clock = Stopwatch.StartNew();
        var y = x;
        for (int i = 0; i < n; i++) y = y + 1e-6;
        y.Backward();
        clock.Stop();
        return (clock.Elapsed.TotalMilliseconds, x.Grad!.Item());
    }
}
