using TorchSharp;
using static AutoNet.TorchParity.Tests.Support.InputKind;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// Every op on <see cref="Tensor"/> (Tensor.Math.cs, Tensor.Operators.cs) as parity cases: binary operators with
/// each broadcasting pattern and with numbers on either side, unary ops, reductions along every dim (negative
/// too) with and without keepDim, shape ops and MatMul in each of its 1-D/2-D forms.
/// </summary>
public static class OpCases
{
    private static readonly Lazy<IReadOnlyDictionary<string, OpCase>> ByName = new(() =>
    {
        var all = Binary().Concat(WithNumbers()).Concat(Unary()).Concat(MoreMath()).Concat(Pow()).Concat(SoftmaxFamily())
            .Concat(Reductions()).Concat(Shapes()).Concat(MatMul()).ToList();
        var duplicate = all.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"duplicate case name {duplicate.Key}");
        return all.ToDictionary(c => c.Name);
    });

    /// <summary>All cases by name.</summary>
    public static IReadOnlyDictionary<string, OpCase> All => ByName.Value;

    /// <summary>The broadcasting patterns every binary operator is tested with (PyTorch's rules: align from the
    /// right, a size-1 or missing dim stretches).</summary>
    public static readonly (int[] A, int[] B)[] BroadcastPatterns =
    [
        ([3, 4], [3, 4]),
        ([3, 4], [4]),
        ([3, 4], [3, 1]),
        ([3, 1], [1, 4]),
        ([2, 3, 4], [3, 1]),
        ([], [3, 4]),
        ([3, 4], []),
        ([4], [2, 3, 4]),
        ([2, 1, 4], [3, 1]),
        ([1], [3, 4]),
    ];

    private static OpCase Case(string name, Func<Tensor[], Tensor> autoNet, Func<torch.Tensor[], torch.Tensor> torchFn, params InputSpec[] inputs) =>
        new(name, autoNet, torchFn, inputs);

    private static InputSpec In(int[] shape, InputKind kind = Normal) => new(shape, kind);

    private static string S(int[] shape) => $"[{string.Join(", ", shape)}]";

    private static IEnumerable<OpCase> Binary()
    {
        foreach (var (a, b) in BroadcastPatterns)
        {
            yield return Case($"Add {S(a)} + {S(b)}", x => x[0] + x[1], x => x[0] + x[1], In(a), In(b));
            yield return Case($"Sub {S(a)} - {S(b)}", x => x[0] - x[1], x => x[0] - x[1], In(a), In(b));
            yield return Case($"Mul {S(a)} * {S(b)}", x => x[0] * x[1], x => x[0] * x[1], In(a), In(b));
            yield return Case($"Div {S(a)} / {S(b)}", x => x[0] / x[1], x => x[0] / x[1], In(a), In(b, NonZero));
        }
    }

    private static IEnumerable<OpCase> WithNumbers()
    {
        int[] s = [3, 4];
        yield return Case("Add tensor + 2.5", x => x[0] + 2.5, x => x[0] + 2.5, In(s));
        yield return Case("Add 2.5 + tensor", x => 2.5 + x[0], x => 2.5 + x[0], In(s));
        yield return Case("Sub tensor - 2.5", x => x[0] - 2.5, x => x[0] - 2.5, In(s));
        yield return Case("Sub 2.5 - tensor", x => 2.5 - x[0], x => 2.5 - x[0], In(s));
        yield return Case("Mul tensor * 0.3", x => x[0] * 0.3, x => x[0] * 0.3, In(s));
        yield return Case("Mul 0.3 * tensor", x => 0.3 * x[0], x => 0.3 * x[0], In(s));
        yield return Case("Div tensor / 3.0", x => x[0] / 3.0, x => x[0] / 3.0, In(s));
        yield return Case("Div 3.0 / tensor", x => 3.0 / x[0], x => 3.0 / x[0], In(s, NonZero));
        yield return Case("Mul 0-d * 0.3", x => x[0] * 0.3, x => x[0] * 0.3, In([]));
    }

    private static IEnumerable<OpCase> Unary()
    {
        int[] s = [3, 4];
        yield return Case("Neg", x => -x[0], x => -x[0], In(s));
        yield return Case("Neg 0-d", x => -x[0], x => -x[0], In([]));
        yield return Case("Exp", x => x[0].Exp(), x => x[0].exp(), In(s));
        yield return Case("Exp [2, 3, 4]", x => x[0].Exp(), x => x[0].exp(), In([2, 3, 4]));
        yield return Case("Log", x => x[0].Log(), x => x[0].log(), In(s, Positive));
        yield return Case("Log small", x => (x[0] * 1e-3).Log(), x => (x[0] * 1e-3).log(), In(s, Positive));
        yield return Case("Sqrt", x => x[0].Sqrt(), x => x[0].sqrt(), In(s, Positive));
        yield return Case("Abs", x => x[0].Abs(), x => x[0].abs(), In(s));
        yield return Case("Clamp [-0.5, 0.5]", x => x[0].Clamp(-0.5, 0.5), x => x[0].clamp(-0.5, 0.5), In(s));
        yield return Case("Clamp min -0.3", x => x[0].Clamp(-0.3, double.PositiveInfinity), x => x[0].clamp(min: -0.3), In(s));
        yield return Case("Clamp max 0.2", x => x[0].Clamp(double.NegativeInfinity, 0.2), x => x[0].clamp(max: 0.2), In(s));
        yield return Case("Relu", x => x[0].Relu(), x => x[0].relu(), In(s));
        yield return Case("Relu [2, 3, 4]", x => x[0].Relu(), x => x[0].relu(), In([2, 3, 4]));
        yield return Case("Sigmoid", x => x[0].Sigmoid(), x => x[0].sigmoid(), In(s));
        yield return Case("Sigmoid wide", x => x[0].Sigmoid(), x => x[0].sigmoid(), In([4, 6], Wide));
        yield return Case("Tanh", x => x[0].Tanh(), x => x[0].tanh(), In(s));
        yield return Case("Tanh wide", x => x[0].Tanh(), x => x[0].tanh(), In([4, 6], Wide));
        // At the kinks and poles, where a library must pick a one-sided (or infinite) derivative.
        yield return Case("Relu at kinks", x => x[0].Relu(), x => x[0].relu(), In([2, 4], Kinks));
        yield return Case("Abs at kinks", x => x[0].Abs(), x => x[0].abs(), In([2, 4], Kinks));
        yield return Case("Clamp [-0.5, 0.5] at its bounds", x => x[0].Clamp(-0.5, 0.5), x => x[0].clamp(-0.5, 0.5), In([2, 4], Kinks));
        yield return Case("Clamp min -0.3 at its bound", x => x[0].Clamp(-0.3, double.PositiveInfinity), x => x[0].clamp(min: -0.3), In([2, 4], Kinks));
        yield return Case("Clamp max 0.2 at its bound", x => x[0].Clamp(double.NegativeInfinity, 0.2), x => x[0].clamp(max: 0.2), In([2, 4], Kinks));
        yield return Case("Log at 0", x => x[0].Log(), x => x[0].log(), In([2, 3], ZerosAndPositive));
        yield return Case("Sqrt at 0", x => x[0].Sqrt(), x => x[0].sqrt(), In([2, 3], ZerosAndPositive));
        yield return Case("Pow 2 at kinks", x => x[0].Pow(2), x => x[0].pow(2), In([2, 4], Kinks));
        yield return Case("Div by 0", x => x[0] / x[1], x => x[0] / x[1], In([2, 3]), In([2, 3], ZerosAndPositive));
    }

    /// <summary>The ops of Tensor.MoreMath.cs (added after the first set).</summary>
    private static IEnumerable<OpCase> MoreMath()
    {
        int[] s = [3, 4];
        yield return Case("Erf", x => x[0].Erf(), x => x[0].erf(), In(s));
        yield return Case("Erf wide", x => x[0].Erf(), x => x[0].erf(), In([4, 6], Wide));
        yield return Case("Log1p", x => x[0].Log1p(), x => x[0].log1p(), In(s, Positive));
        yield return Case("Log1p small", x => (x[0] * 1e-9).Log1p(), x => (x[0] * 1e-9).log1p(), In(s));
        yield return Case("LeakyRelu", x => x[0].LeakyRelu(), x => x[0].leaky_relu(0.01), In(s));
        yield return Case("LeakyRelu 0.2 at kinks", x => x[0].LeakyRelu(0.2), x => x[0].leaky_relu(0.2), In([2, 4], Kinks));
        yield return Case("Gelu", x => x[0].Gelu(), x => torch.nn.functional.gelu(x[0]), In(s));
        yield return Case("Gelu wide", x => x[0].Gelu(), x => torch.nn.functional.gelu(x[0]), In([4, 6], Wide));
        yield return Case("Gelu tanh", x => x[0].Gelu("tanh"), x => torch.nn.functional.gelu(x[0], global::TorchSharp.Modules.GELU.Approximate.tanh), In(s));
        // Below PyTorch's threshold of 20 (above it PyTorch returns x itself; AutoNet's exact formula differs by < 2.1e-9).
        yield return Case("Softplus", x => x[0].Softplus(), x => torch.nn.functional.softplus(x[0]), In(s));
        yield return Case("Softplus at kinks", x => x[0].Softplus(), x => torch.nn.functional.softplus(x[0]), In([2, 4], Kinks));
    }

    private static IEnumerable<OpCase> Pow()
    {
        int[] s = [3, 4];
        foreach (double p in new[] { 0.0, 1.0, 2.0, 3.0 })
            yield return Case($"Pow {p:R}", x => x[0].Pow(p), x => x[0].pow(p), In(s));
        foreach (double p in new[] { -1.0, -2.0 })
            yield return Case($"Pow {p:R}", x => x[0].Pow(p), x => x[0].pow(p), In(s, NonZero));
        foreach (double p in new[] { 0.5, -0.5, 1.7, 2.5, -1.3 })
            yield return Case($"Pow {p:R}", x => x[0].Pow(p), x => x[0].pow(p), In(s, Positive));
    }

    private static IEnumerable<OpCase> SoftmaxFamily()
    {
        foreach (int d in new[] { 0, 1, -1, -2 })
        {
            yield return Case($"Softmax [3, 4] dim {d}", x => x[0].Softmax(d), x => x[0].softmax(d), In([3, 4]));
            yield return Case($"LogSoftmax [3, 4] dim {d}", x => x[0].LogSoftmax(d), x => x[0].log_softmax(d), In([3, 4]));
        }
        foreach (int d in new[] { 0, 1, 2, -1, -3 })
        {
            yield return Case($"Softmax [2, 3, 4] dim {d}", x => x[0].Softmax(d), x => x[0].softmax(d), In([2, 3, 4]));
            yield return Case($"LogSoftmax [2, 3, 4] dim {d}", x => x[0].LogSoftmax(d), x => x[0].log_softmax(d), In([2, 3, 4]));
        }
        yield return Case("Softmax [5] dim 0", x => x[0].Softmax(0), x => x[0].softmax(0), In([5]));
        yield return Case("LogSoftmax [5] dim 0", x => x[0].LogSoftmax(0), x => x[0].log_softmax(0), In([5]));
        yield return Case("Softmax wide dim -1", x => x[0].Softmax(-1), x => x[0].softmax(-1), In([4, 6], Wide));
        yield return Case("LogSoftmax wide dim -1", x => x[0].LogSoftmax(-1), x => x[0].log_softmax(-1), In([4, 6], Wide));
    }

    private static IEnumerable<OpCase> Reductions()
    {
        int[] s = [2, 3, 4];
        yield return Case("Sum all", x => x[0].Sum(), x => x[0].sum(), In(s));
        yield return Case("Sum all 0-d", x => x[0].Sum(), x => x[0].sum(), In([]));
        yield return Case("Mean all", x => x[0].Mean(), x => x[0].mean(), In(s));
        foreach (int d in new[] { 0, 1, 2, -1, -2, -3 })
            foreach (bool keep in new[] { false, true })
            {
                yield return Case($"Sum dim {d} keepDim {keep}", x => x[0].Sum(d, keep), x => x[0].sum(d, keep), In(s));
                yield return Case($"Mean dim {d} keepDim {keep}", x => x[0].Mean(d, keep), x => x[0].mean([d], keep), In(s));
                yield return Case($"Max dim {d} keepDim {keep}", x => x[0].Max(d, keep), x => x[0].max(d, keep).values, In(s));
            }
        foreach (bool keep in new[] { false, true })
        {
            yield return Case($"Sum [5] dim 0 keepDim {keep}", x => x[0].Sum(0, keep), x => x[0].sum(0, keep), In([5]));
            yield return Case($"Mean [5] dim -1 keepDim {keep}", x => x[0].Mean(-1, keep), x => x[0].mean([-1], keep), In([5]));
            yield return Case($"Max [5] dim 0 keepDim {keep}", x => x[0].Max(0, keep), x => x[0].max(0, keep).values, In([5]));
        }
    }

    private static IEnumerable<OpCase> Shapes()
    {
        int[] s = [2, 3, 4];
        foreach (int[] to in new int[][] { [4, 6], [-1], [2, -1, 3], [24, 1], [1, 2, 12] })
            yield return Case($"Reshape to {S(to)}", x => x[0].Reshape(to), x => x[0].reshape(to.Select(v => (long)v).ToArray()), In(s));
        yield return Case("Reshape 0-d to [1, 1]", x => x[0].Reshape(1, 1), x => x[0].reshape(1, 1), In([]));
        yield return Case("Reshape [1] to 0-d", x => x[0].Reshape(), x => x[0].reshape([]), In([1]));
        foreach (var (a, b) in new[] { (0, 1), (0, 2), (1, 2), (-1, -2), (-1, 0), (1, 1) })
            yield return Case($"Transpose [2, 3, 4] ({a}, {b})", x => x[0].Transpose(a, b), x => x[0].transpose(a, b), In(s));
        yield return Case("Transpose [3, 4] (0, 1)", x => x[0].Transpose(0, 1), x => x[0].transpose(0, 1), In([3, 4]));
        yield return Case("T [3, 4]", x => x[0].T, x => x[0].t(), In([3, 4]));
        yield return Case("T [4]", x => x[0].T, x => x[0].t(), In([4]));
    }

    private static IEnumerable<OpCase> MatMul()
    {
        yield return Case("MatMul [3, 4] @ [4, 5]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([3, 4]), In([4, 5]));
        yield return Case("MatMul [4] @ [4, 5]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([4]), In([4, 5]));
        yield return Case("MatMul [3, 4] @ [4]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([3, 4]), In([4]));
        yield return Case("MatMul [4] @ [4]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([4]), In([4]));
        yield return Case("MatMul [1, 7] @ [7, 1]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([1, 7]), In([7, 1]));
        yield return Case("MatMul [20, 33] @ [33, 17]", x => x[0].MatMul(x[1]), x => x[0].matmul(x[1]), In([20, 33]), In([33, 17]));
    }
}
