namespace AutoNet.Visualization;

/// <summary>
/// The recorded graph behind a tensor as plain lists: one vertex per tensor (the root first, then breadth first
/// through the inputs), one edge per use of a tensor as an op's input. Iterative: a chain of a million ops does not
/// overflow the stack.
/// </summary>
internal sealed class GraphWalker
{
    private GraphWalker(List<Tensor> vertices, List<(int From, int To)> edges)
    {
        Vertices = vertices;
        Edges = edges;
    }

    /// <summary>The tensors, in discovery order; vertex i is called <c>t{i}</c> in the pictures.</summary>
    public List<Tensor> Vertices { get; }

    /// <summary>Input → output edges, as indices into <see cref="Vertices"/>, each op's inputs in order.</summary>
    public List<(int From, int To)> Edges { get; }

    /// <summary>Walks the graph that produced <paramref name="root"/>.</summary>
    /// <exception cref="InvalidOperationException">Backward already freed part of the graph.</exception>
    public static GraphWalker Walk(Tensor root, string op)
    {
        ArgumentNullException.ThrowIfNull(root);
        var ids = new Dictionary<Tensor, int>(ReferenceEqualityComparer.Instance) { [root] = 0 };
        var vertices = new List<Tensor> { root };
        var edges = new List<(int, int)>();
        for (int next = 0; next < vertices.Count; next++)
        {
            var tensor = vertices[next];
            if (tensor.GradFn is not { } fn) continue;
            if (fn.IsReleased)
                throw new InvalidOperationException(
                    $"{op}: the graph was already freed by Backward (the node {fn.Name} was released). Export the graph before " +
                    "calling Backward, or call Backward(retainGraph: true) to keep it.");
            foreach (var input in fn.Inputs)
            {
                if (!ids.TryGetValue(input, out int id))
                {
                    id = vertices.Count;
                    ids[input] = id;
                    vertices.Add(input);
                }
                edges.Add((id, next));
            }
        }
        return new GraphWalker(vertices, edges);
    }
}
