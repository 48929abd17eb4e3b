using AutoNet.Internal;

namespace AutoNet.Nn;

/// <summary>
/// Merges the dims from <see cref="StartDim"/> to <see cref="EndDim"/> (inclusive; negative counts from the end)
/// into one: [N, C, H, W] → [N, C·H·W] with the defaults. Shares memory with the input.
/// PyTorch: <c>torch.nn.Flatten(start_dim=1, end_dim=-1)</c>.
/// </summary>
/// <param name="startDim">The first dim to merge (default 1, keeping the batch dim).</param>
/// <param name="endDim">The last dim to merge (default -1, the last).</param>
public sealed class Flatten(int startDim = 1, int endDim = -1) : Module
{
    /// <summary>The first dim merged.</summary>
    public int StartDim { get; } = startDim;

    /// <summary>The last dim merged.</summary>
    public int EndDim { get; } = endDim;

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">A dim is out of range for the input.</exception>
    /// <exception cref="ArgumentException">StartDim comes after EndDim.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var shape = input.ShapeArray;
        if (shape.Length == 0) return input.Reshape(1); // as torch.flatten of a 0-d tensor
        int start = ShapeUtil.NormalizeDim(StartDim, shape.Length, "Flatten");
        int end = ShapeUtil.NormalizeDim(EndDim, shape.Length, "Flatten");
        if (start > end)
            throw new ArgumentException(
                $"Flatten: startDim {StartDim} comes after endDim {EndDim} for an input of shape {ShapeUtil.Format(shape)}; expected startDim <= endDim.");
        var result = new List<int>(shape.Length);
        for (int i = 0; i < start; i++) result.Add(shape[i]);
        int merged = 1;
        for (int i = start; i <= end; i++) merged *= shape[i];
        result.Add(merged);
        for (int i = end + 1; i < shape.Length; i++) result.Add(shape[i]);
        return input.Reshape([.. result]);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
