using AutoNet.Internal;
using static System.FormattableString;

namespace AutoNet.Data;

/// <summary>
/// A random number generator that is bit-for-bit equal to NumPy's legacy
/// <c>numpy.random.RandomState(seed)</c> (NumPy 1.24, Mersenne Twister MT19937), for every seed 0 .. 2^32 - 1.
/// Given the same seed and the same sequence of calls, every draw equals NumPy's exactly, so data and initial
/// weights made in Python can be reproduced in .NET.
/// </summary>
/// <remarks>
/// Each method names the NumPy C function it mirrors (from <c>numpy/random/src/distributions</c>,
/// <c>numpy/random/src/legacy</c> and <c>numpy/random/mtrand.pyx</c>). Tensor draws fill their elements in
/// row-major order, one scalar draw per element, as NumPy does. Thread-safe: each call holds the generator's
/// lock for all its draws (as NumPy's <c>RandomState</c> holds its lock), so a tensor's draws are one contiguous
/// piece of the stream even when several threads share the generator (as they share the default one,
/// <c>Init.Generator</c>).
/// </remarks>
public sealed partial class NumPyRandomState
{
    private readonly Lock _lock = new();
    private MersenneTwister _mt;
    private bool _hasGauss;   // legacy aug_state->has_gauss: a second normal value is cached
    private double _gauss;    // legacy aug_state->gauss: the cached value

    /// <summary>Creates the generator <c>numpy.random.RandomState(seed)</c> would create.</summary>
    /// <param name="seed">The integer seed, 0 .. 2^32 - 1.</param>
    public NumPyRandomState(uint seed)
    {
        _mt = new MersenneTwister(seed);
    }

    /// <summary>
    /// Restarts the stream from <paramref name="seed"/>, as <c>RandomState.seed(seed)</c> does: the state and the
    /// cached normal value are reset, so the next draws equal those of <c>new NumPyRandomState(seed)</c>.
    /// </summary>
    internal void Reseed(uint seed)
    {
        lock (_lock)
        {
            _mt = new MersenneTwister(seed);
            _hasGauss = false;
            _gauss = 0.0;
        }
    }

    /// <summary>The next 32 random bits (<c>mt19937_next32</c>).</summary>
    /// <returns>A uniformly distributed 32-bit value.</returns>
    public uint NextUInt32()
    {
        lock (_lock) return _mt.NextUInt32();
    }

    /// <summary>
    /// A double uniform in [0, 1) with 53 random bits, like <c>random_sample()</c>
    /// (<c>mt19937_next_double</c>): 27 bits from one draw and 26 from the next.
    /// </summary>
    /// <returns>A value in [0, 1).</returns>
    public double NextDouble()
    {
        lock (_lock) return Double();
    }

    private double Double()
    {
        // mt19937_next_double: a = next >> 5, b = next >> 6; (a * 2^26 + b) / 2^53
        uint a = _mt.NextUInt32() >> 5;
        uint b = _mt.NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// A standard normal value, like <c>standard_normal()</c> / <c>randn()</c> (<c>legacy_gauss</c>): the
    /// Marsaglia polar method, which makes two values at a time and caches the second for the next call.
    /// </summary>
    /// <returns>A draw from N(0, 1).</returns>
    public double NextGaussian()
    {
        lock (_lock) return Gaussian();
    }

    private double Gaussian()
    {
        if (_hasGauss)
        {
            double cached = _gauss;
            _hasGauss = false;
            _gauss = 0.0;
            return cached;
        }

        double x1, x2, r2;
        do
        {
            // A point uniform in the square [-1, 1)^2, kept only if it lies inside the unit circle.
            x1 = 2.0 * Double() - 1.0;
            x2 = 2.0 * Double() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        }
        while (r2 >= 1.0 || r2 == 0.0);

        // Polar method, a more efficient version of the Box-Muller transform.
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary>
    /// A random integer in [0, max], like NumPy's <c>random_interval(bitgen, max)</c>: draw bits under the
    /// smallest all-ones mask covering <paramref name="max"/> and reject values above it. Uses one 32-bit draw
    /// per try when max &lt;= 2^32 - 1, else one 64-bit draw (high word first, as <c>mt19937_next64</c>).
    /// </summary>
    /// <param name="max">The largest value that may be returned; 0 returns 0 without drawing.</param>
    /// <returns>A uniformly distributed integer in [0, max].</returns>
    public ulong NextInterval(ulong max)
    {
        lock (_lock) return Interval(max);
    }

    private ulong Interval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        // Smallest bit mask >= max.
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;

        // Search a random value in [0..mask] that is <= max (rejection sampling keeps it uniform).
        ulong value;
        do
        {
            value = (max <= 0xFFFFFFFFUL ? _mt.NextUInt32() : NextUInt64()) & mask;
        }
        while (value > max);

        return value;
    }

    /// <summary>Standard normal values, like <c>randn(*shape)</c>.</summary>
    /// <param name="shape">The dimensions, each &gt;= 0.</param>
    /// <returns>A float64 tensor of the given shape.</returns>
    public Tensor Randn(params int[] shape) => Fill(nameof(Randn), shape, Gaussian);

    /// <summary>Uniform values in [0, 1), like <c>rand(*shape)</c> (<c>random_sample</c>).</summary>
    /// <param name="shape">The dimensions, each &gt;= 0.</param>
    /// <returns>A float64 tensor of the given shape.</returns>
    public Tensor Rand(params int[] shape) => Fill(nameof(Rand), shape, Double);

    /// <summary>
    /// Normal values, like <c>normal(loc, scale, size=shape)</c> (<c>legacy_normal</c>: loc + scale * gauss).
    /// </summary>
    /// <param name="loc">The mean.</param>
    /// <param name="scale">The standard deviation, &gt;= 0.</param>
    /// <param name="shape">The dimensions, each &gt;= 0.</param>
    /// <returns>A float64 tensor of the given shape.</returns>
    public Tensor Normal(double loc, double scale, params int[] shape)
    {
        if (double.IsNaN(loc))
        {
            throw new ArgumentOutOfRangeException(nameof(loc), loc, Invariant($"{nameof(Normal)}: loc must be a number, got {loc}."));
        }

        if (double.IsNaN(scale) || scale < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, Invariant($"{nameof(Normal)}: scale must be >= 0, got {scale}."));
        }

        return Fill(nameof(Normal), shape, () => loc + scale * Gaussian());
    }

    /// <summary>
    /// Values uniform in [low, high), like <c>uniform(low, high, size=shape)</c>
    /// (<c>random_uniform</c>: low + (high - low) * random_sample).
    /// </summary>
    /// <param name="low">The lower bound (included).</param>
    /// <param name="high">The upper bound (excluded), &gt;= low.</param>
    /// <param name="shape">The dimensions, each &gt;= 0.</param>
    /// <returns>A float64 tensor of the given shape.</returns>
    public Tensor Uniform(double low, double high, params int[] shape)
    {
        RequireFinite(nameof(Uniform), nameof(low), low);
        RequireFinite(nameof(Uniform), nameof(high), high);
        if (high < low)
        {
            throw new ArgumentException(
                Invariant($"{nameof(Uniform)}: high must be >= low, got low={low}, high={high}."), nameof(high));
        }

        double range = high - low;
        if (double.IsInfinity(range))
        {
            throw new ArgumentOutOfRangeException(nameof(high), high,
                Invariant($"{nameof(Uniform)}: high - low must be finite, got low={low}, high={high}."));
        }

        return Fill(nameof(Uniform), shape, () => low + range * Double());
    }

    /// <summary>
    /// A random permutation of 0 .. n-1, like <c>permutation(n)</c>: <c>arange(n)</c> then <see cref="Shuffle{T}"/>.
    /// </summary>
    /// <param name="n">The number of elements, &gt;= 0.</param>
    /// <returns>The shuffled indices.</returns>
    public int[] Permutation(int n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, Invariant($"{nameof(Permutation)}: n must be >= 0, got {n}."));
        }

        int[] items = new int[n];
        for (int i = 0; i < n; i++)
        {
            items[i] = i;
        }

        Shuffle<int>(items);
        return items;
    }

    /// <summary>
    /// Shuffles in place like <c>RandomState.shuffle</c> (<c>_shuffle_raw</c>, a Fisher-Yates shuffle): for i
    /// from n-1 down to 1, swap item i with item <c>random_interval(i)</c>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items to shuffle.</param>
    public void Shuffle<T>(Span<T> items)
    {
        lock (_lock)
        {
            for (int i = items.Length - 1; i >= 1; i--)
            {
                int j = (int)Interval((ulong)i);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }

    /// <summary>64 random bits from two 32-bit draws, the first as the high word (<c>mt19937_next64</c>).</summary>
    private ulong NextUInt64()
    {
        ulong hi = _mt.NextUInt32();
        ulong lo = _mt.NextUInt32();
        return (hi << 32) | lo;
    }

    /// <summary>A float64 tensor of <paramref name="shape"/> filled with one draw per element, in row-major order,
    /// all under one hold of the lock.</summary>
    private Tensor Fill(string method, int[] shape, Func<double> draw)
    {
        long count = ElementCount(method, shape);
        var data = new double[count];
        lock (_lock)
        {
            for (long i = 0; i < count; i++)
            {
                data[i] = draw();
            }
        }

        // No shape means one draw, as NumPy's randn() returns a scalar: a 0-d tensor here.
        return shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.From(data, (int[])shape.Clone());
    }

    private static void RequireFinite(string method, string name, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, Invariant($"{method}: {name} must be finite, got {value}."));
        }
    }
}
