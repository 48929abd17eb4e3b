using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>A float64 tensor holding a copy of <paramref name="data"/> in the given shape (1-D when no shape
    /// is given). PyTorch: <c>torch.tensor(data, dtype=torch.float64).reshape(shape)</c>.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor From(double[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = CheckedShape(data.Length, shape, "Tensor.From");
        return new Tensor(new TensorStorage((double[])data.Clone()), s, DType.Float64);
    }

    /// <summary>A float32 tensor holding a copy of <paramref name="data"/> in the given shape (1-D when no shape
    /// is given). PyTorch: <c>torch.tensor(data, dtype=torch.float32)</c>.</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor From(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = CheckedShape(data.Length, shape, "Tensor.From");
        return new Tensor(new TensorStorage((float[])data.Clone()), s, DType.Float32);
    }

    /// <summary>An Int64 tensor holding a copy of <paramref name="data"/> in the given shape (1-D when no shape is
    /// given), for indices and class targets. PyTorch: <c>torch.tensor(data)</c> of Python ints (<c>torch.int64</c>).</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor From(long[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = CheckedShape(data.Length, shape, "Tensor.From");
        return new Tensor(new TensorStorage((long[])data.Clone()), s, DType.Int64);
    }

    /// <summary>A Bool tensor holding a copy of <paramref name="data"/> in the given shape (1-D when no shape is
    /// given), for masks. PyTorch: <c>torch.tensor(data)</c> of Python bools (<c>torch.bool</c>).</summary>
    /// <exception cref="ArgumentException">The shape's element count differs from the data's length.</exception>
    public static Tensor From(bool[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        var s = CheckedShape(data.Length, shape, "Tensor.From");
        return new Tensor(new TensorStorage((bool[])data.Clone()), s, DType.Bool);
    }

    /// <summary>A 2-D float64 tensor copied from a rectangular array. PyTorch: <c>torch.tensor([[...], ...])</c>.</summary>
    public static Tensor From(double[,] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int rows = data.GetLength(0), cols = data.GetLength(1);
        var flat = new double[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                flat[i * cols + j] = data[i, j];
        return new Tensor(new TensorStorage(flat), [rows, cols], DType.Float64);
    }

    /// <summary>A 0-dimensional tensor holding one value. PyTorch: <c>torch.tensor(value)</c>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float64) => Filled([], value, dtype, "Tensor.Scalar");

    /// <summary>A float64 tensor of zeros. PyTorch: <c>torch.zeros</c>.</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(shape, DType.Float64);

    /// <summary>A tensor of zeros of the given dtype. PyTorch: <c>torch.zeros(shape, dtype=...)</c>.</summary>
    public static Tensor Zeros(int[] shape, DType dtype = DType.Float64)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return ZeroFilled((int[])shape.Clone(), dtype.Checked("Tensor.Zeros"), "Tensor.Zeros");
    }

    /// <summary>A float64 tensor of ones. PyTorch: <c>torch.ones</c>.</summary>
    public static Tensor Ones(params int[] shape) => Filled(shape, 1.0, DType.Float64, "Tensor.Ones");

    /// <summary>A tensor of ones of the given dtype. PyTorch: <c>torch.ones(shape, dtype=...)</c>.</summary>
    public static Tensor Ones(int[] shape, DType dtype = DType.Float64) => Filled(shape, 1.0, dtype, "Tensor.Ones");

    /// <summary>A tensor filled with <paramref name="value"/>. PyTorch: <c>torch.full</c>.</summary>
    public static Tensor Full(int[] shape, double value, DType dtype = DType.Float64) => Filled(shape, value, dtype, "Tensor.Full");

    /// <summary>The factories' common body; <paramref name="op"/> is the factory the caller called, named in errors.</summary>
    private static Tensor Filled(int[] shape, double value, DType dtype, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var t = ZeroFilled((int[])shape.Clone(), dtype.Checked(op), op);
        switch (dtype) // the value converted as To(dtype) converts: toward zero for Int64, nonzero for Bool
        {
            case DType.Float32: t.Span<float>().Fill((float)value); break;
            case DType.Int64: t.Span<long>().Fill(long.CreateTruncating(value)); break;
            case DType.Bool: t.Span<bool>().Fill(value != 0); break;
            default: t.Span<double>().Fill(value); break;
        }
        return t;
    }

    /// <summary>The 1-D tensor <c>[0, 1, ..., n-1]</c> (Float64 unless <paramref name="dtype"/> says otherwise;
    /// <c>DType.Int64</c> gives PyTorch's default). PyTorch: <c>torch.arange(n, dtype=...)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is negative, or dtype is Bool (as PyTorch, which has no bool arange).</exception>
    public static Tensor Arange(int n, DType dtype = DType.Float64)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $"Tensor.Arange: n must be >= 0, got {n}.");
        if (dtype.Checked("Tensor.Arange") == DType.Bool)
            throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Tensor.Arange: a Bool arange is not defined (as in PyTorch); use DType.Int64, Float64 or Float32.");
        var t = ZeroFilled([n], dtype, "Tensor.Arange");
        for (int i = 0; i < n; i++)
            switch (dtype)
            {
                case DType.Float32: t.Span<float>()[i] = i; break;
                case DType.Int64: t.Span<long>()[i] = i; break;
                default: t.Span<double>()[i] = i; break;
            }
        return t;
    }

    /// <summary>Zeros with the shape and dtype of <paramref name="like"/>. PyTorch: <c>torch.zeros_like</c>.</summary>
    public static Tensor ZerosLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Zeros(like.ShapeArray, like.DType);
    }

    /// <summary>Ones with the shape and dtype of <paramref name="like"/>. PyTorch: <c>torch.ones_like</c>.</summary>
    public static Tensor OnesLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        return Full(like.ShapeArray, 1.0, like.DType);
    }

    private static int[] CheckedShape(int length, int[]? shape, string op)
    {
        if (shape is null || shape.Length == 0) return [length];
        int count = ShapeUtil.Count(shape, op);
        if (count != length)
            throw new ArgumentException(
                $"{op}: {length} values cannot fill shape {ShapeUtil.Format(shape)} ({count} elements).");
        return (int[])shape.Clone();
    }
}
