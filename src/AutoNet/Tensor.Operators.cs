namespace AutoNet;

public partial class Tensor
{
    /// <summary>Elementwise sum with broadcasting. PyTorch: <c>a + b</c>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Add.Forward(a, b);

    /// <summary>Adds a number to every element (the result keeps the tensor's dtype). PyTorch: <c>a + 2.0</c>.</summary>
    public static Tensor operator +(Tensor a, double b) => Ops.Add.Forward(a, ScalarLike(b, a));

    /// <summary>Adds a number to every element. PyTorch: <c>2.0 + a</c>.</summary>
    public static Tensor operator +(double a, Tensor b) => Ops.Add.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise difference with broadcasting. PyTorch: <c>a - b</c>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Sub.Forward(a, b);

    /// <summary>Subtracts a number from every element. PyTorch: <c>a - 2.0</c>.</summary>
    public static Tensor operator -(Tensor a, double b) => Ops.Sub.Forward(a, ScalarLike(b, a));

    /// <summary>Subtracts every element from a number. PyTorch: <c>1.0 - a</c>.</summary>
    public static Tensor operator -(double a, Tensor b) => Ops.Sub.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise product with broadcasting. PyTorch: <c>a * b</c>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Mul.Forward(a, b);

    /// <summary>Multiplies every element by a number. PyTorch: <c>a * 2.0</c>.</summary>
    public static Tensor operator *(Tensor a, double b) => Ops.Mul.Forward(a, ScalarLike(b, a));

    /// <summary>Multiplies every element by a number. PyTorch: <c>2.0 * a</c>.</summary>
    public static Tensor operator *(double a, Tensor b) => Ops.Mul.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise quotient with broadcasting. PyTorch: <c>a / b</c>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Div.Forward(a, b);

    /// <summary>Divides every element by a number. PyTorch: <c>a / 2.0</c>.</summary>
    public static Tensor operator /(Tensor a, double b) => Ops.Div.Forward(a, ScalarLike(b, a));

    /// <summary>Divides a number by every element. PyTorch: <c>1.0 / a</c>.</summary>
    public static Tensor operator /(double a, Tensor b) => Ops.Div.Forward(ScalarLike(a, b), b);

    /// <summary>Elementwise negation. PyTorch: <c>-a</c>.</summary>
    public static Tensor operator -(Tensor a) => Ops.Neg.Forward(a);

    /// <summary>A 0-d constant of <paramref name="like"/>'s dtype: numbers never change a tensor's dtype, as in PyTorch.</summary>
    private static Tensor ScalarLike(double value, Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        // Built directly (not through Scalar/Full): these constants are made on every scalar operation.
        System.Array data = like.DType == DType.Float32 ? new[] { (float)value } : new[] { value };
        return new Tensor(new Internal.TensorStorage(data), [], like.DType);
    }
}
