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
        return input.Flatten(StartDim, EndDim);
    }

    /// <inheritdoc/>
    protected override string ExtraRepr() => $"start_dim={StartDim}, end_dim={EndDim}";
}
