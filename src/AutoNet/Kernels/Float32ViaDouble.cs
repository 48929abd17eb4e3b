using System.Numerics;

namespace AutoNet.Kernels;

/// <summary>A function evaluated in double precision, in a vector form and a scalar form that agree.</summary>
internal interface IDoubleFunction
{
    /// <summary>The function on every lane of <paramref name="v"/>.</summary>
    Vector<double> Apply(Vector<double> v);

    /// <summary>The function on one value (the tail of a span shorter than a vector).</summary>
    double Apply(double v);
}

/// <summary>
/// The loop of the float32 kernels that compute in double precision and round once (<see cref="Float32Tanh"/>,
/// <see cref="Float32Erf"/>): a vector of floats is widened to two vectors of doubles, the function applied to
/// each, and the results narrowed back; the tail goes through the scalar form.
/// </summary>
internal static class Float32ViaDouble
{
    /// <summary>y[i] = (float)f((double)x[i]) for every i.</summary>
    public static void Map<TF>(ReadOnlySpan<float> x, Span<float> y, TF f) where TF : struct, IDoubleFunction
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; i <= x.Length - width; i += width)
            {
                Vector.Widen(new Vector<float>(x.Slice(i, width)), out var low, out var high);
                Vector.Narrow(f.Apply(low), f.Apply(high)).CopyTo(y.Slice(i, width));
            }
        }
        for (; i < x.Length; i++) y[i] = (float)f.Apply(x[i]);
    }
}
