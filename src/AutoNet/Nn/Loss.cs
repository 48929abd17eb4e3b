namespace AutoNet.Nn;

/// <summary>The base of loss functions: compares an input with a target and reduces. PyTorch: <c>torch.nn._Loss</c>.</summary>
public abstract class Loss
{
    /// <summary>Sets the reduction.</summary>
    protected Loss(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, $"{GetType().Name}: reduction must be Mean, Sum or None.");
        Reduction = reduction;
    }

    /// <summary>How per-element losses are combined.</summary>
    public Reduction Reduction { get; }

    /// <summary>Computes the loss of <paramref name="input"/> against <paramref name="target"/>.</summary>
    public abstract Tensor Forward(Tensor input, Tensor target);

    /// <summary>The loss and its settings, e.g. <c>BCELoss(reduction=Mean)</c>.</summary>
    public override string ToString() => $"{GetType().Name}(reduction={Reduction})";
}
