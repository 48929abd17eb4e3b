using AutoNet.Data;
using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>
/// F.ScaledDotProductAttention: the recorded torch cases (op table, written in torch 1.13 as PyTorch 2.x's math path),
/// first- and second-order gradient checks, the fully masked row (values printed by /usr/bin/python3, torch 1.13,
/// quoted in the test), dropout and the errors.
/// </summary>
public class ScaledDotProductAttentionTests
{
    public static TheoryData<string> TorchCases => new(TorchFixtures.IdList("scaled_dot_product_attention"));

    [Theory, MemberData(nameof(TorchCases))]
    public void Matches_torch(string id) => TorchReplay.Replay(id);

    [Fact]
    public void Recorded_cases_cover_masks_causal_and_broadcast_batches()
    {
        var ids = TorchFixtures.IdList("scaled_dot_product_attention");
        Assert.Contains(ids, id => id.Contains("is_causal=true"));
        Assert.Contains(ids, id => id.StartsWith("scaled_dot_product_attention/bool_mask"));
        Assert.Contains(ids, id => id.StartsWith("scaled_dot_product_attention/float_mask"));
    }

    [Fact]
    public void GradCheck_without_mask_with_broadcast_batch_dims()
    {
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2]),
            Normal(1, [2, 3, 4]), Normal(2, [2, 5, 4]), Normal(3, [2, 5, 3]));
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2]),
            Normal(4, [2, 1, 3, 2]), Normal(5, [3, 4, 2]), Normal(6, [4, 3]));
    }

    [Fact]
    public void GradCheck_with_float_bool_and_causal_masks()
    {
        var boolMask = Tensor.From(new[] { true, false, true, true, false, true, false, true, true, true, false, false }, 3, 4);
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2], x[3]),
            Normal(7, [2, 3, 2]), Normal(8, [2, 4, 2]), Normal(9, [2, 4, 3]), Normal(10, [3, 4]));
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2], boolMask),
            Normal(11, [2, 3, 2]), Normal(12, [2, 4, 2]), Normal(13, [2, 4, 3]));
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2], isCausal: true),
            Normal(14, [2, 4, 3]), Normal(15, [2, 4, 3]), Normal(16, [2, 4, 2]));
    }

    [Fact]
    public void GradGradCheck_with_and_without_masks()
    {
        GradAssert.SecondOrderPasses(x => F.ScaledDotProductAttention(x[0], x[1], x[2]),
            Normal(17, [2, 3, 2]), Normal(18, [2, 3, 2]), Normal(19, [2, 3, 2]));
        GradAssert.SecondOrderPasses(x => F.ScaledDotProductAttention(x[0], x[1], x[2], x[3]),
            Normal(20, [3, 2]), Normal(21, [4, 2]), Normal(22, [4, 2]), Normal(23, [3, 4]));
        GradAssert.SecondOrderPasses(x => F.ScaledDotProductAttention(x[0], x[1], x[2], isCausal: true),
            Normal(24, [3, 2]), Normal(25, [3, 2]), Normal(26, [3, 2]));
    }

    [Fact]
    public void Causal_equals_the_lower_triangular_bool_mask_also_when_L_differs_from_S()
    {
        Tensor q = Normal(27, [2, 3, 4]), k = Normal(28, [2, 5, 4]), v = Normal(29, [2, 5, 2]);
        var tril = Tensor.Ones([3, 5]).Tril().Gt(0.0);
        Assert.Equal(F.ScaledDotProductAttention(q, k, v, tril).ToArray(), F.ScaledDotProductAttention(q, k, v, isCausal: true).ToArray());
        // Query 0 sees key 0 only, so its output is value row 0.
        var y = F.ScaledDotProductAttention(q, k, v, isCausal: true);
        Assert.Equal(v[0, 0].ToArray(), y[0, 0].ToArray());
    }

    /// <summary>torch 1.13, q = [[1, 0], [0, 2]], k = [[1, 0], [0, 1], [1, 1]], v = [[1, 2], [3, 4], [5, -6]], mask
    /// [[T, F, T], [F, F, F]] in the math path (masked_fill(~mask, -inf), softmax, matmul), backward of y.sum():
    /// y = [[3, -2], [nan, nan]], q.grad = [[0, -0.70710678118654746], [0, 0]],
    /// k.grad = [[0.70710678118654746, 0], [0, 0], [-0.70710678118654746, 0]], v.grad all nan.</summary>
    [Fact]
    public void A_fully_masked_row_gives_NaN_as_torch_math_path()
    {
        var q = Leaf([1.0, 0, 0, 2], 2, 2);
        var k = Leaf([1.0, 0, 0, 1, 1, 1], 3, 2);
        var v = Leaf([1.0, 2, 3, 4, 5, -6], 3, 2);
        var mask = Tensor.From(new[] { true, false, true, false, false, false }, 2, 3);
        var y = F.ScaledDotProductAttention(q, k, v, mask);
        var values = y.ToArray();
        Assert.Equal([3.0, -2.0], values[..2]);
        Assert.All(values[2..], value => Assert.True(double.IsNaN(value)));
        y.Sum().Backward();
        Close.Relative([0, -0.70710678118654746, 0, 0], q.Grad!.ToArray(), 1e-15);
        Close.Relative([0.70710678118654746, 0, 0, 0, -0.70710678118654746, 0], k.Grad!.ToArray(), 1e-15);
        Assert.All(v.Grad!.ToArray(), value => Assert.True(double.IsNaN(value)));
    }

    [Fact]
    public void Dropout_is_seeded_scales_the_kept_weights_and_p1_gives_zeros()
    {
        Tensor q = Normal(30, [2, 3, 4]), k = Normal(31, [2, 5, 4]), v = Normal(32, [2, 5, 6]);
        var a = F.ScaledDotProductAttention(q, k, v, dropoutP: 0.5, generator: new NumPyRandomState(7));
        var b = F.ScaledDotProductAttention(q, k, v, dropoutP: 0.5, generator: new NumPyRandomState(7));
        Assert.Equal(a.ToArray(), b.ToArray());
        // The same draws in F.Dropout on the weights give the same output.
        var weights = F.Dropout((q.MatMul(k.Transpose(-2, -1)) * 0.5).Softmax(-1), 0.5, generator: new NumPyRandomState(7));
        Close.Relative(weights.MatMul(v).ToArray(), a.ToArray(), 1e-14);
        Assert.NotEqual(F.ScaledDotProductAttention(q, k, v).ToArray(), a.ToArray());
        Assert.All(F.ScaledDotProductAttention(q, k, v, dropoutP: 1).ToArray(), value => Assert.Equal(0.0, value));
        GradAssert.Passes(x => F.ScaledDotProductAttention(x[0], x[1], x[2], dropoutP: 0.3, generator: new NumPyRandomState(3)),
            Normal(33, [3, 2]), Normal(34, [4, 2]), Normal(35, [4, 2]));
    }

    [Fact]
    public void Float32_in_float32_out()
    {
        var y = F.ScaledDotProductAttention(Normal(36, [3, 4]).To(DType.Float32), Normal(37, [5, 4]).To(DType.Float32),
            Normal(38, [5, 2]).To(DType.Float32), isCausal: true);
        Assert.Equal(DType.Float32, y.DType);
        Assert.Equal([3, 2], y.Shape);
    }

    [Fact]
    public void Bad_arguments_get_clear_errors()
    {
        Tensor q = Normal(39, [2, 3, 4]), k = Normal(40, [2, 5, 4]), v = Normal(41, [2, 5, 6]);
        var e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, Normal(42, [2, 5, 3]), v));
        Assert.StartsWith("ScaledDotProductAttention: query [2, 3, 4] and key [2, 5, 3] must have the same last dim E (4 != 3).", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, k, Normal(43, [2, 4, 6])));
        Assert.Contains("must have the same sequence length S", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, k, v, Tensor.Zeros(3, 5), isCausal: true));
        Assert.StartsWith("ScaledDotProductAttention: pass either attnMask or isCausal: true, not both", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, k, v, Tensor.Zeros(3, 4)));
        Assert.StartsWith("ScaledDotProductAttention: attnMask of shape [3, 4] does not broadcast to the attention scores' shape [2, 3, 5]", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, k, v, Tensor.Zeros([3, 5], DType.Float32)));
        Assert.Contains("attnMask must be Bool (true = takes part) or the query's dtype float64", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(Normal(44, [4]), k, v));
        Assert.Contains("query must have at least 2 dims", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(Normal(45, [3, 3, 4]), k, v));
        Assert.Contains("the batch dims of query and key", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.ScaledDotProductAttention(q, k.To(DType.Float32), v));
        Assert.Contains("must have the same dtype", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.ScaledDotProductAttention(q, k, v, dropoutP: 1.5));
    }
}
