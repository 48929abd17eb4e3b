namespace AutoNet.Nn;

/// <summary>
/// Applies its layers one after another; children are named <c>0</c>, <c>1</c>, ... as in PyTorch, so the
/// parameters are <c>0.weight</c>, <c>0.bias</c>, .... PyTorch: <c>torch.nn.Sequential</c>.
/// </summary>
public sealed class Sequential : Module
{
    private readonly Module[] _layers;

    /// <summary>A pipeline of <paramref name="layers"/>, applied in order.</summary>
    public Sequential(params Module[] layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        for (int i = 0; i < layers.Length; i++)
            if (layers[i] is null) throw new ArgumentNullException(nameof(layers), $"Sequential: layer {i} is null.");
        _layers = (Module[])layers.Clone();
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module> Layers => _layers;

    /// <summary>The layer at <paramref name="index"/>. PyTorch: <c>model[i]</c>.</summary>
    public Module this[int index] => _layers[index];

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Call(x); // with each layer's forward hooks
        return x;
    }

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        for (int i = 0; i < _layers.Length; i++) yield return (i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
    }
}
