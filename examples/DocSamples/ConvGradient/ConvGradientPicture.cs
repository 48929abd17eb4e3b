using System.Globalization;
using System.Text;
using AutoNet;

namespace DocSamples.ConvGradient;

/// <summary>
/// docs/assets/conv-gradient.svg: <see cref="ConvGradientExample"/>'s numbers drawn as grids. Top row, the
/// convolution: input, kernel, output gradient, then the two gradients autograd gives. Bottom row, the max-pool:
/// each 2 × 2 window shaded in its own colour, its maximum and the cell that receives the gradient in bold.
/// </summary>
public static class ConvGradientPicture
{
    private const int Cell = 34, Gap = 78, Left = 20, Width = 880;
    private static readonly string[] WindowColours = ["#dbe8fb", "#fde4cf", "#dcf2dc", "#f3dcf3"];

    /// <summary>The picture as SVG text (\n line ends).</summary>
    public static string Svg()
    {
        var n = ConvGradientExample.Compute();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"470\" viewBox=\"0 0 {Width} 470\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n"));
        svg.Append(Invariant($"<rect width=\"{Width}\" height=\"470\" fill=\"white\"/>\n"));

        Heading(svg, 28, "Convolution, stride 1, no padding: y = conv2d(x, w), backward from g = ∂L/∂y");
        // The first window of x (what y[0, 0] reads) and g[0, 0] (what flows back onto it) shaded alike.
        bool FirstWindow(int r, int c) => r < 2 && c < 2;
        var row1 = new (string Title, string Formula, Tensor M, Func<int, int, string?> Shade)[]
        {
            ("input x", "4 × 4", n.X, (r, c) => FirstWindow(r, c) ? WindowColours[0] : null),
            ("kernel w", "2 × 2", n.W, (_, _) => null),
            ("output gradient g", "3 × 3 (chosen)", n.G, (r, c) => r == 0 && c == 0 ? WindowColours[0] : null),
            ("∂L/∂w", "= g · colsᵀ", n.DW, (_, _) => null),
            ("∂L/∂x", "= col2im(wᵀ · g)", n.DX, (r, c) => FirstWindow(r, c) ? WindowColours[0] : null),
        };
        Row(svg, 78, row1.Select(p => (p.Title, p.Formula, p.M, p.Shade, (Func<int, int, bool>)((_, _) => false))).ToArray());

        Heading(svg, 268, "Max-pool 2 × 2: each window's gradient goes to the position of its maximum");
        string WindowOf(int r, int c) => WindowColours[(r / 2) * 2 + c / 2];
        var poolX = n.PoolX.ToArray();
        var poolY = n.PoolY.ToArray();
        bool IsMax(int r, int c) => poolX[r * 4 + c] == poolY[(r / 2) * 2 + c / 2];
        var row2 = new (string, string, Tensor, Func<int, int, string?>, Func<int, int, bool>)[]
        {
            ("input", "4 × 4, four windows", n.PoolX, WindowOf, IsMax),
            ("output", "each window's max", n.PoolY, (r, c) => WindowColours[r * 2 + c], (_, _) => true),
            ("output gradient", "2 × 2 (chosen)", n.PoolG, (r, c) => WindowColours[r * 2 + c], (_, _) => false),
            ("∂L/∂input", "g at each max, 0 elsewhere", n.PoolDX, WindowOf, IsMax),
        };
        Row(svg, 318, row2);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Heading(StringBuilder svg, int y, string text) =>
        svg.Append(Invariant($"<text x=\"{Left}\" y=\"{y}\" font-size=\"16\" font-weight=\"bold\">{Escape(text)}</text>\n"));

    /// <summary>Panels side by side from <see cref="Left"/>, their grids' tops at <paramref name="top"/>, two title lines above.</summary>
    private static void Row(StringBuilder svg, int top, (string Title, string Formula, Tensor M, Func<int, int, string?> Shade, Func<int, int, bool> Bold)[] panels)
    {
        int x = Left;
        foreach (var (title, formula, m, shade, bold) in panels)
        {
            int rows = m.Shape[0], columns = m.Shape[1];
            double centre = x + columns * Cell / 2.0;
            svg.Append(Invariant($"<text x=\"{centre}\" y=\"{top - 26}\" font-size=\"14\" text-anchor=\"middle\" font-weight=\"bold\">{Escape(title)}</text>\n"));
            svg.Append(Invariant($"<text x=\"{centre}\" y=\"{top - 9}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#444\">{Escape(formula)}</text>\n"));
            var values = m.ToArray();
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                {
                    int cx = x + c * Cell, cy = top + r * Cell;
                    svg.Append(Invariant($"<rect x=\"{cx}\" y=\"{cy}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{shade(r, c) ?? "white"}\" stroke=\"#555\"/>\n"));
                    string weight = bold(r, c) ? " font-weight=\"bold\"" : "";
                    svg.Append(Invariant($"<text x=\"{cx + Cell / 2}\" y=\"{cy + Cell / 2 + 5}\" font-size=\"14\" text-anchor=\"middle\"{weight}>{ConvGradientExample.Format(values[r * columns + c])}</text>\n"));
                }
            x += columns * Cell + Gap;
        }
    }

    private static string Escape(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
