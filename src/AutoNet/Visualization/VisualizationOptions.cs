namespace AutoNet.Visualization;

/// <summary>
/// What the graph pictures (<see cref="GraphExport"/>) and the backward trace (<see cref="Autograd.TraceBackward"/>)
/// call each tensor, and how many elements a tensor may have for its values to be printed.
/// </summary>
public class VisualizationOptions
{
    private int _maxElements = 8;

    /// <summary>
    /// Names for tensors, e.g. <c>[X] = "X"</c> or a model's parameters via <see cref="AddNames"/>. Tensors are
    /// looked up by reference. An unnamed tensor is called by the op that made it, or <c>leaf</c> (requires grad)
    /// or <c>constant</c> (does not).
    /// </summary>
    public Dictionary<Tensor, string> Names { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Values (and gradients) of tensors with at most this many elements are printed; larger tensors are shown
    /// by their shape only. Default 8.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
    public int MaxElements
    {
        get => _maxElements;
        set
        {
            if (value < 0)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxElements: must be >= 0, got {value}.");
            _maxElements = value;
        }
    }

    /// <summary>
    /// Adds a name for each tensor, e.g. <c>options.AddNames(model.NamedParameters())</c> names the moons model's
    /// weights <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>.
    /// </summary>
    public void AddNames<TTensor>(IEnumerable<(string Name, TTensor Tensor)> named) where TTensor : Tensor
    {
        ArgumentNullException.ThrowIfNull(named);
        foreach (var (name, tensor) in named) Names[tensor] = name;
    }
}

/// <summary>Which way the arrows of a graph picture point.</summary>
public enum GraphDirection
{
    /// <summary>Inputs at the top, the output at the bottom (DOT <c>rankdir=TB</c>, Mermaid <c>flowchart TB</c>).</summary>
    TopDown,

    /// <summary>Inputs on the left, the output on the right (DOT <c>rankdir=LR</c>, Mermaid <c>flowchart LR</c>).</summary>
    LeftRight,
}

/// <summary>What <see cref="GraphExport.ToDot"/> and <see cref="GraphExport.ToMermaid"/> put in each box.</summary>
public sealed class GraphExportOptions : VisualizationOptions
{
    /// <summary>Print each small tensor's values (see <see cref="VisualizationOptions.MaxElements"/>). One-element
    /// constants always show their value, since that is what they are.</summary>
    public bool ShowValues { get; set; }

    /// <summary>Print the <see cref="Tensor.Grad"/> of each leaf that has one (after a backward with
    /// <c>retainGraph: true</c>); small ones by value, large ones by shape.</summary>
    public bool ShowGradients { get; set; }

    /// <summary>
    /// Print on every box that requires grad the gradient of the root with respect to it, intermediate results
    /// included, as micrograd's <c>draw_dot</c> shows each node's <c>grad</c>. The export computes them by a backward
    /// pass of its own that keeps the graph and changes no <see cref="Tensor.Grad"/>; the root must have one element.
    /// Overrides <see cref="ShowGradients"/>. (PyTorch keeps no gradient of intermediate tensors unless asked with
    /// <c>retain_grad()</c>.)
    /// </summary>
    public bool ShowEveryGradient { get; set; }

    /// <summary>Which way the arrows point. Default <see cref="GraphDirection.TopDown"/>.</summary>
    public GraphDirection Direction { get; set; } = GraphDirection.TopDown;
}
