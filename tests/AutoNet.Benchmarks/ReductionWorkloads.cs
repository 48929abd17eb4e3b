using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>
/// Reductions, AutoNet and TorchSharp, float32: the sum of 10,000,000 elements, the column sums of a
/// [1,000,000, 16] matrix (sum over dim 0), and a log-softmax over the rows of a [4096, 1000] matrix.
/// </summary>
public sealed class ReductionWorkload
{
    private readonly global::AutoNet.Tensor _flat, _tall, _wide;
    private readonly torch.Tensor _tFlat, _tTall, _tWide;

    public ReductionWorkload()
    {
        var rng = new global::AutoNet.Data.NumPyRandomState(5);
        _flat = rng.Rand(10_000_000).To(DType.Float32);
        _tall = rng.Rand(1_000_000, 16).To(DType.Float32);
        _wide = rng.Rand(4096, 1000).To(DType.Float32);
        _tFlat = ToTorch(_flat);
        _tTall = ToTorch(_tall);
        _tWide = ToTorch(_wide);
    }

    private static torch.Tensor ToTorch(global::AutoNet.Tensor t) =>
        tensor(t.ToArray(), t.Shape.Select(d => (long)d).ToArray(), ScalarType.Float64).to_type(ScalarType.Float32);

    public global::AutoNet.Tensor SumAutoNet() => _flat.Sum();
    public global::AutoNet.Tensor ColumnSumAutoNet() => _tall.Sum(0);
    public global::AutoNet.Tensor LogSoftmaxAutoNet() => _wide.LogSoftmax(1);

    public void SumTorchSharp() { using var scope = NewDisposeScope(); _ = _tFlat.sum(); }
    public void ColumnSumTorchSharp() { using var scope = NewDisposeScope(); _ = _tTall.sum(0); }
    public void LogSoftmaxTorchSharp() { using var scope = NewDisposeScope(); _ = _tWide.log_softmax(1); }
}
