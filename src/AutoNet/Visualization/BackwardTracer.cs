using System.Text;

namespace AutoNet.Visualization;

/// <summary>
/// Writes the backward pass step by step while an <see cref="Autograd.TraceBackward"/> scope is open: for each node
/// in the order the engine runs it, the op, the gradient arriving at its output, and the gradient it sends to each
/// input. It is a <see cref="IBackwardObserver"/>: the engine calls it while it is registered.
/// </summary>
internal sealed class BackwardTracer : IBackwardObserver
{
    private readonly TextWriter _writer;
    private readonly VisualizationOptions _options;

    // Per backward run: the tensor each node produced (learned from its consumers) and how many gradients reached it.
    private readonly Dictionary<Node, Tensor> _outputs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, int> _arrivals = new(ReferenceEqualityComparer.Instance);
    private bool _accumulatesIntoGrad;
    private int _step;

    private BackwardTracer(TextWriter writer, VisualizationOptions options)
    {
        _writer = writer;
        _options = options;
    }

    /// <summary>Switches tracing on until the returned scope is disposed.</summary>
    public static IDisposable Start(TextWriter writer, VisualizationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return BackwardObserver.Register(new BackwardTracer(writer, options ?? new VisualizationOptions()));
    }

    /// <inheritdoc/>
    public void Begin(Tensor[] roots, Tensor[] seeds, bool accumulatesIntoGrad)
    {
        _outputs.Clear();
        _arrivals.Clear();
        _step = 0;
        _accumulatesIntoGrad = accumulatesIntoGrad;
        for (int i = 0; i < roots.Length; i++)
        {
            _writer.WriteLine($"backward from {Describe(roots[i])}, seed {TensorText.ValuesOrShape(seeds[i], _options)}");
            if (roots[i].GradFn is { } fn)
            {
                _outputs[fn] = roots[i];
                _arrivals[fn] = _arrivals.GetValueOrDefault(fn) + 1;
            }
        }
    }

    /// <inheritdoc/>
    public void Step(Node node, Tensor? grad, Tensor?[]? inputGrads, IReadOnlyList<Tensor> inputs)
    {
        _step++;
        var line = new StringBuilder().Append("step ").Append(_step).Append(": ");
        line.Append(_outputs.TryGetValue(node, out var output) ? Describe(output) : node.Name);
        if (node.CreatedAt is not null) line.Append(" [created at ").Append(node.CreatedAt).Append(']');
        if (grad is null)
        {
            _writer.WriteLine(line.Append(" receives no gradient; its backward is skipped").ToString());
            return;
        }
        int arrivals = _arrivals.GetValueOrDefault(node);
        line.Append(" receives ");
        if (arrivals > 1) line.Append("(sum of ").Append(arrivals).Append(") ");
        _writer.WriteLine(line.Append(TensorText.ValuesOrShape(grad, _options)).ToString());
        for (int i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var g = inputGrads is null || i >= inputGrads.Length ? null : inputGrads[i];
            var sb = new StringBuilder("  -> input ").Append(i).Append(" (").Append(Describe(input)).Append(") gets ");
            if (g is null) sb.Append(input.RequiresGrad ? "nothing" : "nothing (does not require grad)");
            else
            {
                sb.Append(TensorText.ValuesOrShape(g, _options));
                if (input.GradFn is { } child)
                {
                    _outputs[child] = input;
                    _arrivals[child] = _arrivals.GetValueOrDefault(child) + 1;
                }
                else if (_accumulatesIntoGrad && input.RequiresGrad)
                {
                    sb.Append(", added to ").Append(_options.Names.TryGetValue(input, out var name) ? name + ".Grad" : "its Grad");
                }
            }
            _writer.WriteLine(sb.ToString());
        }
    }

    /// <summary><c>Mul [2]</c>, <c>a [2]</c>, <c>loss (Div) []</c>: name or op, then the shape.</summary>
    private string Describe(Tensor t) => TensorText.Title(t, _options) + " " + TensorText.Shape(t);
}
