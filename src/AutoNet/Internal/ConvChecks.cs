using System.Globalization;
using AutoNet.Kernels;

namespace AutoNet.Internal;

/// <summary>
/// Argument checks and shape handling shared by convolution and pooling: the input is [N, C, *spatial] or unbatched
/// [C, *spatial] (1 or 2 spatial dims), and everything is brought to the 2-D case [N, C, H, W] (1-D as H = 1).
/// </summary>
internal static class ConvChecks
{
    private static string S(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws unless every value is at least <paramref name="min"/>.</summary>
    public static void AtLeast(string op, string name, (int, int) value, int min)
    {
        if (value.Item1 < min || value.Item2 < min)
            throw new ArgumentOutOfRangeException(name, $"{op}: {name} must be >= {S(min)}, got {Pair(value)}.");
    }

    /// <summary>"3" for a square pair, "(3, 2)" otherwise.</summary>
    public static string Pair((int, int) v) => v.Item1 == v.Item2 ? S(v.Item1) : $"({S(v.Item1)}, {S(v.Item2)})";

    /// <summary>The pair as the caller gave it: a 1-D op's value (the width) alone, a 2-D op's pair as it is.</summary>
    public static (int, int) AsGiven((int, int) v, int spatialDims) => spatialDims == 1 ? (v.Item2, v.Item2) : v;

    /// <summary>
    /// Checks the input's rank (spatialDims + 1 or + 2) and dtype, and returns it as [N, C, H, W] (1-D inputs as
    /// H = 1) with whether it was batched.
    /// </summary>
    public static (Tensor Input4d, bool Batched) ToFourDims(string op, Tensor input, int spatialDims, string channels)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.ShapeArray;
        string layout = spatialDims == 1 ? "L" : "H, W";
        if (s.Length != spatialDims + 1 && s.Length != spatialDims + 2)
            throw new ArgumentException(
                $"{op}: expected input [N, {channels}, {layout}] or [{channels}, {layout}], got shape {ShapeUtil.Format(s)}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: expected a Float32 or Float64 input, got {input.DType.Name()}.");
        bool batched = s.Length == spatialDims + 2;
        int n = batched ? s[0] : 1, c = s[batched ? 1 : 0];
        int h = spatialDims == 1 ? 1 : s[^2], w = s[^1];
        return (input.Reshape(n, c, h, w), batched);
    }

    /// <summary>The output [N, C, OH, OW] reshaped back to the input's layout (1-D drops H; unbatched drops N).</summary>
    public static Tensor FromFourDims(Tensor y, int spatialDims, bool batched)
    {
        var s = y.ShapeArray;
        var shape = new List<int>(4);
        if (batched) shape.Add(s[0]);
        shape.Add(s[1]);
        if (spatialDims == 2) shape.Add(s[2]);
        shape.Add(s[3]);
        return y.Reshape([.. shape]);
    }

    /// <summary>Throws unless the (dilated) kernel fits in the padded input, so that the output has at least one position.</summary>
    public static void CheckOutput(string op, in ConvGeometry g, int[] inputShape, int spatialDims)
    {
        int eh = g.DH * (g.KH - 1) + 1, ew = g.DW * (g.KW - 1) + 1;
        int ph = g.H + 2 * g.PH, pw = g.W + 2 * g.PW;
        if (eh > ph || ew > pw)
            throw new ArgumentException(spatialDims == 1
                ? $"{op}: the kernel (size {S(ew)} with dilation) is larger than the padded input (length {S(pw)}) for input shape {ShapeUtil.Format(inputShape)}; the output would be empty."
                : $"{op}: the kernel ({S(eh)}×{S(ew)} with dilation) is larger than the padded input ({S(ph)}×{S(pw)}) for input shape {ShapeUtil.Format(inputShape)}; the output would be empty.");
    }

    /// <summary>Pooling's padding rule (PyTorch's): at most half the kernel size.</summary>
    public static void CheckPoolPadding(string op, (int, int) kernel, (int, int) padding)
    {
        if (padding.Item1 > kernel.Item1 / 2 || padding.Item2 > kernel.Item2 / 2)
            throw new ArgumentOutOfRangeException(nameof(padding),
                $"{op}: padding {Pair(padding)} must be at most half the kernel size {Pair(kernel)}.");
    }
}
