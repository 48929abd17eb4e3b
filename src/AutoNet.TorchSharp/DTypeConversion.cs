using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Maps AutoNet's <see cref="DType"/> to TorchSharp's <see cref="torch.ScalarType"/> and back. Only the two
/// floating-point types AutoNet has are mapped: float64 ↔ <c>torch.float64</c>, float32 ↔ <c>torch.float32</c>.
/// </summary>
public static class DTypeConversion
{
    /// <summary>The TorchSharp scalar type of an AutoNet dtype: <c>Float64</c> → <c>torch.float64</c>,
    /// <c>Float32</c> → <c>torch.float32</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="DType"/>.</exception>
    public static torch.ScalarType ToScalarType(this DType dtype) => dtype switch
    {
        DType.Float64 => torch.ScalarType.Float64,
        DType.Float32 => torch.ScalarType.Float32,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "DTypeConversion: expected DType.Float64 or DType.Float32."),
    };

    /// <summary>The AutoNet dtype of a TorchSharp scalar type (<c>torch.float64</c> or <c>torch.float32</c>).</summary>
    /// <exception cref="ArgumentException">Any other scalar type: AutoNet has no such dtype.</exception>
    public static DType ToDType(this torch.ScalarType scalarType) => scalarType switch
    {
        torch.ScalarType.Float64 => DType.Float64,
        torch.ScalarType.Float32 => DType.Float32,
        _ => throw new ArgumentException(
            $"DTypeConversion: AutoNet tensors are float64 or float32, but the TorchSharp tensor is {scalarType}; " +
            "convert it first, e.g. tensor.to_type(torch.float64).", nameof(scalarType)),
    };
}
