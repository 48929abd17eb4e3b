using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>Tensor conversion keeps shape, dtype and every bit of every value, both ways.</summary>
public class TensorConversionTests
{
    // Values that any rounding, narrowing or sign loss would change.
    private static readonly double[] Awkward = [0.1, -0.0, 1e-300, -2.5e-310, double.MaxValue, double.Epsilon, Math.PI, double.NaN, double.PositiveInfinity, -1.0 / 3];

    [Fact]
    public void Float64_values_round_trip_bit_for_bit()
    {
        using var scope = torch.NewDisposeScope();
        var a = Tensor.From(Awkward, 2, 5);

        var t = a.ToTorch();
        var back = t.ToAutoNet();

        Assert.Equal(torch.ScalarType.Float64, t.dtype);
        Assert.Equal([2L, 5L], t.shape);
        Assert.Equal(Awkward.Select(BitConverter.DoubleToInt64Bits), t.data<double>().ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(DType.Float64, back.DType);
        Assert.Equal([2, 5], back.Shape);
        Assert.Equal(Awkward.Select(BitConverter.DoubleToInt64Bits), back.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Float32_values_round_trip_bit_for_bit()
    {
        using var scope = torch.NewDisposeScope();
        float[] values = [0.1f, -0.0f, 1e-38f, float.Epsilon, float.MaxValue, float.NaN, float.NegativeInfinity, 1f / 3];
        var a = Tensor.From(values, 4, 2);

        var t = a.ToTorch();
        var back = t.ToAutoNet();

        Assert.Equal(torch.ScalarType.Float32, t.dtype);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), t.data<float>().ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(DType.Float32, back.DType);
        Assert.Equal([4, 2], back.Shape);
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), back.ToFloatArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 2, 0, 3 })]
    [InlineData(new[] { 2, 3, 1, 2 })]
    public void Shapes_are_kept_including_0d_and_empty(int[] shape)
    {
        using var scope = torch.NewDisposeScope();
        int n = shape.Aggregate(1, (p, d) => p * d);
        var a = Tensor.Arange(n).Reshape(shape);

        var t = a.ToTorch();
        var back = t.ToAutoNet();

        Assert.Equal(shape.Select(d => (long)d), t.shape);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(a.ToArray(), back.ToArray());
    }

    [Fact]
    public void RequiresGrad_is_set_only_when_asked()
    {
        using var scope = torch.NewDisposeScope();
        var a = Tensor.From([1.0, 2.0]);
        a.RequiresGrad = true;

        Assert.False(a.ToTorch().requires_grad);
        Assert.True(a.ToTorch(requiresGrad: true).requires_grad);
        Assert.True(a.ToTorch(requiresGrad: true).is_leaf);

        var t = torch.tensor(new[] { 1.0, 2.0 }, requires_grad: true);
        Assert.False(t.ToAutoNet().RequiresGrad);
        var leaf = (t * 2).ToAutoNet(requiresGrad: true);
        Assert.True(leaf.RequiresGrad);
        Assert.True(leaf.IsLeaf);
    }

    [Fact]
    public void A_non_contiguous_TorchSharp_tensor_is_read_in_logical_order()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(6, torch.ScalarType.Float64).reshape(2, 3).t(); // strides (1, 3)

        var a = t.ToAutoNet();

        Assert.Equal([3, 2], a.Shape);
        Assert.Equal([0.0, 3, 1, 4, 2, 5], a.ToArray());
    }

    [Fact]
    public void The_copies_share_no_memory()
    {
        using var scope = torch.NewDisposeScope();
        var a = Tensor.From([1.0, 2.0]);
        var t = a.ToTorch();
        using (Autograd.NoGrad()) a.CopyFrom(Tensor.From([7.0, 8.0]));
        Assert.Equal([1.0, 2.0], t.data<double>().ToArray());

        var back = t.ToAutoNet();
        t.mul_(10);
        Assert.Equal([1.0, 2.0], back.ToArray());
    }

    [Fact]
    public void Other_TorchSharp_dtypes_are_refused_with_a_hint()
    {
        using var scope = torch.NewDisposeScope();
        var ints = torch.tensor(new int[] { 1, 2 }); // int32: AutoNet has Int64 only

        var e = Assert.Throws<ArgumentException>(() => ints.ToAutoNet());
        Assert.Contains("Int32", e.Message);
        Assert.Contains("to_type", e.Message);
    }

    [Fact]
    public void DTypes_map_both_ways()
    {
        Assert.Equal(torch.ScalarType.Float64, DType.Float64.ToScalarType());
        Assert.Equal(torch.ScalarType.Float32, DType.Float32.ToScalarType());
        Assert.Equal(DType.Float64, torch.ScalarType.Float64.ToDType());
        Assert.Equal(DType.Float32, torch.ScalarType.Float32.ToDType());
    }

    // dtypes task: Int64 and Bool convert both ways, exactly, and never require grad.
    [Fact]
    public void Int64_and_Bool_round_trip_exactly()
    {
        using var scope = torch.NewDisposeScope();
        long[] ids = [long.MinValue, -1, 0, 1, (1L << 53) + 1, long.MaxValue];
        var t = Tensor.From(ids, 2, 3).ToTorch();
        Assert.Equal(torch.ScalarType.Int64, t.dtype);
        Assert.Equal(ids, t.data<long>().ToArray());
        var back = t.ToAutoNet();
        Assert.Equal(DType.Int64, back.DType);
        Assert.Equal([2, 3], back.Shape);
        Assert.Equal(ids, back.ToInt64Array());

        bool[] mask = [true, false, false, true];
        var m = Tensor.From(mask, 4).ToTorch();
        Assert.Equal(torch.ScalarType.Bool, m.dtype);
        Assert.Equal(mask, m.data<bool>().ToArray());
        var mb = m.ToAutoNet();
        Assert.Equal(DType.Bool, mb.DType);
        Assert.Equal(mask, mb.ToBoolArray());

        var fromTorch = torch.tensor(new long[] { 3, 1, 2 }).gt(1).ToAutoNet(); // a torch comparison result
        Assert.Equal(new[] { true, false, true }, fromTorch.ToBoolArray());
        Assert.Equal(0, torch.zeros(0, torch.ScalarType.Int64).ToAutoNet().Count);
        Assert.Equal(DType.Int64, DTypeConversion.ToDType(torch.ScalarType.Int64));
        Assert.Equal(torch.ScalarType.Bool, DType.Bool.ToScalarType());
    }

    [Fact]
    public void Int64_and_Bool_refuse_requiresGrad_both_ways()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.From(new long[] { 1 }).ToTorch(requiresGrad: true));
        Assert.Contains("only Tensors of floating point dtype can require gradients", e.Message);
        Assert.Throws<InvalidOperationException>(() => torch.tensor(new[] { true }).ToAutoNet(requiresGrad: true));
    }
}
