using AutoNet.CaseTable;
using Xunit;

namespace AutoNet.Tests.Views;

/// <summary>
/// Every op of the case table (tests/OpCases/op-cases.json), run once on ordinary tensors and once on views holding
/// the same values (a strided slice of a bigger buffer whose other elements are NaN, or a permuted-back copy), with
/// the output gradient a view too: outputs and gradients must agree bit for bit. An op that read a view's storage as
/// if it were row-major would read the NaNs or the permuted order and fail here.
/// </summary>
public class NonContiguousInputsTests
{
    public static TheoryData<string> Cases => new(OpTable.ById.Keys.Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(Cases))]
    public void ViewsGiveTheSameBitsAsContiguousTensors(string id)
    {
        var (c, dtype) = OpTable.ById[id];
        foreach (bool permuted in new[] { false, true })
        {
            if (permuted && c.Op == "view") continue; // torch's view refuses a permuted input too (ViewTests checks the error)
            var plain = OpTable.MakeInputs(c, dtype);
            var views = plain.Select(t => permuted ? PermutedCopy(t) : StridedSlice(t)).ToArray();
            foreach (var v in views.Where(v => v.Count > 1 && v.Rank > 0 && (!permuted || v.Rank > 1 && v.Shape[0] > 1 && v.Shape[^1] > 1)))
                Assert.False(v.IsContiguous, $"{id}: the test input of shape [{string.Join(", ", v.Shape)}] should be a non-contiguous view");

            var (y0, g0) = Run(c, plain, seedAsView: false);
            var (y1, g1) = Run(c, views, seedAsView: true);
            AssertSameBits($"{id} ({(permuted ? "permuted" : "strided")}): output", y0, y1);
            for (int i = 0; i < g0.Length; i++)
                AssertSameBits($"{id} ({(permuted ? "permuted" : "strided")}): gradient of input {i}", g0[i], g1[i]);
        }
    }

    private static (Tensor Output, Tensor?[] Grads) Run(OpTableCase c, Tensor[] inputs, bool seedAsView)
    {
        var y = OpCatalog.Apply(c.Op, c.Args, inputs);
        var wanted = inputs.Where(t => t.RequiresGrad).ToArray();
        if (wanted.Length == 0 || !y.RequiresGrad) return (y, []);
        var seedValues = Enumerable.Range(0, y.Count).Select(k => (k % 7 - 3) * 0.375 + 0.125).ToArray();
        var seed = Tensor.From(seedValues, y.Rank == 0 ? [1] : [.. y.Shape]).Reshape([.. y.Shape]).To(y.DType).Detach();
        if (seedAsView) seed = StridedSlice(seed);
        return (y, Autograd.Grad([y], wanted, [seed]));
    }

    /// <summary>x's values as element [..., 1] of a buffer of shape [..x.shape, 2] whose elements [..., 0] are NaN (0 or
    /// true in an Int64 or Bool buffer): a view at offset 1 with every stride doubled. A leaf, requiring grad as x does.</summary>
    private static Tensor StridedSlice(Tensor x)
    {
        var values = x.ToArray();
        var buffer = new double[values.Length * 2];
        for (int i = 0; i < values.Length; i++) (buffer[2 * i], buffer[2 * i + 1]) = (double.NaN, values[i]);
        var b = Tensor.From(buffer, [.. x.Shape, 2]).To(x.DType);   // an Int64 or Bool buffer holds 0 or true where the NaNs were
        var view = b.Select(-1, 1);
        view.RequiresGrad = x.RequiresGrad;
        return view;
    }

    /// <summary>x's values read through a reversed permutation of a copy stored in reversed dim order.</summary>
    private static Tensor PermutedCopy(Tensor x)
    {
        if (x.Rank < 2) return StridedSlice(x);
        var reverse = Enumerable.Range(0, x.Rank).Reverse().ToArray();
        Tensor view;
        using (Autograd.NoGrad()) view = x.Permute(reverse).Contiguous().Permute(reverse).Detach();
        view.RequiresGrad = x.RequiresGrad;
        return view;
    }

    private static void AssertSameBits(string what, Tensor? expected, Tensor? actual)
    {
        Assert.True((expected is null) == (actual is null), $"{what}: one run has a gradient, the other none");
        if (expected is null || actual is null) return;
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.DType, actual.DType);
        var e = expected.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
        var a = actual.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();
        Assert.True(e.SequenceEqual(a), $"{what}: values differ\nexpected {string.Join(", ", expected.ToArray())}\nactual   {string.Join(", ", actual.ToArray())}");
    }
}
