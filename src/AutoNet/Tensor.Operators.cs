namespace AutoNet;

public partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting (dtypes promoted as PyTorch). PyTorch: <c>a + b</c>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add.Forward(a, b);

    /// <summary>Adds a number to every element: a float tensor keeps its dtype; an Int64 or Bool tensor gives
    /// Float64 (PyTorch: its default float32). PyTorch: <c>a + 2.5</c>.</summary>
    public static Tensor operator +(Tensor a, double b) => Ops.Add.Forward(a, ScalarLike(b, a));

    /// <summary>Adds a number to every element. PyTorch: <c>2.5 + a</c>.</summary>
    public static Tensor operator +(double a, Tensor b) => Ops.Add.Forward(ScalarLike(a, b), b);

    /// <summary>Adds an integer to every element: a float tensor keeps its dtype, an Int64 or Bool tensor gives
    /// Int64. PyTorch: <c>a + 2</c>.</summary>
    public static Tensor operator +(Tensor a, long b) => Ops.Add.Forward(a, ScalarLike(b, a));

    /// <summary>Adds an integer to every element. PyTorch: <c>2 + a</c>.</summary>
    public static Tensor operator +(long a, Tensor b) => Ops.Add.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise difference with broadcasting. PyTorch: <c>a - b</c>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub.Forward(a, b);

    /// <summary>Subtracts a number from every element. PyTorch: <c>a - 2.5</c>.</summary>
    public static Tensor operator -(Tensor a, double b) => Ops.Sub.Forward(a, ScalarLike(b, a));

    /// <summary>Subtracts every element from a number. PyTorch: <c>1.5 - a</c>.</summary>
    public static Tensor operator -(double a, Tensor b) => Ops.Sub.Forward(ScalarLike(a, b), b);

    /// <summary>Subtracts an integer from every element. PyTorch: <c>a - 2</c>.</summary>
    public static Tensor operator -(Tensor a, long b) => Ops.Sub.Forward(a, ScalarLike(b, a));

    /// <summary>Subtracts every element from an integer. PyTorch: <c>1 - a</c>.</summary>
    public static Tensor operator -(long a, Tensor b) => Ops.Sub.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise product with broadcasting. PyTorch: <c>a * b</c>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul.Forward(a, b);

    /// <summary>Multiplies every element by a number. PyTorch: <c>a * 2.5</c>.</summary>
    public static Tensor operator *(Tensor a, double b) => Ops.Mul.Forward(a, ScalarLike(b, a));

    /// <summary>Multiplies every element by a number. PyTorch: <c>2.5 * a</c>.</summary>
    public static Tensor operator *(double a, Tensor b) => Ops.Mul.Forward(ScalarLike(a, b), b);

    /// <summary>Multiplies every element by an integer. PyTorch: <c>a * 2</c>.</summary>
    public static Tensor operator *(Tensor a, long b) => Ops.Mul.Forward(a, ScalarLike(b, a));

    /// <summary>Multiplies every element by an integer. PyTorch: <c>2 * a</c>.</summary>
    public static Tensor operator *(long a, Tensor b) => Ops.Mul.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise true quotient with broadcasting (Int64 / Int64 gives Float64; PyTorch: float32).
    /// PyTorch: <c>a / b</c>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div.Forward(a, b);

    /// <summary>Divides every element by a number. PyTorch: <c>a / 2.5</c>.</summary>
    public static Tensor operator /(Tensor a, double b) => Ops.Div.Forward(a, ScalarLike(b, a));

    /// <summary>Divides a number by every element. PyTorch: <c>1.5 / a</c>.</summary>
    public static Tensor operator /(double a, Tensor b) => Ops.Div.Forward(ScalarLike(a, b), b);

    /// <summary>Divides every element by an integer (true division). PyTorch: <c>a / 2</c>.</summary>
    public static Tensor operator /(Tensor a, long b) => Ops.Div.Forward(a, ScalarLike(b, a));

    /// <summary>Divides an integer by every element (true division). PyTorch: <c>1 / a</c>.</summary>
    public static Tensor operator /(long a, Tensor b) => Ops.Div.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise negation (refused on a Bool tensor, as PyTorch). PyTorch: <c>-a</c>.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg.Forward(a);

    /// <summary>
    /// A 0-d constant standing for a C# number, as PyTorch treats a Python number: it never changes a float tensor's
    /// dtype; with an Int64 or Bool tensor an integer gives Int64, a double gives Float64 (AutoNet's default float).
    /// </summary>
    private static Tensor ScalarLike(double value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        // Built directly (not through Scalar/Full): these constants are made on every scalar operation.
        System.Array data = like.DType == DType.Float32 ? new[] { (float)value } : new[] { value };
        return new Tensor(new Internal.TensorStorage(data), [], like.DType == DType.Float32 ? DType.Float32 : DType.Float64);
    }

    /// <inheritdoc cref="ScalarLike(double, Tensor)"/>
    private static Tensor ScalarLike(long value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        System.Array data = like.DType switch
        {
            DType.Float32 => new[] { (float)value },
            DType.Float64 => new[] { (double)value },
            _ => new[] { value },
        };
        return new Tensor(new Internal.TensorStorage(data), [], like.DType is DType.Float32 or DType.Float64 ? like.DType : DType.Int64);
    }
}
