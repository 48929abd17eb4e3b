using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>The checks every index op makes on its Int64 index tensor, with messages naming the op and the values.</summary>
internal static class IndexChecks
{
    /// <summary>The index, contiguous, after checking it is an Int64 tensor (<paramref name="vector"/>: also 0-d or 1-D).</summary>
    public static Tensor Index(Tensor index, string op, bool vector)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (index.DType != DType.Int64)
            throw new ArgumentException($"{op}: index has dtype {index.DType.Name()}; expected an Int64 tensor (DType.Int64).", nameof(index));
        if (vector && index.Rank > 1)
            throw new ArgumentException($"{op}: index has shape {ShapeUtil.Format(index.ShapeArray)}; expected a 0-d or 1-D tensor of indices.", nameof(index));
        return index.Contiguous();
    }

    /// <summary>Throws naming the first index value outside [0, size) of dim <paramref name="dim"/>.</summary>
    public static void InRange(Tensor index, int size, int dim, string op)
    {
        var values = index.Span<long>();
        int bad = IndexLoops.FirstOutOfRange(values, size);
        if (bad >= 0)
            throw new ArgumentOutOfRangeException(nameof(index), values[bad],
                $"{op}: index {values[bad]} is out of range for dim {dim} of size {size} (expected values in [0, {size - 1}]).");
    }

    /// <summary>Throws unless <paramref name="other"/> has <paramref name="x"/>'s dtype (torch does not promote here).</summary>
    public static void SameDType(Tensor x, Tensor other, string what, string op)
    {
        if (other.DType != x.DType)
            throw new ArgumentException($"{op}: {what} has dtype {other.DType.Name()}, expected {x.DType.Name()} like the input.", what);
    }

    /// <summary>The element loops by dtype: the index ops pick and add any element type.</summary>
    public static NotSupportedException Unsupported(Tensor t, string op) => new($"{op}: dtype {t.DType.Name()} has no index loop.");
}
