using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using CsCheck;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Property-based parity (CsCheck): random shapes and broadcast pairs for the binary operators, and random small
/// expression graphs over the ops, each compared with libtorch (values and every input's gradient). On a failure
/// CsCheck shrinks the case to a minimal one (smaller shapes, fewer nodes, simpler values) and reports it with a
/// seed that replays it: pass the seed as <c>seed:</c> to <c>Sample</c>.
/// </summary>
public class PropertyParityTests
{
    /// <summary>Iterations per property and dtype: enough to cover every op and pattern many times while keeping
    /// the whole parity suite well under two minutes.</summary>
    private const int Iterations = 500;

    // ---- Broadcast pairs ----

    /// <summary>A binary operator applied to two tensors whose shapes broadcast (each derived from one base shape
    /// by dropping leading dims and setting some dims to 1).</summary>
    public sealed record BroadcastCase(string Op, int[] A, int[] B, double[] AValues, double[] BValues)
    {
        public override string ToString() =>
            $"[{string.Join(", ", A)}] {Op} [{string.Join(", ", B)}]; a = [{string.Join(", ", AValues)}]; b = [{string.Join(", ", BValues)}]";
    }

    private static readonly Gen<int[]> BaseShape = Gen.Int[0, 3].SelectMany(rank => Gen.Int[1, 4].Array[rank]);

    /// <summary>A shape that broadcasts to <paramref name="shape"/>: some leading dims dropped, some dims set to 1.</summary>
    private static Gen<int[]> BroadcastableTo(int[] shape) =>
        Gen.Int[0, shape.Length].SelectMany(drop => Gen.Bool.Array[shape.Length - drop].Select(ones =>
            shape.Skip(drop).Select((d, i) => ones[i] ? 1 : d).ToArray()));

    private static readonly Gen<BroadcastCase> BroadcastCases =
        from op in Gen.OneOf("+", "-", "*", "/")
        from shape in BaseShape
        from a in BroadcastableTo(shape)
        from b in BroadcastableTo(shape)
        from av in Gen.Double[-2, 2].Array[Count(a)]
        from bv in Gen.Double[-2, 2].Array[Count(b)]
        select new BroadcastCase(op, a, b, av, op == "/" ? bv.Select(v => Math.CopySign(0.5 + Math.Abs(v), v)).ToArray() : bv);

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Random_broadcast_pairs_match_PyTorch(DType dtype)
    {
        BroadcastCases.Sample(c =>
        {
            var a = Make(c.AValues, c.A, dtype);
            var b = Make(c.BValues, c.B, dtype);
            using var scope = torch.NewDisposeScope();
            var result = Parity.Check(
                x => c.Op switch { "+" => x[0] + x[1], "-" => x[0] - x[1], "*" => x[0] * x[1], _ => x[0] / x[1] },
                x => c.Op switch { "+" => x[0] + x[1], "-" => x[0] - x[1], "*" => x[0] * x[1], _ => x[0] / x[1] },
                a, b);
            ParityLog.Record(result, $"property broadcast {dtype.Name()}");
            Assert.True(result.Passed, $"{c}\n{result}");
        }, iter: Iterations, threads: 1, print: c => c.ToString());
    }

    // ---- Random expression graphs ----

    /// <summary>An expression over three inputs of one rank whose shapes broadcast together, and their values.</summary>
    public sealed record GraphCase(Expr Expr, int[][] Shapes, double[][] Values)
    {
        public override string ToString() =>
            $"{Expr} with " + string.Join("; ", Shapes.Select((s, i) => $"x{i} [{string.Join(", ", s)}] = [{string.Join(", ", Values[i])}]"));
    }

    private static readonly Gen<Expr> Leaves = Gen.Int[0, 2].Select(i => (Expr)new Leaf(i));

    private static Gen<Expr> Expressions(int depth, bool smooth) => depth == 0 ? Leaves : Gen.Frequency(
        (2, Leaves),
        (3, Gen.Select(Gen.OneOf(smooth ? Unary.SmoothOps : Unary.Ops), Expressions(depth - 1, smooth), (op, a) => (Expr)new Unary(op, a))),
        (3, Gen.Select(Gen.OneOf(Binary.Ops), Expressions(depth - 1, smooth), Expressions(depth - 1, smooth), (op, l, r) => (Expr)new Binary(op, l, r))),
        (2, Gen.Select(Gen.OneOf(smooth ? AlongDim.SmoothOps : AlongDim.Ops), Gen.Int[0, 5], Expressions(depth - 1, smooth), (op, d, a) => (Expr)new AlongDim(op, d, a))));

    private static Gen<GraphCase> GraphCases(bool smooth) =>
        from rank in Gen.Int[1, 3]
        from dims in Gen.Int[1, 4].Array[rank]
        from ones in Gen.Bool.Array[3 * rank]
        from expr in Expressions(3, smooth)
        let shapes = Enumerable.Range(0, 3).Select(i => dims.Select((d, k) => ones[i * rank + k] ? 1 : d).ToArray()).ToArray()
        from values in Gen.Double[-2, 2].Array[shapes.Sum(Count)]
        select new GraphCase(expr, shapes, Split(Distinct(values), shapes));

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Random_expression_graphs_match_PyTorch(DType dtype)
    {
        GraphCases(smooth: false).Sample(c =>
        {
            var inputs = c.Shapes.Select((s, i) => Make(c.Values[i], s, dtype)).ToArray();
            using var scope = torch.NewDisposeScope();
            var result = Parity.Check(x => c.Expr.Eval(x), x => c.Expr.Eval(x), new ParityOptions { Tolerance = GraphTolerance(dtype) }, inputs);
            ParityLog.Record(result, $"property graph {dtype.Name()}");
            Assert.True(result.Passed, $"{c}\n{result}");
        }, iter: Iterations, threads: 1, print: c => c.ToString());
    }

    /// <summary>
    /// Random graphs of smooth ops only (no relu, abs, clamp, max: finite differences are wrong at kinks), checked
    /// three ways in float64: AutoNet's gradients against libtorch's (as above), and against central finite
    /// differences with <see cref="Autograd.GradCheck"/>, PyTorch's <c>gradcheck</c> rule, so that the reference
    /// itself is checked too.
    /// </summary>
    [Fact]
    public void Random_smooth_graphs_match_PyTorch_and_finite_differences()
    {
        GraphCases(smooth: true).Sample(c =>
        {
            var inputs = c.Shapes.Select((s, i) => Make(c.Values[i], s, DType.Float64)).ToArray();
            using var scope = torch.NewDisposeScope();
            var parity = Parity.Check(x => c.Expr.Eval(x), x => c.Expr.Eval(x), new ParityOptions { Tolerance = GraphTolerance(DType.Float64) }, inputs);
            ParityLog.Record(parity, "property smooth graph float64");
            Assert.True(parity.Passed, $"{c}\n{parity}");

            foreach (var x in inputs) x.RequiresGrad = true;
            var gradCheck = Autograd.GradCheck(x => c.Expr.Eval(x), inputs);
            Assert.True(gradCheck.Passed, $"{c}\n{gradCheck}");
        }, iter: Iterations, threads: 1, print: c => c.ToString());
    }

    /// <summary>
    /// The tolerance of the random graphs: the default one plus a term relative to the largest element of each compared
    /// tensor, and in float32 an absolute tolerance of 1e-5. A random graph can cancel large terms (a softmax gradient
    /// of a peaked distribution, a sum of terms of both signs): the result then carries rounding noise of the size of
    /// the terms times the unit roundoff, which the two libraries get differently. A wrong formula, broadcast or dim
    /// is off by far more.
    /// </summary>
    private static ParityTolerance GraphTolerance(DType dtype) =>
        dtype == DType.Float64 ? new(1e-12, 1e-14, 1e-12) : new(1e-5, 1e-5, 1e-5);

    /// <summary>
    /// Adds to each value an irregular offset in (0, 1e-3) (a fixed pseudo-random sequence), so that no two input
    /// elements are equal, nor in arithmetic progression, even after shrinking. Equal values in different tensors
    /// can pass through a transcendental function along different code paths (SIMD body, scalar tail) and come out
    /// an ulp apart in one library and equal in the other; at a kink (relu, abs, clamp, max) of their difference
    /// that ulp picks the one-sided derivative. Such ties are measure-zero and say nothing about a formula; the kinks
    /// themselves are tested at exact points by the op table's "kinks" cases (tests/OpCases/op-cases.json).
    /// </summary>
    private static double[] Distinct(double[] values)
    {
        var offsets = new Data.NumPyRandomState(20261125).Uniform(1e-5, 1e-3, values.Length).ToArray();
        return values.Select((v, i) => v + offsets[i]).ToArray();
    }

    private static int Count(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    private static double[][] Split(double[] values, int[][] shapes)
    {
        var result = new double[shapes.Length][];
        int offset = 0;
        for (int i = 0; i < shapes.Length; i++)
        {
            result[i] = values.AsSpan(offset, Count(shapes[i])).ToArray();
            offset += result[i].Length;
        }
        return result;
    }

    private static Tensor Make(double[] values, int[] shape, DType dtype)
    {
        var t = Tensor.From(values, shape.Length == 0 ? [1] : shape).Reshape(shape);
        return dtype == DType.Float64 ? t : t.To(dtype).Detach();
    }
}
