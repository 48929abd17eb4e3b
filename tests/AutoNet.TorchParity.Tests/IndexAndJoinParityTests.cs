using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The index and join results the op case table cannot hold (Int64 outputs, Int64 and Bool joins), and the
/// embedding lookup C[X], compared with libtorch.
/// </summary>
public class IndexAndJoinParityTests
{
    public static TheoryData<double[], int[]> NonzeroInputs => new()
    {
        { new[] { 0.0, 1, 0, double.NaN, -0.0, 2 }, new[] { 2, 3 } },
        { new[] { 0.0, 0, 3, 0, 0, 0, 5, 6 }, new[] { 2, 2, 2 } },
        { new[] { 4.0 }, Array.Empty<int>() },
        { new[] { 0.0 }, Array.Empty<int>() },
        { Array.Empty<double>(), new[] { 0, 3 } },
    };

    [Theory, MemberData(nameof(NonzeroInputs))]
    public void Nonzero_matches_libtorch(double[] values, int[] shape)
    {
        using var scope = torch.NewDisposeScope();
        var x = shape.Length == 0 ? Tensor.From(values, 1).Reshape() : Tensor.From(values, shape);
        var expected = x.ToTorch().nonzero();
        var actual = x.Nonzero();
        Assert.Equal(DType.Int64, actual.DType);
        Assert.Equal(expected.shape.Select(d => (int)d), actual.Shape);
        Assert.Equal(Longs(expected), actual.ToArray());
        var mask = x.To(DType.Bool);
        Assert.Equal(Longs(mask.ToTorch().nonzero()), mask.Nonzero().ToArray());
    }

    // TorchSharp's data<T>() throws on a tensor without elements
    private static double[] Longs(torch.Tensor t) => t.numel() == 0 ? [] : t.data<long>().ToArray().Select(v => (double)v).ToArray();

    [Fact]
    public void Cat_and_Stack_of_Int64_and_Bool_match_libtorch()
    {
        using var scope = torch.NewDisposeScope();
        var a = Tensor.From(new long[] { 1, -2, 3, 4 }, 2, 2);
        var b = Tensor.From(new[] { true, false }, 2, 1);
        var cat = Tensor.Cat([a, b], 1);
        var tcat = torch.cat([a.ToTorch(), b.ToTorch()], 1);
        Assert.Equal(DType.Int64, cat.DType);
        Assert.Equal(tcat.data<long>().ToArray().Select(v => (double)v), cat.ToArray());
        var stack = Tensor.Stack([b, b], 0);
        Assert.Equal(DType.Bool, stack.DType);
        Assert.Equal(torch.stack([b.ToTorch(), b.ToTorch()], 0).data<bool>().ToArray().Select(v => v ? 1.0 : 0.0), stack.ToArray());
        Assert.Equal(a.ToTorch().repeat(2, 1).data<long>().ToArray().Select(v => (double)v), a.Repeat(2, 1).ToArray());
    }

    [Fact]
    public void Embedding_lookup_CofX_and_its_gradient_match_libtorch()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Data.NumPyRandomState(11);
        var c = rng.Randn(27, 10);
        c.RequiresGrad = true;
        var picks = Enumerable.Range(0, 12).Select(i => (long)((i * 5) % 27 / 2)).ToArray(); // repeated rows
        var x = Tensor.From(picks, 4, 3);
        var emb = c.IndexSelect(0, x.Reshape(-1)).Reshape(4, 3, 10);
        var w = rng.Randn(4, 3, 10);
        var g = Autograd.Grad([(emb * w).Sum()], [c])[0]!;

        var tc = c.Detach().ToTorch(requiresGrad: true);
        var temb = tc[x.ToTorch()];
        var tg = torch.autograd.grad([(temb * w.ToTorch()).sum()], [tc])[0];
        Assert.Equal(temb.data<double>().ToArray(), emb.ToArray());
        var expected = tg.data<double>().ToArray();
        var actual = g.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }
}
