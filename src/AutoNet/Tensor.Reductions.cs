using AutoNet.Internal;

namespace AutoNet;

public partial class Tensor
{
    /// <summary>Sum over several dims (removed unless <paramref name="keepDim"/>); an empty list sums every dim, as in
    /// PyTorch 1.13. PyTorch: <c>sum(dims, keepdim)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dim is out of range.</exception>
    /// <exception cref="ArgumentException">A dim is given twice.</exception>
    public Tensor Sum(int[] dims, bool keepDim = false) => Ops.Sum.Forward(this, dims, keepDim);

    /// <summary>Mean over several dims (the sum divided by the number of elements summed); an empty list takes the mean
    /// of every element. PyTorch: <c>mean(dims, keepdim)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dim is out of range.</exception>
    /// <exception cref="ArgumentException">A dim is given twice.</exception>
    public Tensor Mean(int[] dims, bool keepDim = false)
    {
        var sum = Ops.Sum.Forward(this, dims, keepDim, "Mean");
        var kept = ShapeUtil.ReducedMany(ShapeArray, dims, keepDim: true, "Mean").Kept;
        double count = 1;
        for (int i = 0; i < Rank; i++)
            if (kept[i] == 1) count *= ShapeArray[i];
        return sum / count;
    }

    /// <summary>
    /// Variance along <paramref name="dim"/>: Σ(x - mean)² / (n - <paramref name="correction"/>) (1: the unbiased
    /// estimate, 0: the population variance). PyTorch: <c>var(dim, correction=1, keepdim=False)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The dim is out of range.</exception>
    public Tensor Var(int dim, int correction = 1, bool keepDim = false) => Ops.Var.Forward(this, dim, correction, keepDim);

    /// <summary>Unbiased variance of all elements (divided by n - 1), as a 0-d tensor. PyTorch: <c>var()</c>.</summary>
    public Tensor Var() => Ops.Var.Forward(this, null, 1, false);

    /// <summary>
    /// Standard deviation along <paramref name="dim"/>: the square root of <see cref="Var(int, int, bool)"/>; a
    /// constant row has gradient 0. PyTorch: <c>std(dim, correction=1, keepdim=False)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The dim is out of range.</exception>
    public Tensor Std(int dim, int correction = 1, bool keepDim = false) => Ops.Std.Forward(this, dim, correction, keepDim);

    /// <summary>Unbiased standard deviation of all elements, as a 0-d tensor. PyTorch: <c>std()</c>.</summary>
    public Tensor Std() => Ops.Std.Forward(this, null, 1, false);

    /// <summary>
    /// log Σ exp(x) along <paramref name="dim"/>, computed without overflow (stable at ±1000; a row of -inf gives
    /// -inf). PyTorch: <c>logsumexp(dim, keepdim=False)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The dim is out of range.</exception>
    public Tensor LogSumExp(int dim, bool keepDim = false) => Ops.LogSumExp.Forward(this, dim, keepDim);

    /// <summary>Running sums along <paramref name="dim"/> (sequential, accumulated in double, as PyTorch's CPU kernel).
    /// PyTorch: <c>cumsum(dim)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The dim is out of range.</exception>
    public Tensor CumSum(int dim) => Ops.CumSum.Forward(this, dim);

    /// <summary>
    /// The lower triangle of the last two dims: elements on and below the <paramref name="diagonal"/>-th diagonal
    /// (0 the main one, positive above it, negative below), zeros elsewhere. PyTorch: <c>tril(diagonal=0)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dims.</exception>
    public Tensor Tril(int diagonal = 0) => Ops.Triangular.Forward(this, diagonal, upper: false);

    /// <summary>
    /// The upper triangle of the last two dims: elements on and above the <paramref name="diagonal"/>-th diagonal,
    /// zeros elsewhere. PyTorch: <c>triu(diagonal=0)</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dims.</exception>
    public Tensor Triu(int diagonal = 0) => Ops.Triangular.Forward(this, diagonal, upper: true);
}
