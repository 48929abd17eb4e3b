using AutoNet.Internal;

namespace AutoNet;

public static partial class F
{
    /// <summary>
    /// Pads <paramref name="input"/> with the constant <paramref name="value"/>: <paramref name="pad"/> holds (before,
    /// after) pairs starting from the last dim (<c>[left, right, top, bottom]</c> pads the last two dims); dims it
    /// does not reach are unchanged. A negative count crops that many elements instead. PyTorch:
    /// <c>F.pad(input, pad, mode="constant", value=value)</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pad"/> has an odd length, more pairs than the input has dims,
    /// or a crop larger than its dim.</exception>
    public static Tensor Pad(Tensor input, int[] pad, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pad);
        if (pad.Length % 2 != 0)
            throw new ArgumentException(
                $"Pad: pad {ShapeUtil.Format(pad)} has {pad.Length} entries; expected an even number (a before, after pair per dim, last dim first).", nameof(pad));
        if (pad.Length / 2 > input.Rank)
            throw new ArgumentException(
                $"Pad: pad {ShapeUtil.Format(pad)} has {pad.Length / 2} pairs, but the input has shape {ShapeUtil.Format(input.ShapeArray)} ({input.Rank} dims); expected at most one pair per dim.", nameof(pad));
        if (Array.IndexOf(pad, int.MinValue) >= 0)
            throw new ArgumentException($"Pad: pad {ShapeUtil.Format(pad)} holds int.MinValue; expected counts in (int.MinValue, int.MaxValue].", nameof(pad));
        var before = new int[input.Rank];
        var after = new int[input.Rank];
        for (int p = 0; p < pad.Length / 2; p++)
        {
            int d = input.Rank - 1 - p;
            before[d] = pad[2 * p];
            after[d] = pad[2 * p + 1];
        }
        return Ops.Pad.Forward(input, before, after, value);
    }
}
