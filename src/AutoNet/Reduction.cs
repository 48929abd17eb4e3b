namespace AutoNet;

/// <summary>How a loss combines its per-element values. PyTorch: the <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The mean over all elements (the default).</summary>
    Mean,

    /// <summary>The sum over all elements.</summary>
    Sum,

    /// <summary>No reduction: one loss per element.</summary>
    None,
}
