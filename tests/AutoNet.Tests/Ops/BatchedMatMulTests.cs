using AutoNet.Nn;
using AutoNet.Ops;
using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.Ops;

/// <summary>
/// MatMul as torch.matmul beyond 2-D: batched operands with broadcast batch dims, a 1-D side of a batched product,
/// a batched left side times a matrix (folded into one product), and Linear on [*, in]; values against a naive loop,
/// gradients by GradCheck and GradGradCheck, the kernel's batched path bit for bit against single products.
/// </summary>
public class BatchedMatMulTests
{
    /// <summary>Every dim/broadcast pattern of torch.matmul with more than 2 dims on a side.</summary>
    public static TheoryData<string, string> Patterns => new()
    {
        { "2x3x4", "4x5" }, { "2x3x4", "4" }, { "4", "2x4x5" }, { "3x4", "2x4x5" }, { "2x3x4", "2x4x5" },
        { "1x3x4", "2x4x5" }, { "2x3x4", "1x4x5" }, { "2x1x3x4", "3x4x2" }, { "2x2x1x4", "2x1x4x3" }, { "2x1x3x4", "4" },
    };

    [Theory, MemberData(nameof(Patterns))]
    public void MatchesNaiveLoop(string a, string b)
    {
        Tensor x = Normal(181, a), y = Normal(182, b);
        var (expected, shape) = Naive(x, y);
        var z = x.MatMul(y);
        Assert.Equal(shape, z.ShapeArray);
        double[] actual = z.ToArray();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 12);
    }

    [Theory, MemberData(nameof(Patterns))]
    public void GradCheck(string a, string b) => GradAssert.Passes(x => x[0].MatMul(x[1]), Normal(183, a), Normal(184, b));

    [Theory, MemberData(nameof(Patterns))]
    public void GradGradCheck(string a, string b) =>
        GradAssert.SecondOrderPasses(x => x[0].MatMul(x[1]), Normal(185, a), Normal(186, b));

    [Theory]
    [InlineData("0x3x4", "4x5", new[] { 0, 3, 5 })]
    [InlineData("2x0x4", "2x4x5", new[] { 2, 0, 5 })]
    [InlineData("2x3x0", "1x0x5", new[] { 2, 3, 5 })]
    [InlineData("0", "2x0x5", new[] { 2, 5 })]
    [InlineData("2x3x0", "0", new[] { 2, 3 })]
    public void EmptyDims_GiveTheTorchShape_AndZerosWhenTheInnerDimIsEmpty(string a, string b, int[] shape)
    {
        Tensor x = Normal(187, a), y = Normal(188, b);
        var z = x.MatMul(y);
        Assert.Equal(shape, z.ShapeArray);
        Assert.All(z.ToArray(), v => Assert.Equal(0.0, v));
        z.Sum().Backward();
        Assert.Equal(x.ShapeArray, x.Grad!.ShapeArray);
        Assert.Equal(y.ShapeArray, y.Grad!.ShapeArray);
    }

    [Theory]
    [InlineData("2x3x4", "5x6", "MatMul: shapes [2, 3, 4] and [5, 6] cannot be multiplied (4 != 5).")]
    [InlineData("4", "2x5x6", "MatMul: shapes [4] and [2, 5, 6] cannot be multiplied (4 != 5).")]
    [InlineData("2x3x4", "3", "MatMul: shapes [2, 3, 4] and [3] cannot be multiplied (4 != 3).")]
    [InlineData("2x3x4", "3x4x5", "MatMul: shapes [2, 3, 4] and [3, 4, 5] cannot be multiplied: their batch dims [2] and [3] do not broadcast.")]
    [InlineData("scalar", "2x2", "MatMul: both operands need at least 1 dim, got shapes [] and [2, 2] (use Mul for a scalar factor).")]
    public void BadShapes_AreRefused_NamingBothShapes(string a, string b, string message)
    {
        Tensor x = a == "scalar" ? Tensor.Scalar(1) : Tensor.Zeros(Shape(a)), y = Tensor.Zeros(Shape(b));
        Assert.Equal(message, Assert.Throws<ArgumentException>(() => x.MatMul(y)).Message);
    }

    /// <summary>Each matrix of a batched product has exactly the bits of the single product of its operands, on the
    /// direct loop (small) and the blocked product (large), broadcast or not, transposed or not, on 1 to 3 threads.</summary>
    [Theory]
    [InlineData(16, 16, 16, false, false, DType.Float32)]
    [InlineData(16, 16, 16, false, true, DType.Float32)]
    [InlineData(16, 16, 16, true, true, DType.Float64)]
    [InlineData(5, 7, 3, false, true, DType.Float64)]
    [InlineData(70, 300, 40, false, true, DType.Float32)]
    [InlineData(70, 300, 40, true, false, DType.Float64)]
    public void BatchedKernel_IsBitForBitTheSingleProduct(int m, int k, int n, bool transposeA, bool transposeB, DType dtype)
    {
        // a: [3, 1, m, k] against b: [4, k, n] gives [3, 4, m, n]: a read 4 times per matrix, b 3 times.
        var a = Normal(189, [3, 1, .. (transposeA ? new[] { k, m } : [m, k])], requiresGrad: false).To(dtype);
        var b = Normal(190, [4, .. (transposeB ? new[] { n, k } : [k, n])], requiresGrad: false).To(dtype);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            double[] c = MatMulKernel.Multiply(a, b, transposeA, transposeB, threads).ToArray();
            Assert.Equal(3 * 4 * m * n, c.Length);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 4; j++)
                {
                    double[] single = MatMulKernel.Multiply(Matrix(a, i), Matrix(b, j), transposeA, transposeB, 1).ToArray();
                    for (int e = 0; e < single.Length; e++)
                        Assert.True(BitConverter.DoubleToInt64Bits(single[e]) == BitConverter.DoubleToInt64Bits(c[(i * 4 + j) * m * n + e]),
                            $"matrix ({i}, {j}) element {e}: {c[(i * 4 + j) * m * n + e]:R} batched, {single[e]:R} alone ({threads} threads)");
                }
        }
    }

    /// <summary>Enough small products to run the direct loop on several threads (over 2^20 multiply-adds in all):
    /// the same bits with 1, 2 or 3 threads, and each matrix the single product's.</summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ManySmallProducts_OnSeveralThreads_AreBitForBitTheSingleThreadedOnes(bool transposeA, bool transposeB)
    {
        var a = Normal(197, [64, 1, 16, 16], requiresGrad: false).To(DType.Float32);
        var b = Normal(198, [4, 16, 16], requiresGrad: false).To(DType.Float32);
        double[] one = MatMulKernel.Multiply(a, b, transposeA, transposeB, 1).ToArray();
        foreach (int threads in new[] { 2, 3 })
            Assert.Equal(one, MatMulKernel.Multiply(a, b, transposeA, transposeB, threads).ToArray());
        double[] last = MatMulKernel.Multiply(Matrix(a, 63), Matrix(b, 3), transposeA, transposeB, 1).ToArray();
        Assert.Equal(last, one.AsSpan(255 * 256, 256).ToArray());
    }

    [Fact]
    public void Linear_TakesAnyLeadingDims_AsTheRowsOfOneProduct()
    {
        var layer = new Linear(4, 3, generator: new AutoNet.Data.NumPyRandomState(7));
        var x = Normal(191, "2x5x4");
        var y = layer.Forward(x);
        Assert.Equal([2, 5, 3], y.ShapeArray);
        var rows = layer.Forward(Tensor.From(x.ToArray(), 10, 4));
        Assert.Equal(rows.ToArray(), y.ToArray());
        Assert.Equal([3], F.Linear(Normal(192, "4"), layer.Weight, layer.Bias).ShapeArray);
        Assert.Equal([2, 5], F.Linear(x, Normal(193, "4")).ShapeArray);
    }

    [Fact]
    public void F_Linear_OnBatchedInput_PassesGradCheckAndGradGradCheck()
    {
        Tensor x = Normal(194, "2x1x3x4"), w = Normal(195, "5x4"), b = Normal(196, "5");
        GradAssert.Passes(t => F.Linear(t[0], t[1], t[2]), x, w, b);
        GradAssert.SecondOrderPasses(t => F.Linear(t[0], t[1], t[2]), x, w, b);
    }

    /// <summary>Matrix <paramref name="index"/> of a tensor's leading dims, as a new [rows, cols] tensor.</summary>
    private static Tensor Matrix(Tensor t, int index)
    {
        int rows = t.ShapeArray[^2], cols = t.ShapeArray[^1];
        return Tensor.From(t.ToArray().AsSpan(index * rows * cols, rows * cols).ToArray(), rows, cols).To(t.DType);
    }

    /// <summary>torch.matmul by its definition: promote 1-D sides, broadcast the batch dims, sum the products, drop the promoted dims.</summary>
    private static (double[] Values, int[] Shape) Naive(Tensor x, Tensor y)
    {
        int[] sx = x.Rank == 1 ? [1, x.ShapeArray[0]] : x.ShapeArray, sy = y.Rank == 1 ? [y.ShapeArray[0], 1] : y.ShapeArray;
        int m = sx[^2], k = sx[^1], n = sy[^1];
        int rank = Math.Max(sx.Length, sy.Length) - 2;
        var batch = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int dx = d - (rank - (sx.Length - 2)) is var ix && ix >= 0 ? sx[ix] : 1;
            int dy = d - (rank - (sy.Length - 2)) is var iy && iy >= 0 ? sy[iy] : 1;
            batch[d] = Math.Max(dx, dy);
        }
        int count = batch.Aggregate(1, (p, s) => p * s);
        double[] xv = x.ToArray(), yv = y.ToArray(), z = new double[count * m * n];
        for (int bi = 0; bi < count; bi++)
        {
            int xm = Offset(bi, batch, sx), ym = Offset(bi, batch, sy);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int p = 0; p < k; p++) s += xv[xm * m * k + i * k + p] * yv[ym * k * n + p * n + j];
                    z[bi * m * n + i * n + j] = s;
                }
        }
        var shape = new List<int>(batch);
        if (x.Rank > 1) shape.Add(m);
        if (y.Rank > 1) shape.Add(n);
        return (z, shape.ToArray());
    }

    /// <summary>
    /// Strided operands (attention's heads: transposed views of a projection) are copied to row-major once, in the
    /// forward, and the node keeps the copies for its backward. The gradients are those of products of the copies, a
    /// view modified in place after the product is still reported, and a recorded backward still reaches the views.
    /// </summary>
    [Fact]
    public void Strided_operands_give_the_gradients_of_their_copies()
    {
        var qkv = Normal(190, "2x5x3x4");                           // [B, T, 3, E]
        Tensor Head(Tensor t, int i) => t.Narrow(2, i, 1).Squeeze(2).Transpose(0, 1);   // [T, B, E], strided
        var g = Normal(191, Shape("5x2x2"), 1.0, requiresGrad: false);
        var y = Head(qkv, 0).MatMul(Head(qkv, 1).Transpose(-2, -1));
        var grad = Autograd.Grad([y], [qkv], [g])[0]!;

        var copy = qkv.Detach().Contiguous();
        copy.RequiresGrad = true;
        var yRef = Head(copy, 0).Contiguous().MatMul(Head(copy, 1).Contiguous().Transpose(-2, -1).Contiguous());
        Assert.Equal(yRef.ToArray(), y.ToArray());
        Assert.Equal(Autograd.Grad([yRef], [copy], [g])[0]!.ToArray(), grad.ToArray());
    }

    /// <summary>
    /// An operand that is the transpose of a whole row-major tensor (<c>w.T</c>, a batch's <c>Transpose(-2, -1)</c>)
    /// is read in place with the kernel's transpose flag: the same values and gradients as its copy, bit for bit,
    /// and no copy made (the product allocates what it does for an operand that needs none).
    /// </summary>
    [Fact]
    public void A_transposed_operand_is_read_in_place_with_the_bits_of_its_copy()
    {
        foreach (var (a, b) in new[] { (Normal(196, "7x30"), Normal(197, "40x30")), (Normal(198, "2x5x6"), Normal(199, "2x4x6")) })
        {
            var y = a.MatMul(b.Transpose(-2, -1));
            var g = Normal(200, y.ShapeArray, 1.0, requiresGrad: false);
            var grads = Autograd.Grad([y], [a, b], [g]);
            var bT = b.Detach().Transpose(-2, -1).Contiguous();
            bT.RequiresGrad = true;
            var yRef = a.MatMul(bT);
            var gradsRef = Autograd.Grad([yRef], [a, bT], [g]);
            Assert.Equal(yRef.ToArray(), y.ToArray());
            Assert.Equal(gradsRef[0]!.ToArray(), grads[0]!.ToArray());
            Assert.Equal(gradsRef[1]!.Transpose(-2, -1).ToArray(), grads[1]!.ToArray());
        }

        var x = Normal(201, Shape("32x30"), 1.0, requiresGrad: false);
        var w = Normal(202, Shape("200x30"), 1.0, requiresGrad: false);
        var wT = w.Transpose(0, 1);
        var wTCopy = wT.Contiguous();
        x.MatMul(wT);
        x.MatMul(wTCopy);
        long before = GC.GetAllocatedBytesForCurrentThread();
        x.MatMul(wT);
        long inPlace = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        x.MatMul(wTCopy);
        long rowMajor = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(inPlace < rowMajor + 1024, $"w.T allocated {inPlace} bytes, its row-major copy {rowMajor}: w.T was copied ({200 * 30 * 8} bytes)");
    }

    [Fact]
    public void Second_order_gradients_through_a_transposed_operand_pass_the_check() =>
        GradAssert.SecondOrderPasses(t => t[0].MatMul(t[1].Transpose(0, 1)), Normal(203, "3x4"), Normal(204, "5x4"));

    [Fact]
    public void A_strided_operand_modified_in_place_after_the_product_is_reported()
    {
        var w = Normal(192, "4x3");
        var x = Normal(193, Shape("3x4"), 1.0, requiresGrad: false);
        var view = x.Transpose(0, 1);                                // [4, 3], strided; the product copies it
        var loss = w.Transpose(0, 1).MatMul(view).Sum();
        x.CopyFrom(Tensor.Zeros([3, 4]));
        var e = Assert.Throws<InvalidOperationException>(() => loss.Backward());
        Assert.Contains("modified in place", e.Message);
    }

    [Fact]
    public void Second_order_gradients_through_strided_operands_pass_the_check() =>
        GradAssert.SecondOrderPasses(t => t[0].Transpose(0, 1).MatMul(t[1].Transpose(0, 1)), Normal(194, "3x2"), Normal(195, "4x3"));

    /// <summary>The operand's own matrix index for batch index <paramref name="bi"/> (size-1 or missing dims broadcast).</summary>
    private static int Offset(int bi, int[] batch, int[] shape)
    {
        int own = shape.Length - 2, index = 0, stride = 1;
        for (int d = batch.Length - 1, o = own - 1; d >= 0; d--, o--)
        {
            int coordinate = bi % batch[d];
            bi /= batch[d];
            int size = o >= 0 ? shape[o] : 1;
            if (size > 1) index += coordinate * stride;
            stride *= size;
        }
        return index;
    }
}
