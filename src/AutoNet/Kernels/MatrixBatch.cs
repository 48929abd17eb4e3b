namespace AutoNet.Kernels;

/// <summary>
/// Which matrices a batch of products reads: product i multiplies A's matrix <c>AIndex[i]</c> by B's matrix
/// <c>BIndex[i]</c> and writes C's matrix i (all row-major and packed one after another). A null index means
/// "matrix i" (no broadcasting on that side); a broadcast operand repeats its indices, and
/// <see cref="BCount"/>, the number of distinct B matrices, lets the product pack each of them only once.
/// </summary>
/// <param name="Count">The number of products (matrices of C).</param>
/// <param name="AIndex">A's matrix for each product, or null for the identity.</param>
/// <param name="BIndex">B's matrix for each product, or null for the identity.</param>
/// <param name="BCount">How many matrices B holds (each index in <paramref name="BIndex"/> is below it).</param>
internal readonly record struct MatrixBatch(int Count, int[]? AIndex, int[]? BIndex, int BCount)
{
    /// <summary>One product of one A by one B.</summary>
    public static MatrixBatch Single => new(1, null, null, 1);

    /// <summary>A's matrix for product <paramref name="i"/>.</summary>
    public int A(int i) => AIndex is null ? i : AIndex[i];

    /// <summary>B's matrix for product <paramref name="i"/>.</summary>
    public int B(int i) => BIndex is null ? i : BIndex[i];
}
