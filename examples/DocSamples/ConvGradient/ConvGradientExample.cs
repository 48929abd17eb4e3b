using System.Globalization;
using AutoNet;

namespace DocSamples.ConvGradient;

/// <summary>
/// docs/example-digits.md: the gradient through a convolution and a max-pool on numbers small enough to check by
/// hand. A 1-channel 4 × 4 input x, a 2 × 2 kernel w (stride 1, no padding) give a 3 × 3 output y; with an output
/// gradient g = ∂L/∂y, autograd's ∂L/∂w and ∂L/∂x are set beside the im2col products that explain them:
/// y = w · cols, ∂L/∂w = g · colsᵀ, ∂L/∂cols = wᵀ · g, then col2im adds each column back onto its window.
/// </summary>
public static class ConvGradientExample
{
    /// <summary>The input x, 4 × 4.</summary>
    public static readonly double[] Input = [1, 2, 0, 1, 0, 1, 3, 1, 2, 1, 0, 2, 1, 0, 1, 3];

    /// <summary>The kernel w, 2 × 2.</summary>
    public static readonly double[] Kernel = [1, -1, 2, 1];

    /// <summary>The output gradient g = ∂L/∂y, 3 × 3.</summary>
    public static readonly double[] OutputGrad = [1, 0, -1, 2, 1, 0, 0, -1, 1];

    /// <summary>The max-pool's input, 4 × 4 (no ties within a 2 × 2 window).</summary>
    public static readonly double[] PoolInput = [1, 5, 2, 0, 3, 2, 4, 6, 0, 1, 7, 2, 8, 3, 1, 5];

    /// <summary>The max-pool's output gradient, 2 × 2.</summary>
    public static readonly double[] PoolOutputGrad = [1, -2, 3, 0.5];

    /// <summary>Every number the page and its picture show, as [rows, columns] tensors.</summary>
    public sealed record Numbers(
        Tensor X, Tensor W, Tensor Y, Tensor G, Tensor DX, Tensor DW,
        Tensor Cols, Tensor YByProduct, Tensor DWByProduct, Tensor DCols, Tensor DXByCol2Im,
        Tensor PoolX, Tensor PoolY, Tensor PoolG, Tensor PoolDX);

    /// <summary>Runs the convolution and the max-pool forward and backward in AutoNet, and the im2col products.</summary>
    public static Numbers Compute()
    {
        var x = Tensor.From(Input, 1, 1, 4, 4);
        var w = Tensor.From(Kernel, 1, 1, 2, 2);
        x.RequiresGrad = true;
        w.RequiresGrad = true;
        var g = Tensor.From(OutputGrad, 3, 3);
        var y = F.Conv2d(x, w);                         // [1, 1, 3, 3]
        y.Backward(g.Reshape(1, 1, 3, 3));              // L = Σ g · y, so ∂L/∂y = g

        var px = Tensor.From(PoolInput, 1, 1, 4, 4);
        px.RequiresGrad = true;
        var pg = Tensor.From(PoolOutputGrad, 2, 2);
        var py = F.MaxPool2d(px, 2);                    // [1, 1, 2, 2]
        py.Backward(pg.Reshape(1, 1, 2, 2));

        using var _ = Autograd.NoGrad();
        var plane = x.Detach().Reshape(4, 4);
        // im2col: row (i, j) of cols holds the input under kernel tap (i, j) at each of the 9 output positions.
        var taps = new List<Tensor>();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                taps.Add(plane[i..(i + 3), j..(j + 3)].Reshape(9));
        var cols = Tensor.Stack(taps);                  // [4 taps, 9 positions]
        var wRow = w.Detach().Reshape(1, 4);
        var gRow = g.Reshape(1, 9);
        var yByProduct = wRow.MatMul(cols);             // [1, 9]: the forward as one matrix product
        var dwByProduct = gRow.MatMul(cols.T);          // [1, 4]: ∂L/∂w = g · colsᵀ
        var dcols = wRow.T.MatMul(gRow);                // [4, 9]: ∂L/∂cols = wᵀ · g
        // col2im: each tap's row goes back to the 3 × 3 block it was read from, shifted by (i, j); overlaps add.
        var dxByCol2Im = Tensor.Zeros([4, 4]);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                dxByCol2Im += F.Pad(dcols[i * 2 + j].Reshape(3, 3), [j, 1 - j, i, 1 - i]);


        return new Numbers(plane, w.Detach().Reshape(2, 2), y.Detach().Reshape(3, 3), g, x.Grad!.Reshape(4, 4), w.Grad!.Reshape(2, 2),
            cols, yByProduct.Reshape(3, 3), dwByProduct.Reshape(2, 2), dcols, dxByCol2Im,
            px.Detach().Reshape(4, 4), py.Detach().Reshape(2, 2), pg, px.Grad!.Reshape(4, 4));
    }

    /// <summary>Prints the worked example: the matrices, and each im2col product beside autograd's result.</summary>
    public static void Run(TextWriter writer)
    {
        var n = Compute();
        Matrix(writer, "x (input)", n.X);
        Matrix(writer, "w (kernel)", n.W);
        Matrix(writer, "cols = im2col(x): row (i, j) = x under tap (i, j) at the 9 positions", n.Cols);
        Matrix(writer, "y = conv2d(x, w)", n.Y);
        Matrix(writer, "w · cols, as 3 x 3", n.YByProduct);
        Matrix(writer, "g = dL/dy (chosen)", n.G);
        Matrix(writer, "dL/dw from autograd", n.DW);
        Matrix(writer, "g · cols^T, as 2 x 2", n.DWByProduct);
        Matrix(writer, "dcols = w^T · g", n.DCols);
        Matrix(writer, "dL/dx from autograd", n.DX);
        Matrix(writer, "col2im(dcols): each row added back onto its window", n.DXByCol2Im);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"largest difference, autograd vs the products: y {MaxDiff(n.Y, n.YByProduct):G3}, dL/dw {MaxDiff(n.DW, n.DWByProduct):G3}, dL/dx {MaxDiff(n.DX, n.DXByCol2Im):G3}"));
        writer.WriteLine();
        Matrix(writer, "max-pool 2 x 2: input", n.PoolX);
        Matrix(writer, "output (each window's max)", n.PoolY);
        Matrix(writer, "output gradient (chosen)", n.PoolG);
        Matrix(writer, "dL/dinput from autograd: each window's gradient at its max, 0 elsewhere", n.PoolDX);
    }

    /// <summary>The largest |a - b| over the elements.</summary>
    public static double MaxDiff(Tensor a, Tensor b) => (a - b).Abs().Max().Item();

    private static void Matrix(TextWriter writer, string title, Tensor m)
    {
        writer.WriteLine(title + ":");
        var values = m.ToArray();
        int columns = m.Shape[1];
        for (int r = 0; r < m.Shape[0]; r++)
            writer.WriteLine("  " + string.Join(" ", Enumerable.Range(0, columns).Select(c => Format(values[r * columns + c]).PadLeft(5))));
    }

    /// <summary>A value as the page shows it: whole numbers without a point, others with up to 4 digits.</summary>
    public static string Format(double v) => (v == 0 ? 0.0 : v).ToString("G4", CultureInfo.InvariantCulture);
}
