using System.Globalization;
using System.Text;

namespace AutoNet;

public partial class Tensor
{
    private const int SummarizeAbove = 1000, EdgeItems = 3;

    /// <summary>
    /// Prints the tensor the way PyTorch does: <c>tensor([[ 0.1000, -2.0000]], dtype=float32, grad_fn=&lt;Mul&gt;)</c>.
    /// Four decimals (or scientific notation when magnitudes span more than 1000x or fall outside [1e-4, 1e8));
    /// integers print as <c>1.</c>; more than 1000 elements are summarised with <c>...</c>. Int64 tensors print as
    /// <c>tensor([  1, -20,   3])</c>, Bool tensors as <c>tensor([ True, False])</c>, with the dtype named only when
    /// the tensor is empty (<c>tensor([], dtype=int64)</c>), as PyTorch does.
    /// </summary>
    public override string ToString()
    {
        var sb = new StringBuilder("tensor(");
        bool summarize = Count > SummarizeAbove;
        var format = ChooseFormat(summarize);
        if (Rank == 0) sb.Append(format.Format(this, 0).Trim());
        else if (Count == 0) // as PyTorch: tensor([], size=(2, 0)), without walking dims that hold nothing
            sb.Append(Rank == 1 ? "[]" : "[], size=(" + string.Join(", ", ShapeArray) + ")");
        else AppendBlock(sb, 0, 0, format, summarize, indent: 7);
        if (DType == DType.Float32 || (Count == 0 && DType is DType.Int64 or DType.Bool)) sb.Append(", dtype=").Append(DType.Name());
        if (GradFn is not null) sb.Append(", grad_fn=<").Append(GradFn.Name).Append('>');
        else if (RequiresGrad) sb.Append(", requires_grad=True");
        return sb.Append(')').ToString();
    }

    private void AppendBlock(StringBuilder sb, int dim, int offset, ElementFormat format, bool summarize, int indent)
    {
        int size = ShapeArray[dim];
        int stride = 1;
        for (int i = dim + 1; i < Rank; i++) stride *= ShapeArray[i];
        sb.Append('[');
        bool last = dim == Rank - 1;
        for (int i = 0; i < size; i++)
        {
            if (summarize && size > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(last ? " ..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = size - EdgeItems - 1;
                continue;
            }
            if (last) sb.Append(format.Format(this, offset + i));
            else AppendBlock(sb, dim + 1, offset + i * stride, format, summarize, indent);
            if (i < size - 1)
                sb.Append(last ? ", " : "," + new string('\n', Rank - dim - 1) + new string(' ', indent + dim + 1));
        }
        sb.Append(']');
    }

    private ElementFormat ChooseFormat(bool summarize)
    {
        var shown = new List<int>();
        for (int i = 0; i < Count; i++)
            if (!summarize || IsEdge(i)) shown.Add(i);
        if (DType is DType.Int64 or DType.Bool) return ElementFormat.Exact(this, shown);
        return ElementFormat.For(shown.Select(GetFlat).ToList());
    }

    private bool IsEdge(int flat)
    {
        for (int d = Rank - 1, rem = flat; d >= 0; d--)
        {
            int idx = rem % ShapeArray[d];
            rem /= ShapeArray[d];
            if (ShapeArray[d] > 2 * EdgeItems && idx >= EdgeItems && idx < ShapeArray[d] - EdgeItems) return false;
        }
        return true;
    }

    /// <summary>PyTorch's _Formatter: integer, fixed or scientific mode for floats, exact digits for Int64 and
    /// True/False for Bool, with every element padded to one width.</summary>
    private sealed class ElementFormat
    {
        private enum Mode { Integer, Fixed, Scientific, Exact }

        private Mode _mode;
        private int _width;

        public static ElementFormat For(List<double> values)
        {
            var f = new ElementFormat { _mode = Mode.Integer };
            var finite = values.Where(double.IsFinite).Select(Math.Abs).ToList();
            if (finite.Any(v => v != Math.Floor(v)))
            {
                var nonZero = finite.Where(v => v != 0).ToList();
                f._mode = Mode.Fixed;
                if (nonZero.Count > 0 && (nonZero.Max() / nonZero.Min() > 1000 || nonZero.Max() > 1e8 || nonZero.Min() < 1e-4))
                    f._mode = Mode.Scientific;
            }
            else if (finite.Count > 0 && finite.Max() > 1e8) f._mode = Mode.Scientific;
            f._width = values.Count == 0 ? 0 : values.Max(v => f.Raw(v).Length);
            return f;
        }

        /// <summary>Int64 and Bool: each element as <c>ToString</c> (digits, True/False), padded to the widest shown.</summary>
        public static ElementFormat Exact(Tensor t, List<int> shown) =>
            new() { _mode = Mode.Exact, _width = shown.Count == 0 ? 0 : shown.Max(i => ExactText(t, i).Length) };

        private static string ExactText(Tensor t, int flat) => t.DType == DType.Bool
            ? (t.Data<bool>()[flat] ? "True" : "False")
            : t.Data<long>()[flat].ToString(CultureInfo.InvariantCulture);

        private string Raw(double v)
        {
            if (double.IsNaN(v)) return "nan";
            if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
            return _mode switch
            {
                Mode.Integer => v.ToString("0", CultureInfo.InvariantCulture) + ".",
                Mode.Fixed => v.ToString("0.0000", CultureInfo.InvariantCulture),
                _ => v.ToString("0.0000e+00", CultureInfo.InvariantCulture),
            };
        }

        public string Format(Tensor t, int flat) => (_mode == Mode.Exact ? ExactText(t, flat) : Raw(t.GetFlat(flat))).PadLeft(_width);
    }
}
