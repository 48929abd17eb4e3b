using AutoNet.CaseTable;
using AutoNet.Internal;
using Xunit.Sdk;

namespace AutoNet.Tests.Support;

/// <summary>The largest errors of one replay against PyTorch (relative where PyTorch's value is non-zero,
/// absolute where it is exactly zero).</summary>
public sealed record ReplayErrors(double ForwardRelative, double ForwardAbsoluteAtZero, double GradRelative, double GradAbsoluteAtZero);

/// <summary>
/// Replays a recorded PyTorch case with AutoNet (the op's spelling in <see cref="OpCatalog"/>): the same op on the
/// same inputs, then <see cref="Autograd.Grad"/>
/// with PyTorch's grad_output, and compares output and gradients (dtype, shape, values).
/// </summary>
public static class TorchReplay
{
    /// <summary>Relative tolerance against PyTorch for float64 results.</summary>
    public const double Float64Rtol = 1e-12;

    /// <summary>Relative tolerance against PyTorch for float32 results (about 8 float32 ulps).</summary>
    public const double Float32Rtol = 1e-6;

    /// <summary>
    /// Ops whose float32 results include sums with cancellation (reductions, and the gradients of broadcasting,
    /// softmax and matmul): there an element is held to rtol times the largest |value| of its tensor, not only to
    /// rtol times its own |value|, since adding the same float32 terms in another order (PyTorch's vectorised
    /// order against ours) changes a small sum of large terms by an ulp of the terms. float64 needs no such
    /// allowance: every float64 value is held to 1e-12 of itself.
    /// </summary>
    /// <remarks>The table row of such an op says <c>"float32_sums": true</c>.</remarks>
    public static IReadOnlySet<string> Float32SumOps => OpTable.Float32SumOps;

    /// <summary>Replays case <paramref name="id"/> and asserts that AutoNet matches PyTorch.</summary>
    public static ReplayErrors Replay(string id) => Replay(TorchFixtures.Get(id));

    /// <summary>Replays <paramref name="c"/> and asserts that AutoNet matches PyTorch; returns the errors seen.</summary>
    public static ReplayErrors Replay(TorchCase c)
    {
        var inputs = c.Inputs.Select(t => t.ToTensor()).ToArray();
        var y = OpCatalog.Apply(c.Op, c.Args, inputs);
        bool float32 = c.DType == "float32";
        bool sums = Float32SumOps.Contains(c.Op);
        var forward = ExpectClose($"{c.Id}: output", y, c.Output, float32, sums);

        var wanted = Enumerable.Range(0, inputs.Length).Where(i => inputs[i].RequiresGrad).ToArray();
        if (c.GradOutput is null || wanted.Length == 0) // an Int64 or Bool output, or only Int64/Bool inputs: no gradient
        {
            if (y.RequiresGrad) throw new XunitException($"{c.Id}: the {y.DType.Name()} output requires grad, but PyTorch's does not.");
            return new ReplayErrors(forward.Relative, forward.AbsoluteAtZero, 0, 0);
        }
        var grads = Autograd.Grad([y], wanted.Select(i => inputs[i]).ToArray(), [c.GradOutput.ToTensor()]);
        (double rel, double abs) backward = (0, 0);
        for (int w = 0; w < wanted.Length; w++)
        {
            int i = wanted[w];
            var expected = c.Grads[i] ?? throw new XunitException($"{c.Id}: PyTorch recorded no gradient for input {i}.");
            var actual = grads[w] ?? Tensor.ZerosLike(inputs[i]);
            var e = ExpectClose($"{c.Id}: gradient of input {i}", actual, expected, float32, sums);
            backward = (Math.Max(backward.rel, e.Relative), Math.Max(backward.abs, e.AbsoluteAtZero));
        }
        return new ReplayErrors(forward.Relative, forward.AbsoluteAtZero, backward.rel, backward.abs);
    }

    /// <summary>
    /// Asserts equal dtype and shape, and every value within rtol·|expected| (plus rtol·max|expected| for float32
    /// sums, see <see cref="Float32SumOps"/>); NaN must meet NaN and an infinity the same infinity.
    /// </summary>
    /// <param name="what">Names the value in messages.</param>
    /// <param name="actual">AutoNet's result.</param>
    /// <param name="expected">PyTorch's.</param>
    /// <param name="float32">Hold it to the float32 tolerance even if it is float64 (it was computed in float32,
    /// e.g. the gradient of a float64 0-d operand of a float32 op).</param>
    /// <param name="sums">The values are float32 sums with possible cancellation (see <see cref="Float32SumOps"/>).</param>
    public static (double Relative, double AbsoluteAtZero) ExpectClose(string what, Tensor actual, FixtureTensor expected,
        bool float32 = false, bool sums = false)
    {
        if (actual.DType != expected.AutoNetDType)
            throw new XunitException($"{what}: dtype {actual.DType} but PyTorch's is {expected.DType}.");
        if (!actual.Shape.SequenceEqual(expected.Shape))
            throw new XunitException($"{what}: shape {ShapeUtil.Format(actual.ShapeArray)} but PyTorch's is {ShapeUtil.Format(expected.Shape)}.");
        bool single = float32 || actual.DType == DType.Float32;
        double rtol = single ? Float32Rtol : Float64Rtol;
        var a = actual.ToArray();
        double scale = expected.Data.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double atol = single && sums ? rtol * scale : 0;
        double maxRel = 0, maxAbsAtZero = 0;
        for (int k = 0; k < a.Length; k++)
        {
            double e = expected.Data[k];
            if (double.IsNaN(e) || double.IsInfinity(e) || double.IsNaN(a[k]) || double.IsInfinity(a[k]))
            {
                if (a[k].Equals(e)) continue;
                throw new XunitException($"{what}: element {k} is {a[k]:R} but PyTorch's is {e:R}.");
            }
            double diff = Math.Abs(a[k] - e);
            if (e == 0) maxAbsAtZero = Math.Max(maxAbsAtZero, diff);
            else maxRel = Math.Max(maxRel, diff / Math.Abs(e));
            if (!(diff <= rtol * Math.Abs(e) + atol))
                throw new XunitException(
                    $"{what}: element {k} is {a[k]:R} but PyTorch's is {e:R} (abs err {diff:G3}, rel err {diff / Math.Abs(e):G3}; " +
                    $"tolerance {rtol:G3} * |expected| + {atol:G3}).");
        }
        return (maxRel, maxAbsAtZero);
    }
}
