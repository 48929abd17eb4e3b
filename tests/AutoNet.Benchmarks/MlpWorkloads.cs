using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// One SGD step of a 784 → 256 ReLU → 10 network on a float32 batch of 256 (an MNIST-sized MLP), with the
/// cross-entropy loss: AutoNet composes it as -(log_softmax(logits) · onehot).sum(1).mean(); TorchSharp uses its
/// fused cross_entropy, as a PyTorch user would.
/// </summary>
public static class Mlp
{
    public const int Batch = 256, In = 784, Hidden = 256, Out = 10;

    /// <summary>Deterministic inputs in [0, 1) and labels, shared by both frameworks.</summary>
    public static (float[] X, int[] Labels) MakeBatch()
    {
        var rng = new NumPyRandomState(7);
        var x = rng.Rand(Batch, In).ToFloatArray();
        var labels = new int[Batch];
        for (int i = 0; i < Batch; i++) labels[i] = i % Out;
        return (x, labels);
    }
}

/// <summary>The MLP step in AutoNet.</summary>
public sealed class MlpAutoNet
{
    private readonly Tensor _x, _onehot;
    private readonly Sequential _model;
    private readonly SGD _optimizer;

    public MlpAutoNet()
    {
        var (x, labels) = Mlp.MakeBatch();
        _x = Tensor.From(x, Mlp.Batch, Mlp.In);
        var onehot = new float[Mlp.Batch * Mlp.Out];
        for (int i = 0; i < Mlp.Batch; i++) onehot[i * Mlp.Out + labels[i]] = 1;
        _onehot = Tensor.From(onehot, Mlp.Batch, Mlp.Out);
        var generator = new NumPyRandomState(1);
        _model = new Sequential(
            new Linear(Mlp.In, Mlp.Hidden, dtype: DType.Float32, generator: generator),
            new ReLU(),
            new Linear(Mlp.Hidden, Mlp.Out, dtype: DType.Float32, generator: generator));
        _optimizer = new SGD(_model.Parameters(), 0.01);
    }

    public double Step()
    {
        var logits = _model.Forward(_x);
        var loss = -(logits.LogSoftmax(1) * _onehot).Sum(1).Mean();
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }
}

/// <summary>The MLP step in TorchSharp (DisposeScope per step).</summary>
public sealed class MlpTorchSharp
{
    private readonly torch.Tensor _x, _labels;
    private readonly nn.Module<torch.Tensor, torch.Tensor> _model;
    private readonly optim.Optimizer _optimizer;

    public MlpTorchSharp()
    {
        var (x, labels) = Mlp.MakeBatch();
        _x = tensor(x, [Mlp.Batch, Mlp.In]);
        _labels = tensor(labels.Select(l => (long)l).ToArray(), [Mlp.Batch]);
        _model = nn.Sequential(nn.Linear(Mlp.In, Mlp.Hidden), nn.ReLU(), nn.Linear(Mlp.Hidden, Mlp.Out));
        _optimizer = optim.SGD(_model.parameters(), 0.01);
    }

    public double Step()
    {
        using var scope = NewDisposeScope();
        var loss = nn.functional.cross_entropy(_model.call(_x), _labels);
        _optimizer.zero_grad();
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }
}
