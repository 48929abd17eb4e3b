using AutoNet.Internal;
using static System.FormattableString;

namespace AutoNet.Data;

public sealed partial class NumPyRandomState
{
    /// <summary>
    /// Integers uniform in [<paramref name="low"/>, <paramref name="high"/>), like NumPy's legacy
    /// <c>randint(low, high, size=shape)</c> (int64; <c>random_bounded_uint64_fill</c> with masked rejection
    /// sampling): each value is <c>low + random_interval(high - 1 - low)</c>, drawn with one 32-bit output per try
    /// when the range fits in 32 bits, else one 64-bit output. With no shape the result is 0-d (NumPy's scalar).
    /// PyTorch: <c>torch.randint(low, high, size)</c> (a different random stream).
    /// </summary>
    /// <param name="low">The smallest value that may be drawn.</param>
    /// <param name="high">One above the largest value that may be drawn; greater than <paramref name="low"/>
    /// (unless the shape is empty, which NumPy does not check either).</param>
    /// <param name="shape">The dimensions, each &gt;= 0.</param>
    /// <returns>An Int64 tensor of the given shape.</returns>
    /// <exception cref="ArgumentException"><paramref name="high"/> &lt;= <paramref name="low"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative or the shape too large.</exception>
    public Tensor RandInt(long low, long high, params int[] shape)
    {
        long count = ElementCount(nameof(RandInt), shape);
        var data = new long[count];
        if (count > 0)
        {
            if (high <= low)
            {
                throw new ArgumentException(
                    Invariant($"{nameof(RandInt)}: high must be greater than low (values are drawn from [low, high)), got low={low}, high={high}."), nameof(high));
            }

            ulong range = unchecked((ulong)(high - 1) - (ulong)low);
            lock (_lock)
            {
                for (long i = 0; i < count; i++)
                {
                    data[i] = unchecked(low + (long)Interval(range));
                }
            }
        }

        return shape.Length == 0 ? Tensor.From(data).Reshape() : Tensor.From(data, (int[])shape.Clone());
    }

    /// <summary>
    /// <paramref name="size"/> indices drawn from 0 .. n-1, like NumPy's legacy <c>choice(n, size, replace, p)</c>,
    /// with NumPy's algorithm for each case: with replacement and no <paramref name="p"/>, <c>randint(0, n)</c>; with
    /// <paramref name="p"/>, one <c>random_sample</c> per index looked up in the normalised cumulative sum of p
    /// (<c>searchsorted(cdf, u, side="right")</c>); without replacement, the first indices of
    /// <c>permutation(n)</c>, or with <paramref name="p"/> rounds of such draws, each keeping the indices not
    /// drawn before (in order of first appearance) and zeroing their probabilities.
    /// PyTorch: <c>torch.multinomial(p, size, replacement)</c> / <c>torch.randint</c> (a different random stream).
    /// </summary>
    /// <param name="n">The number of items to choose from; &gt; 0 unless <paramref name="size"/> is 0.</param>
    /// <param name="size">How many indices to draw, &gt;= 0 (at most <paramref name="n"/> without replacement).</param>
    /// <param name="replace">Whether an index may be drawn more than once.</param>
    /// <param name="p">The probability of each index: a 1-D tensor of n non-negative values summing to 1 (within
    /// √ε of float64, or of float32 for a float32 tensor, as NumPy checks), or null for uniform draws.</param>
    /// <returns>A 1-D Int64 tensor of <paramref name="size"/> indices.</returns>
    /// <exception cref="ArgumentException">The arguments break one of the rules above (NumPy's ValueErrors).</exception>
    public Tensor Choice(int n, int size, bool replace = true, Tensor? p = null)
    {
        if (size < 0) throw new ArgumentOutOfRangeException(nameof(size), size, Invariant($"{nameof(Choice)}: size must be >= 0, got {size}."));
        if (n < 0 || (n == 0 && size > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(n), n,
                Invariant($"{nameof(Choice)}: n must be greater than 0 unless no samples are taken, got n={n}, size={size}."));
        }

        double[]? probabilities = p is null ? null : Probabilities(p, n);
        if (!replace && size > n)
        {
            throw new ArgumentException(
                Invariant($"{nameof(Choice)}: cannot take a larger sample than the population without replacement, got size={size}, n={n}."), nameof(size));
        }

        if (!replace && probabilities is not null && probabilities.Count(v => v > 0) < size)
        {
            throw new ArgumentException(
                Invariant($"{nameof(Choice)}: fewer non-zero entries in p ({probabilities.Count(v => v > 0)}) than size ({size}) without replacement."), nameof(p));
        }

        var indices = new long[size];
        lock (_lock)
        {
            if (replace && probabilities is null)
            {
                // randint(0, n, size): random_interval(n - 1) per index (n = 0 only when size = 0: nothing drawn).
                for (int i = 0; i < size; i++) indices[i] = (long)Interval((ulong)n - 1);
            }
            else if (replace)
            {
                // cdf = cumsum(p) / cdf[-1]; idx = searchsorted(cdf, random_sample(size), side="right").
                double[] cdf = Cdf(probabilities!);
                for (int i = 0; i < size; i++) indices[i] = SearchRight(cdf, Double());
            }
            else if (probabilities is null)
            {
                // permutation(n)[:size]: a Fisher-Yates shuffle of 0 .. n-1 (all n - 1 swaps drawn).
                var items = new long[n];
                for (int i = 0; i < n; i++) items[i] = i;
                for (int i = n - 1; i >= 1; i--)
                {
                    int j = (int)Interval((ulong)i);
                    (items[i], items[j]) = (items[j], items[i]);
                }

                Array.Copy(items, indices, size);
            }
            else
            {
                WithoutReplacement(probabilities, indices);
            }
        }

        return Tensor.From(indices, size);
    }

    /// <summary>
    /// NumPy's loop for choice without replacement with p: draw random_sample for every missing index, zero the
    /// probabilities of those found so far, look the draws up in the cumulative sum, keep each new index once (in
    /// order of first appearance), until <paramref name="found"/> is full.
    /// </summary>
    private void WithoutReplacement(double[] probabilities, long[] found)
    {
        var p = (double[])probabilities.Clone();
        var seen = new HashSet<long>();
        int count = 0;
        while (count < found.Length)
        {
            var draws = new double[found.Length - count];
            for (int i = 0; i < draws.Length; i++) draws[i] = Double();
            for (int i = 0; i < count; i++) p[found[i]] = 0;
            double[] cdf = Cdf(p);
            seen.Clear();
            int before = count;
            foreach (double u in draws)
            {
                long index = SearchRight(cdf, u);
                if (seen.Add(index)) found[count++] = index;
            }

            if (count == before) break; // cannot happen with p validated: each round finds at least one new index
        }
    }

    /// <summary>The cumulative sum of <paramref name="p"/> (in order), divided by its last element, as NumPy's
    /// <c>cdf = p.cumsum(); cdf /= cdf[-1]</c>.</summary>
    private static double[] Cdf(double[] p)
    {
        var cdf = new double[p.Length];
        double sum = 0;
        for (int i = 0; i < p.Length; i++) cdf[i] = sum += p[i];
        double last = cdf[^1];
        for (int i = 0; i < cdf.Length; i++) cdf[i] /= last;
        return cdf;
    }

    /// <summary>searchsorted(sorted, value, side="right"): the number of elements &lt;= value.</summary>
    private static long SearchRight(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }

    /// <summary>p as float64 values, checked as NumPy's choice checks it: 1-D, n values, no NaN (by the Kahan sum),
    /// none negative, summing to 1 within √ε (of float64, or of float32 for a float32 tensor).</summary>
    private static double[] Probabilities(Tensor p, int n)
    {
        if (p.Rank != 1) throw new ArgumentException(Invariant($"{nameof(Choice)}: p must be 1-D, got shape {ShapeUtil.Format(p.ShapeArray)}."), nameof(p));
        if (p.Count != n) throw new ArgumentException(Invariant($"{nameof(Choice)}: p must have n = {n} values, got {p.Count}."), nameof(p));
        double[] values = p.ToArray();
        double atol = Math.Sqrt(2.220446049250313e-16); // np.sqrt(np.finfo(np.float64).eps)
        if (p.DType == DType.Float32) atol = Math.Max(atol, MathF.Sqrt(1.1920929E-07f));
        double sum = KahanSum(values);
        if (double.IsNaN(sum)) throw new ArgumentException($"{nameof(Choice)}: p contains NaN.", nameof(p));
        if (values.Any(v => v < 0)) throw new ArgumentException($"{nameof(Choice)}: p must be non-negative, got a negative probability.", nameof(p));
        if (Math.Abs(sum - 1.0) > atol)
            throw new ArgumentException(Invariant($"{nameof(Choice)}: p must sum to 1, got a sum of {sum:R} (NumPy allows {atol:R} either side)."), nameof(p));
        return values;
    }

    /// <summary>NumPy's kahan_sum over the values, which choice uses to check that p sums to 1.</summary>
    private static double KahanSum(double[] values)
    {
        if (values.Length == 0) return 0;
        double sum = values[0], c = 0;
        for (int i = 1; i < values.Length; i++)
        {
            double y = values[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }

        return sum;
    }

    /// <summary>The element count of <paramref name="shape"/>, checked: no negative dim, no more than an array holds.</summary>
    private static long ElementCount(string method, int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), shape[d],
                    Invariant($"{method}: dimension {d} must be >= 0, got {shape[d]}."));
            }
        }

        long count = ShapeUtil.CountUpTo(shape); // 0 when any dim is 0, as NumPy: randn(2**31 - 1, 0) is empty
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(shape), Invariant(
                $"{method}: the shape [{string.Join(", ", shape)}] has more elements than an array can hold."));
        }

        return count;
    }
}
