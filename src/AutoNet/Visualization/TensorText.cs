using System.Globalization;
using System.Text;
using AutoNet.Internal;

namespace AutoNet.Visualization;

/// <summary>How the graph pictures and the backward trace write a tensor: its name, shape and (small) values.</summary>
internal static class TensorText
{
    /// <summary>
    /// The tensor's name if it has one (followed by the op that made it, <c>loss (Div)</c>), else the op that made
    /// it, else <c>leaf</c> (requires grad) or <c>constant</c>.
    /// </summary>
    public static string Title(Tensor t, VisualizationOptions options) =>
        options.Names.TryGetValue(t, out var name) ? (t.GradFn is { } op ? $"{name} ({op.Name})" : name)
        : t.GradFn is { } fn ? fn.Name
        : t.RequiresGrad ? "leaf" : "constant";

    /// <summary><c>[200, 4]</c>; <c>[]</c> for a 0-d tensor.</summary>
    public static string Shape(Tensor t) => ShapeUtil.Format(t.ShapeArray);

    /// <summary>True when the values of <paramref name="t"/> are short enough to print.</summary>
    public static bool IsSmall(Tensor t, VisualizationOptions options) => t.Count <= options.MaxElements;

    /// <summary>
    /// The values on one line, nested like the shape: <c>1.5</c>, <c>[1, 2]</c>, <c>[[1, 2], [3, 4]]</c>, each with
    /// at most 4 significant digits (invariant culture).
    /// </summary>
    public static string Values(Tensor t)
    {
        var sb = new StringBuilder();
        if (t.Rank == 0)
        {
            sb.Append(Number(t.GetFlat(0)));
            return sb.ToString();
        }
        AppendBlock(sb, t, 0, 0);
        return sb.ToString();
    }

    /// <summary>The values if the tensor is small, else <c>tensor of shape [200, 4]</c>.</summary>
    public static string ValuesOrShape(Tensor t, VisualizationOptions options) =>
        IsSmall(t, options) ? Values(t) : "tensor of shape " + Shape(t);

    /// <summary>A number with 4 significant digits, as <c>G4</c> writes it (<c>0.0008324</c>, <c>1.2e-05</c>, <c>200</c>).</summary>
    public static string Number(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    private static void AppendBlock(StringBuilder sb, Tensor t, int dim, int offset)
    {
        int size = t.ShapeArray[dim];
        int stride = 1;
        for (int i = dim + 1; i < t.Rank; i++) stride *= t.ShapeArray[i];
        sb.Append('[');
        for (int i = 0; i < size; i++)
        {
            if (i > 0) sb.Append(", ");
            if (dim == t.Rank - 1) sb.Append(Number(t.GetFlat(offset + i)));
            else AppendBlock(sb, t, dim + 1, offset + i * stride);
        }
        sb.Append(']');
    }
}
