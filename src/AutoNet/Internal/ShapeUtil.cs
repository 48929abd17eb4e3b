namespace AutoNet.Internal;

/// <summary>Shape arithmetic shared by every op: element counts, broadcasting, dims, and how shapes are printed.</summary>
internal static class ShapeUtil
{
    /// <summary>Prints a shape the way error messages show it: <c>[200, 3]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>
    /// The number of elements of a shape (1 for a scalar), or throws naming <paramref name="op"/> and the shape: a
    /// negative dim, or more elements than an array holds. A shape with a 0 has 0 elements whatever its other dims
    /// (PyTorch: <c>torch.zeros(2**31 - 1, 2**31 - 1, 0).numel() == 0</c>).
    /// </summary>
    public static int Count(ReadOnlySpan<int> shape, string op)
    {
        CheckNonNegative(shape, op);
        long n = CountUpTo(shape);
        if (n > Array.MaxLength)
            throw new ArgumentException(
                $"{op}: shape {Format(shape)} has more than {Array.MaxLength} elements (the most one tensor can hold).", "shape");
        return (int)n;
    }

    /// <summary>Throws naming <paramref name="op"/>, the dim and the shape when a dim is negative.</summary>
    public static void CheckNonNegative(ReadOnlySpan<int> shape, string op)
    {
        for (int i = 0; i < shape.Length; i++)
            if (shape[i] < 0)
                throw new ArgumentException(
                    $"{op}: shape {Format(shape)} has a negative size {shape[i]} at dim {i}; expected sizes >= 0.", "shape");
    }

    /// <summary>
    /// The product of non-negative <paramref name="dims"/> when it is at most <see cref="Array.MaxLength"/>, else
    /// <see cref="long.MaxValue"/> (never a wrapped-around product); 0 as soon as any dim is 0.
    /// </summary>
    public static long CountUpTo(ReadOnlySpan<int> dims)
    {
        if (dims.Contains(0)) return 0;
        long n = 1;
        foreach (int d in dims)
        {
            n *= d; // n <= Array.MaxLength < 2^31 and d < 2^31 before this, so no overflow
            if (n > Array.MaxLength) return long.MaxValue;
        }
        return n;
    }

    /// <summary>Formats an element count from <see cref="CountUpTo"/>: the number, or "more than Array.MaxLength".</summary>
    public static string FormatCount(long count) =>
        count > Array.MaxLength ? $"more than {Array.MaxLength}" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Row-major strides of a contiguous shape, in elements.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /// <summary>
    /// The broadcast shape of two shapes under NumPy/PyTorch rules: align from the right; each pair of sizes
    /// must be equal or one of them 1.
    /// </summary>
    public static int[] Broadcast(int[] a, int[] b, string op)
    {
        if (a.AsSpan().SequenceEqual(b)) return a;
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Length ? a[^i] : 1;
            int db = i <= b.Length ? b[^i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException(
                    $"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together " +
                    $"(dimension {rank - i}: {da} != {db}, and neither is 1).");
            result[rank - i] = da == 1 ? db : da;
        }
        Count(result, op);
        return result;
    }

    /// <summary>True when <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
    public static bool BroadcastsTo(ReadOnlySpan<int> from, ReadOnlySpan<int> to)
    {
        if (from.Length > to.Length) return false;
        for (int i = 1; i <= from.Length; i++)
            if (from[^i] != to[^i] && from[^i] != 1) return false;
        return true;
    }

    /// <summary>Turns a possibly negative dim into an index in [0, rank), or throws naming the op.</summary>
    public static int NormalizeDim(int dim, int rank, string op)
    {
        int r = Math.Max(rank, 1);
        if (dim < -r || dim >= r)
            throw new ArgumentOutOfRangeException(nameof(dim), dim,
                $"{op}: dim {dim} is out of range for a tensor of rank {rank} (expected a dim in [{-r}, {r - 1}]).");
        return dim < 0 ? dim + r : dim;
    }

    /// <summary>Splits a shape around <paramref name="dim"/> into (outer, size, inner) counts.</summary>
    public static (int Outer, int Size, int Inner) Split(ReadOnlySpan<int> shape, int dim)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= shape[i];
        for (int i = dim + 1; i < shape.Length; i++) inner *= shape[i];
        return (outer, shape.Length == 0 ? 1 : shape[dim], inner);
    }

    /// <summary>The shape after reducing <paramref name="dim"/>: kept as 1 with keepDim, else removed.</summary>
    public static int[] Reduced(ReadOnlySpan<int> shape, int dim, bool keepDim)
    {
        if (shape.Length == 0) return [];
        if (keepDim)
        {
            var kept = shape.ToArray();
            kept[dim] = 1;
            return kept;
        }
        var result = new int[shape.Length - 1];
        for (int i = 0, j = 0; i < shape.Length; i++)
            if (i != dim) result[j++] = shape[i];
        return result;
    }

    /// <summary>
    /// The shapes after reducing several dims: <c>Kept</c> with each reduced dim as 1, <c>Output</c> without them
    /// (or <c>Kept</c> with keepDim). An empty list reduces every dim, as in PyTorch 1.13. Throws, naming the op, for
    /// a dim out of range or given twice (also as a negative dim).
    /// </summary>
    public static (int[] Kept, int[] Output) ReducedMany(ReadOnlySpan<int> shape, int[] dims, bool keepDim, string op)
    {
        var reduced = new bool[Math.Max(shape.Length, 1)];
        if (dims.Length == 0) Array.Fill(reduced, true);
        foreach (int dim in dims)
        {
            int d = NormalizeDim(dim, shape.Length, op);
            if (reduced[d]) throw new ArgumentException($"{op}: dim {d} appears more than once in dims {Format(dims)}.", nameof(dims));
            reduced[d] = true;
        }
        var kept = shape.ToArray();
        var output = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
            if (reduced[i]) kept[i] = 1;
            else output.Add(shape[i]);
        return (kept, keepDim ? kept : output.ToArray());
    }
}
