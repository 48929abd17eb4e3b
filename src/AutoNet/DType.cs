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
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "DType: expected Float64 or Float32."),
    };

    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this DType dtype) => dtype == DType.Float32 ? 4 : 8;
}
