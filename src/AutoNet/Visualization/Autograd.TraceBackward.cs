using AutoNet.Visualization;

namespace AutoNet;

public static partial class Autograd
{
    /// <summary>
    /// Prints every backward pass run until the returned scope is disposed, node by node in the order the engine
    /// runs them: the op, the gradient arriving at its output (the sum, when several consumers sent one), and
    /// the gradient it passes to each input, by value for tensors of at most
    /// <see cref="VisualizationOptions.MaxElements"/> elements, by shape otherwise.
    /// <code>
    /// using (Autograd.TraceBackward(Console.Out)) { loss.Backward(); }
    /// </code>
    /// Per thread (and async flow), like <see cref="NoGrad"/>. Costs nothing when off. PyTorch has no equivalent
    /// (the nearest is registering a hook on every node).
    /// </summary>
    /// <param name="writer">Where the lines go, e.g. <c>Console.Out</c> or a <c>StringWriter</c>.</param>
    /// <param name="options">Names for tensors (e.g. the model's parameters) and the value-printing limit.</param>
    public static IDisposable TraceBackward(TextWriter writer, VisualizationOptions? options = null) => BackwardTracer.Start(writer, options);
}
