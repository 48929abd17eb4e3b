using AutoNet.Data;
using AutoNet.Optim;
using NamesExample;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// One training step of examples/Names (its <see cref="NamesMlp"/>: C [27, 10] looked up with C[X], Linear 30 → 200,
/// tanh, Linear 200 → 27, cross-entropy, SGD lr 0.1) in float32 on a minibatch of 32 drawn from the example's training
/// examples, as the example draws them (randint each step). TorchSharp starts from the same weights and takes the
/// same minibatches (drawn ahead, so drawing is not timed in either).
/// </summary>
public sealed class NamesWorkload
{
    private const int Batches = 64;
    private readonly NamesMlp _model;
    private readonly SGD _optimizer;
    private readonly (Tensor X, Tensor Y)[] _batches;
    private readonly (torch.Tensor X, torch.Tensor Y)[] _torchBatches;
    private readonly torch.Tensor _c, _w1, _b1, _w2, _b2;
    private readonly optim.Optimizer _torchOptimizer;
    private int _autoNetStep, _torchStep;

    public NamesWorkload()
    {
        var options = new NamesOptions();
        var (trainWords, _, _) = NamesData.Split(NamesData.LoadWords(), options.DataSeed);
        var (xTrain, yTrain) = NamesData.Build(trainWords);
        var generator = new NumPyRandomState(options.Seed);
        _model = new NamesMlp(generator, options.Embed, options.Hidden);
        _optimizer = new SGD(_model.Parameters(), options.Lr);
        _batches = [.. Enumerable.Range(0, Batches).Select(_ => NamesTraining.Minibatch(generator, xTrain, yTrain, options.BatchSize))];

        _torchBatches = [.. _batches.Select(b => (Torch(b.X), Torch(b.Y)))];
        _c = Parameter(_model.C);
        _w1 = Parameter(_model.Hidden.Weight);
        _b1 = Parameter(_model.Hidden.Bias!);
        _w2 = Parameter(_model.Output.Weight);
        _b2 = Parameter(_model.Output.Bias!);
        _torchOptimizer = optim.SGD([(global::TorchSharp.Modules.Parameter)_c, (global::TorchSharp.Modules.Parameter)_w1,
            (global::TorchSharp.Modules.Parameter)_b1, (global::TorchSharp.Modules.Parameter)_w2, (global::TorchSharp.Modules.Parameter)_b2], options.Lr);
    }

    /// <summary>One AutoNet step on the next of the drawn minibatches; returns the loss.</summary>
    public double StepAutoNet()
    {
        var (x, y) = _batches[_autoNetStep++ % Batches];
        var loss = F.CrossEntropy(_model.Forward(x), y);
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    /// <summary>The same step in TorchSharp (DisposeScope per step).</summary>
    public double StepTorchSharp()
    {
        using var scope = NewDisposeScope();
        var (x, y) = _torchBatches[_torchStep++ % Batches];
        var h = tanh(nn.functional.linear(_c[x].view(-1, _w1.shape[1]), _w1, _b1));
        var loss = nn.functional.cross_entropy(nn.functional.linear(h, _w2, _b2), y);
        _torchOptimizer.zero_grad();
        loss.backward();
        _torchOptimizer.step();
        return loss.item<float>();
    }

    /// <summary>The section <c>names</c> of the short run.</summary>
    internal static void Report(Func<Func<double>, Func<double>, int, int, (double, double)> medianInterleaved, List<string[]> rows, List<string[]> checks)
    {
        var w = new NamesWorkload();
        // Alternating steps, so that both see the same load of the (shared, noisy) machine.
        var (tAuto, tTorch) = medianInterleaved(w.StepAutoNet, w.StepTorchSharp, 200, 301);
        const string name = "Names MLP training step (batch 32)";
        rows.Add([name, "AutoNet", Us(tAuto), ""]);
        rows.Add([name, "TorchSharp", Us(tTorch), ""]);
        checks.Add(["Names step: TorchSharp time / AutoNet time", (tTorch / tAuto).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "x", ">= 3x",
            tTorch / tAuto >= 3 ? "yes" : "no"]);
    }

    private static torch.Tensor Parameter(Tensor t) => new global::TorchSharp.Modules.Parameter(Torch(t));

    /// <summary>A copy of an AutoNet tensor (float32 or Int64) as a TorchSharp tensor.</summary>
    private static torch.Tensor Torch(Tensor t)
    {
        long[] shape = [.. t.Shape.Select(d => (long)d)];
        return t.DType == DType.Int64 ? tensor(t.ToInt64Array(), shape) : tensor(t.ToFloatArray(), shape);
    }

    private static string Us(double seconds) => (seconds * 1e6).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " µs";
}
