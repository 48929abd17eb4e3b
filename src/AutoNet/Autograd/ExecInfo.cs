namespace AutoNet;

/// <summary>
/// For <see cref="Autograd.Grad"/>: which nodes of the graph to run, as PyTorch's exec_info. A node runs only when
/// it lies on a path from the outputs to one of the inputs; the node that computed a non-leaf input is reached
/// (its gradient is the answer for that input) but runs only if another input lies below it. The other nodes are
/// neither run nor freed, so the rest of the graph stays usable.
/// </summary>
internal sealed class ExecInfo
{
    private readonly HashSet<Node> _runs = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, int> _nodeSlots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Tensor, int> _leafSlots = new(ReferenceEqualityComparer.Instance);

    /// <summary>The gradient found for each input (null where none reached it).</summary>
    public Tensor?[] Captured { get; }

    /// <summary>Works out the nodes to run among <paramref name="roots"/>' graph.</summary>
    public ExecInfo(Tensor[] roots, Tensor[] inputs)
    {
        Captured = new Tensor?[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
            if (inputs[i].GradFn is { } fn) _nodeSlots[fn] = i; else _leafSlots[inputs[i]] = i;

        // Iterative post-order walk: a node is decided after all the nodes below it.
        var visited = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Node Node, int Next)>();
        foreach (var root in roots)
            if (root.GradFn is { } fn && visited.Add(fn)) stack.Push((fn, 0));
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            var inputsOfNode = node.RawInputs;
            if (next < inputsOfNode.Length)
            {
                stack.Push((node, next + 1));
                if (inputsOfNode[next].GradFn is { } child && visited.Add(child)) stack.Push((child, 0));
                continue;
            }
            foreach (var input in inputsOfNode)
                if (input.GradFn is { } child ? _runs.Contains(child) || _nodeSlots.ContainsKey(child) : _leafSlots.ContainsKey(input))
                {
                    _runs.Add(node);
                    break;
                }
        }
    }

    /// <summary>Whether the engine runs <paramref name="node"/>'s backward.</summary>
    public bool Runs(Node node) => _runs.Contains(node);

    /// <summary>Whether the engine needs the gradient of <paramref name="node"/>'s output (to run it, or as an answer).</summary>
    public bool Wants(Node node) => _runs.Contains(node) || _nodeSlots.ContainsKey(node);

    /// <summary>Keeps the gradient arriving at a node that computed an input.</summary>
    public void ReachedNode(Node node, Tensor? grad)
    {
        if (grad is not null && _nodeSlots.TryGetValue(node, out int slot)) Captured[slot] = grad;
    }

    /// <summary>Keeps (sums) a gradient reaching a leaf that is an input; other leaves get nothing.</summary>
    public void ReachedLeaf(Tensor leaf, Tensor g)
    {
        if (_leafSlots.TryGetValue(leaf, out int slot)) Captured[slot] = Captured[slot] is { } existing ? existing + g : g;
    }
}
