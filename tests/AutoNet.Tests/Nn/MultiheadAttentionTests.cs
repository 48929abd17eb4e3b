using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Nn;

/// <summary>Nn.MultiheadAttention's parameters, initialisation, layouts, causal hint, dropout, gradients and errors
/// (values against torch are in MultiheadAttentionFixtureTests).</summary>
public class MultiheadAttentionTests
{
    [Fact]
    public void Has_torchs_parameter_names_shapes_and_printout()
    {
        var mha = new MultiheadAttention(8, 2);
        Assert.Equal(["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"], mha.StateDict().Keys);
        Assert.Equal([24, 8], mha.InProjWeight.Shape);
        Assert.Equal([24], mha.InProjBias!.Shape);
        Assert.Equal(4, mha.HeadDim);
        Assert.Equal(["in_proj_weight", "out_proj.weight"], new MultiheadAttention(8, 2, bias: false).StateDict().Keys);
        Assert.StartsWith("MultiheadAttention(\n  (out_proj): Linear(in_features=8, out_features=8, bias=True)\n)", mha.ToString());
    }

    [Fact]
    public void Initialises_as_torch_xavier_in_projection_default_out_projection_zero_biases()
    {
        var mha = new MultiheadAttention(16, 4, generator: new NumPyRandomState(5));
        double xavier = Math.Sqrt(6.0 / (16 + 48)), linear = 1 / Math.Sqrt(16);
        var w = mha.InProjWeight.ToArray();
        Assert.All(w, x => Assert.InRange(Math.Abs(x), 0, xavier));
        Assert.True(w.Max(Math.Abs) > 0.9 * xavier, "xavier bound not approached");
        var o = mha.OutProj.Weight.ToArray();
        Assert.All(o, x => Assert.InRange(Math.Abs(x), 0, linear));
        Assert.True(o.Max(Math.Abs) > 0.9 * linear, "Linear bound not approached");
        Assert.All(mha.InProjBias!.ToArray(), x => Assert.Equal(0.0, x));
        Assert.All(mha.OutProj.Bias!.ToArray(), x => Assert.Equal(0.0, x));
        // The same generator seed gives the same layer.
        Assert.Equal(w, new MultiheadAttention(16, 4, generator: new NumPyRandomState(5)).InProjWeight.ToArray());
    }

    [Fact]
    public void Batch_first_and_unbatched_give_the_sequence_first_results()
    {
        var seqFirst = new MultiheadAttention(6, 3, generator: new NumPyRandomState(1));
        var batchFirst = new MultiheadAttention(6, 3, batchFirst: true, generator: new NumPyRandomState(1));
        Tensor q = Normal(1, [4, 2, 6]), k = Normal(2, [5, 2, 6]), v = Normal(3, [5, 2, 6]);
        var (y, w) = seqFirst.Forward(q, k, v);
        var (yb, wb) = batchFirst.Forward(q.Transpose(0, 1), k.Transpose(0, 1), v.Transpose(0, 1));
        Close.Relative(y.Transpose(0, 1).ToArray(), yb.ToArray(), 1e-14);
        Close.Relative(w!.ToArray(), wb!.ToArray(), 1e-14);
        Assert.Equal([2, 4, 5], w.Shape);
        var (y1, w1) = seqFirst.Forward(q.Select(1, 1), k.Select(1, 1), v.Select(1, 1));
        Close.Relative(y.Select(1, 1).ToArray(), y1.ToArray(), 1e-14);
        Close.Relative(w[1].ToArray(), w1!.ToArray(), 1e-14);
        Assert.Equal([4, 6], y1.Shape);
    }

    [Fact]
    public void Weights_rows_sum_to_one_and_isCausal_is_the_upper_triangular_bool_mask()
    {
        var mha = new MultiheadAttention(4, 2, generator: new NumPyRandomState(2));
        var x = Normal(4, [3, 2, 4]);
        var (y, w) = mha.Forward(x, x, x, isCausal: true);
        Assert.All(w!.Sum(-1).ToArray(), s => Assert.Equal(1.0, s, 12));
        Assert.Equal(0.0, w[0, 0, 1].ToArray()[0]);
        var future = Tensor.Ones(3, 3).Triu(1).Gt(0.0);
        var (yMask, wMask) = mha.Forward(x, x, x, attnMask: future);
        Assert.Equal(yMask.ToArray(), y.ToArray());
        Assert.Equal(wMask!.ToArray(), w.ToArray());
        // Forward(input) is self-attention without weights.
        Assert.Equal(mha.Forward(x, x, x).Output.ToArray(), mha.Forward(x).ToArray());
        Assert.Null(mha.Forward(x, x, x, needWeights: false).Weights);
    }

    [Fact]
    public void Dropout_acts_in_training_only()
    {
        var mha = new MultiheadAttention(4, 2, dropout: 0.5, generator: new NumPyRandomState(3));
        var x = Normal(5, [3, 2, 4]);
        var train = mha.Forward(x).ToArray();
        mha.Eval();
        var eval1 = mha.Forward(x).ToArray();
        Assert.NotEqual(eval1, train);
        Assert.Equal(eval1, mha.Forward(x).ToArray());
        Assert.Equal(eval1, new MultiheadAttention(4, 2, generator: new NumPyRandomState(3)).Forward(x).ToArray());
    }

    [Fact]
    public void GradCheck_and_GradGradCheck_through_the_inputs()
    {
        var mha = new MultiheadAttention(4, 2, generator: new NumPyRandomState(4));
        var mask = Tensor.From(new[] { false, true, false, false, false, true }, 2, 3);
        GradAssert.Passes(x => mha.Forward(x[0], x[1], x[2], keyPaddingMask: mask, attnMask: x[3]).Output,
            Normal(6, [2, 2, 4]), Normal(7, [3, 2, 4]), Normal(8, [3, 2, 4]), Normal(9, [2, 3]));
        GradAssert.SecondOrderPasses(x => mha.Forward(x[0], x[1], x[1], isCausal: false).Output,
            Normal(14, [2, 4]), Normal(15, [3, 4]));
    }

    [Fact]
    public void Converts_to_float32_and_its_state_dict_loads_into_a_fresh_layer()
    {
        var mha = new MultiheadAttention(4, 2, generator: new NumPyRandomState(6));
        var x = Normal(23, [3, 2, 4], requiresGrad: false);
        var fresh = new MultiheadAttention(4, 2, generator: new NumPyRandomState(7));
        fresh.LoadStateDict(mha.StateDict());
        Assert.Equal(mha.Forward(x).ToArray(), fresh.Forward(x).ToArray());
        mha.To(DType.Float32);
        Assert.All(mha.Parameters(), p => Assert.Equal(DType.Float32, p.DType));
        var y = mha.Forward(x.To(DType.Float32));
        Assert.Equal(DType.Float32, y.DType);
        Close.Absolute(fresh.Forward(x).ToArray(), y.ToArray(), 1e-5);
    }

    [Fact]
    public void Bad_arguments_get_clear_errors()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(6, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiheadAttention(0, 1));
        var mha = new MultiheadAttention(4, 2);
        var x = Normal(16, [3, 2, 4]);
        var e = Assert.Throws<ArgumentException>(() => mha.Forward(Normal(17, [3, 2, 5]), x, x));
        Assert.StartsWith("MultiheadAttention: expected query with last dim embedDim 4, got shape [3, 2, 5].", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(x, Normal(18, [3, 2, 3]), Normal(19, [3, 2, 3])));
        Assert.Contains("kdim/vdim other than embedDim are not supported", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, attnMask: Tensor.Zeros(3, 4)));
        Assert.StartsWith("MultiheadAttention: attnMask must be [L, S] = [3, 3] or [N·heads, L, S] = [4, 3, 3], got shape [3, 4].", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, keyPaddingMask: Tensor.Zeros([3, 2], DType.Bool)));
        Assert.StartsWith("MultiheadAttention: keyPaddingMask must be [N, S] = [2, 3]", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(x, x, x, keyPaddingMask: Tensor.Zeros([2, 3], DType.Int64)));
        Assert.Contains("keyPaddingMask must be Bool (true = masked) or the inputs' dtype float64", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(x, Normal(20, [3, 1, 4]), Normal(21, [3, 1, 4])));
        Assert.Contains("must have the same batch size N", e.Message);
        e = Assert.Throws<ArgumentException>(() => mha.Forward(Normal(22, [4]), x, x));
        Assert.Contains("query must be [L, N, E] (batched) or [L, E] (unbatched)", e.Message);
    }
}
