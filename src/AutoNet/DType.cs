namespace AutoNet;

/// <summary>The element type of a <see cref="Tensor"/>. PyTorch: <c>torch.dtype</c>.</summary>
public enum DType
{
    /// <summary>64-bit IEEE floating point, AutoNet's default (<c>torch.float64</c>).</summary>
    Float64 = 0,

    /// <summary>32-bit IEEE floating point (<c>torch.float32</c>), half the memory and twice the SIMD width.</summary>
    Float32 = 1,
}

/// <summary>Helpers on <see cref="DType"/>.</summary>
public static class DTypeExtensions
{
    /// <summary>The dtype's name as PyTorch prints it, e.g. <c>float64</c>.</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float64 => "float64",
        DType.Float32 => "float32",
        _ => throw Invalid(dtype, "DType.Name"),
    };

    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this DType dtype) => dtype switch
    {
        DType.Float64 => 8,
        DType.Float32 => 4,
        _ => throw Invalid(dtype, "DType.ElementSize"),
    };

    /// <summary>Returns <paramref name="dtype"/> when it is a member of the enum, else throws naming <paramref name="op"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dtype"/> is not Float64 or Float32 (e.g. <c>(DType)7</c>).</exception>
    internal static DType Checked(this DType dtype, string op) =>
        dtype is DType.Float64 or DType.Float32 ? dtype : throw Invalid(dtype, op);

    private static ArgumentOutOfRangeException Invalid(DType dtype, string op) =>
        new(nameof(dtype), dtype, $"{op}: dtype {(int)dtype} is not a DType; expected DType.Float64 or DType.Float32.");
}
