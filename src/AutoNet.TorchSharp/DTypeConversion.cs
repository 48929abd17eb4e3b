using TorchSharp;

namespace AutoNet.TorchSharp;

/// <summary>
/// Maps AutoNet's <see cref="DType"/> to TorchSharp's <see cref="torch.ScalarType"/> and back: float64 ↔
/// <c>torch.float64</c>, float32 ↔ <c>torch.float32</c>, int64 ↔ <c>torch.int64</c>, bool ↔ <c>torch.bool</c>.
/// </summary>
public static class DTypeConversion
{
    /// <summary>The TorchSharp scalar type of an AutoNet dtype: <c>Float64</c> → <c>torch.float64</c>,
    /// <c>Float32</c> → <c>torch.float32</c>, <c>Int64</c> → <c>torch.int64</c>, <c>Bool</c> → <c>torch.bool</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="DType"/>.</exception>
    public static torch.ScalarType ToScalarType(this DType dtype) => dtype switch
    {
        DType.Float64 => torch.ScalarType.Float64,
        DType.Float32 => torch.ScalarType.Float32,
        DType.Int64 => torch.ScalarType.Int64,
        DType.Bool => torch.ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "DTypeConversion: expected DType.Float64, Float32, Int64 or Bool."),
    };

    /// <summary>The AutoNet dtype of a TorchSharp scalar type (<c>torch.float64</c>, <c>torch.float32</c>,
    /// <c>torch.int64</c> or <c>torch.bool</c>).</summary>
    /// <exception cref="ArgumentException">Any other scalar type: AutoNet has no such dtype.</exception>
    public static DType ToDType(this torch.ScalarType scalarType) => scalarType switch
    {
        torch.ScalarType.Float64 => DType.Float64,
        torch.ScalarType.Float32 => DType.Float32,
        torch.ScalarType.Int64 => DType.Int64,
        torch.ScalarType.Bool => DType.Bool,
        _ => throw new ArgumentException(
            $"DTypeConversion: AutoNet tensors are float64, float32, int64 or bool, but the TorchSharp tensor is {scalarType}; " +
            "convert it first, e.g. tensor.to_type(torch.float64).", nameof(scalarType)),
    };
}
