namespace AutoNet;

/// <summary>The element type of a <see cref="Tensor"/>. PyTorch: <c>torch.dtype</c>.</summary>
public enum DType
{
    /// <summary>64-bit IEEE floating point, AutoNet's default (<c>torch.float64</c>).</summary>
    Float64 = 0,

    /// <summary>32-bit IEEE floating point (<c>torch.float32</c>), half the memory and twice the SIMD width.</summary>
    Float32 = 1,

    /// <summary>64-bit signed integer (<c>torch.int64</c>, <c>torch.long</c>), for indices, class targets and counts.
    /// Never requires grad.</summary>
    Int64 = 2,

    /// <summary>True/false (<c>torch.bool</c>), what comparisons return; for masks. Never requires grad.</summary>
    Bool = 3,
}

/// <summary>Helpers on <see cref="DType"/>.</summary>
public static class DTypeExtensions
{
    /// <summary>The dtype's name as PyTorch prints it, e.g. <c>float64</c>, <c>int64</c>, <c>bool</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float64 => "float64",
        DType.Float32 => "float32",
        DType.Int64 => "int64",
        DType.Bool => "bool",
        _ => throw Invalid(dtype, "DType.Name"),
    };

    /// <summary>Size of one element in bytes. PyTorch: <c>dtype.itemsize</c> (<c>element_size()</c>).</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float64 => 8,
        DType.Float32 => 4,
        DType.Int64 => 8,
        DType.Bool => 1,
        _ => throw Invalid(dtype, "DType.ElementSize"),
    };

    /// <summary>Whether the dtype is Float64 or Float32: only those can require grad.
    /// PyTorch: <c>dtype.is_floating_point</c>.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype.Checked("DType.IsFloatingPoint") is DType.Float64 or DType.Float32;

    /// <summary>Returns <paramref name="dtype"/> when it is a member of the enum, else throws naming <paramref name="op"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not a DType (e.g. <c>(DType)7</c>).</exception>
    internal static DType Checked(this DType dtype, string op) =>
        dtype is DType.Float64 or DType.Float32 or DType.Int64 or DType.Bool ? dtype : throw Invalid(dtype, op);

    /// <summary>Returns <paramref name="dtype"/> when it is Float64 or Float32 (for layers and parameters, which
    /// hold trainable floating-point values), else throws naming <paramref name="op"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dtype is Int64, Bool or not a DType.</exception>
    internal static DType CheckedFloat(this DType dtype, string op)
    {
        if (dtype.Checked(op) is DType.Float64 or DType.Float32) return dtype;
        throw new ArgumentOutOfRangeException(nameof(dtype), dtype,
            $"{op}: dtype {dtype.Name()} cannot hold trainable values; expected DType.Float64 or DType.Float32.");
    }

    private static ArgumentOutOfRangeException Invalid(DType dtype, string op) =>
        new(nameof(dtype), dtype, $"{op}: dtype {(int)dtype} is not a DType; expected DType.Float64, Float32, Int64 or Bool.");
}
