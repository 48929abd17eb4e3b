using AutoNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AutoNet.Benchmarks;

/// <summary>A square n × n × n matrix product, AutoNet and TorchSharp, float32 or float64; 2n³ flops.</summary>
public sealed class MatMulWorkload
{
    private readonly global::AutoNet.Tensor _a, _b;
    private readonly torch.Tensor _ta, _tb;

    public MatMulWorkload(int n, DType dtype)
    {
        N = n;
        var rng = new NumPyRandomState(3);
        var a = rng.Rand(n, n).To(dtype);
        var b = rng.Rand(n, n).To(dtype);
        _a = a;
        _b = b;
        var scalar = dtype == DType.Float32 ? ScalarType.Float32 : ScalarType.Float64;
        _ta = tensor(a.ToArray(), [n, n], ScalarType.Float64).to_type(scalar);
        _tb = tensor(b.ToArray(), [n, n], ScalarType.Float64).to_type(scalar);
    }

    public int N { get; }

    public double Flops => 2.0 * N * N * N;

    public global::AutoNet.Tensor RunAutoNet() => _a.MatMul(_b);

    public void RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        _ = _ta.matmul(_tb);
    }
}

/// <summary>One tiny op plus backward with autograd on: the fixed cost a framework adds to each op.</summary>
public sealed class OpOverhead
{
    private readonly global::AutoNet.Tensor _a, _b, _seed;
    private readonly torch.Tensor _ta, _tb, _tseed;

    public OpOverhead()
    {
        _a = global::AutoNet.Tensor.From([1.0, 2.0, 3.0, 4.0], 4);
        _a.RequiresGrad = true;
        _b = global::AutoNet.Tensor.From([0.5, 0.25, 2.0, 1.0], 4);
        _seed = global::AutoNet.Tensor.From([1.0, 1.0, 1.0, 1.0], 4);
        _ta = tensor(new[] { 1.0, 2.0, 3.0, 4.0 }, ScalarType.Float64).requires_grad_();
        _tb = tensor(new[] { 0.5, 0.25, 2.0, 1.0 }, ScalarType.Float64);
        _tseed = ones(4, ScalarType.Float64);
    }

    /// <summary>(a * b).Backward(ones) on 4-element float64 tensors, a's gradient reset first.</summary>
    public void RunAutoNet()
    {
        _a.Grad = null;
        (_a * _b).Backward(_seed);
    }

    public void RunTorchSharp()
    {
        using var scope = NewDisposeScope();
        _ta.grad?.zero_();
        (_ta * _tb).backward([_tseed]);
    }
}
