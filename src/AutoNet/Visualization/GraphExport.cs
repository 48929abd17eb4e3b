using System.Text;

namespace AutoNet.Visualization;

/// <summary>
/// Draws the graph autograd recorded for a tensor: every tensor it was computed from, each box showing the op that
/// made it (or the leaf's name), its shape, and optionally its values and gradient. Arrows go from an op's inputs
/// to its output, the way data flows in forward; backward walks them in reverse.
/// PyTorch has no built-in equivalent (torchviz's <c>make_dot</c> is the nearest).
/// </summary>
/// <remarks>
/// Export before <see cref="Tensor.Backward"/>, which frees the graph, or pass <c>retainGraph: true</c> to it (and
/// set <see cref="GraphExportOptions.ShowGradients"/> to see the leaves' gradients), or set
/// <see cref="GraphExportOptions.ShowEveryGradient"/> to see the gradient of every box, as micrograd's <c>draw_dot</c> does.
/// </remarks>
public static class GraphExport
{
    /// <summary>
    /// The graph of <paramref name="root"/> in Graphviz DOT, ready for <c>dot -Tsvg</c>. Ops are boxes, leaves that
    /// require grad are filled ellipses, other leaves (inputs, constants) plain ellipses.
    /// </summary>
    /// <exception cref="InvalidOperationException">Backward already freed the graph.</exception>
    public static string ToDot(Tensor root, GraphExportOptions? options = null)
    {
        options ??= new GraphExportOptions();
        var graph = GraphWalker.Walk(root, "GraphExport.ToDot");
        var gradients = EveryGradient(root, graph, options, "GraphExport.ToDot");
        var sb = new StringBuilder();
        sb.Append("digraph autograd {\n");
        sb.Append("  rankdir=").Append(options.Direction == GraphDirection.LeftRight ? "LR" : "TB").Append(";\n");
        sb.Append("  node [fontname=\"Helvetica\", fontsize=10];\n");
        for (int i = 0; i < graph.Vertices.Count; i++)
        {
            var t = graph.Vertices[i];
            string style = t.GradFn is not null ? "shape=box"
                : t.RequiresGrad ? "shape=ellipse, style=filled, fillcolor=\"#dbeafe\""
                : "shape=ellipse";
            sb.Append("  t").Append(i).Append(" [").Append(style).Append(", label=\"")
              .Append(string.Join("\\n", Lines(t, options, gradients).Select(EscapeDot))).Append("\"];\n");
        }
        foreach (var (from, to) in graph.Edges) sb.Append("  t").Append(from).Append(" -> t").Append(to).Append(";\n");
        return sb.Append("}\n").ToString();
    }

    /// <summary>
    /// The graph of <paramref name="root"/> as a Mermaid flowchart, for a <c>```mermaid</c> block in Markdown
    /// (GitHub, MkDocs Material). Ops are rectangles, leaves that require grad are filled stadiums, other leaves
    /// rounded boxes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Backward already freed the graph.</exception>
    public static string ToMermaid(Tensor root, GraphExportOptions? options = null)
    {
        options ??= new GraphExportOptions();
        var graph = GraphWalker.Walk(root, "GraphExport.ToMermaid");
        var gradients = EveryGradient(root, graph, options, "GraphExport.ToMermaid");
        var sb = new StringBuilder();
        sb.Append("flowchart ").Append(options.Direction == GraphDirection.LeftRight ? "LR" : "TB").Append('\n');
        var parameters = new List<int>();
        for (int i = 0; i < graph.Vertices.Count; i++)
        {
            var t = graph.Vertices[i];
            string label = "\"" + string.Join("<br/>", Lines(t, options, gradients).Select(EscapeMermaid)) + "\"";
            sb.Append("  t").Append(i);
            if (t.GradFn is not null) sb.Append('[').Append(label).Append(']');
            else if (t.RequiresGrad)
            {
                sb.Append("([").Append(label).Append("])");
                parameters.Add(i);
            }
            else sb.Append('(').Append(label).Append(')');
            sb.Append('\n');
        }
        foreach (var (from, to) in graph.Edges) sb.Append("  t").Append(from).Append(" --> t").Append(to).Append('\n');
        if (parameters.Count > 0)
        {
            sb.Append("  classDef leaf fill:#dbeafe,stroke:#1d4ed8\n");
            sb.Append("  class ").Append(string.Join(",", parameters.Select(i => "t" + i))).Append(" leaf\n");
        }
        return sb.ToString();
    }

    /// <summary>The lines of one box: title, shape, then values and gradient when asked for and small enough.</summary>
    private static IEnumerable<string> Lines(Tensor t, GraphExportOptions options, Dictionary<Tensor, Tensor?>? gradients)
    {
        yield return TensorText.Title(t, options);
        yield return TensorText.Shape(t);
        bool constantScalar = t.IsLeaf && !t.RequiresGrad && t.Count == 1;
        if ((options.ShowValues || constantScalar) && TensorText.IsSmall(t, options)) yield return "= " + TensorText.Values(t);
        if (gradients is not null)
        {
            if (gradients.GetValueOrDefault(t) is { } g) yield return "grad " + TensorText.ValuesOrShape(g, options);
        }
        else if (options.ShowGradients && t.IsLeaf && t.Grad is { } grad) yield return "grad " + TensorText.ValuesOrShape(grad, options);
    }

    /// <summary>
    /// For <see cref="GraphExportOptions.ShowEveryGradient"/>: d root / d t for every tensor t of the graph that
    /// requires grad, by one backward pass that keeps the graph and leaves every <see cref="Tensor.Grad"/> as it was.
    /// </summary>
    private static Dictionary<Tensor, Tensor?>? EveryGradient(Tensor root, GraphWalker graph, GraphExportOptions options, string op)
    {
        if (!options.ShowEveryGradient) return null;
        if (!root.RequiresGrad || root.Count != 1)
            throw new InvalidOperationException(
                $"{op}: ShowEveryGradient needs a one-element root that requires grad (a loss), but the root has shape {TensorText.Shape(root)}" +
                (root.RequiresGrad ? "." : " and does not require grad."));
        var tensors = graph.Vertices.Where(t => t.RequiresGrad).ToList();
        var grads = Autograd.Grad([root], tensors, retainGraph: true);
        var result = new Dictionary<Tensor, Tensor?>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < tensors.Count; i++) result[tensors[i]] = grads[i];
        return result;
    }

    private static string EscapeDot(string s) => s.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string EscapeMermaid(string s) => s.Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;");
}
