using AutoNet.Internal;

namespace AutoNet;

/// <summary>
/// The engine's check of what a node's backward returned, as PyTorch's validate_outputs: one gradient per input;
/// each of its input's shape, where a gradient of a shape the input broadcasts to is summed down to it (here, once,
/// for every op: a formula returns grad * b and the engine reduces it); and of its input's dtype (cast, as PyTorch
/// casts between floating types).
/// </summary>
internal static class ValidateOutputs
{
    /// <summary>Checks <paramref name="grads"/>, replacing a gradient by its reduced or cast form where needed.</summary>
    /// <exception cref="InvalidOperationException">Too few or too many gradients, or one whose shape cannot be
    /// summed down to its input's.</exception>
    public static void Check(Node node, Tensor?[] grads, Tensor[] inputs)
    {
        if (grads.Length != inputs.Length)
            throw new InvalidOperationException(
                $"Backward: {Describe(node)} returned {Count(grads.Length, "gradient")} for {Count(inputs.Length, "input")}; " +
                "a backward returns one gradient per input, in order (null for an input that needs none).");
        for (int i = 0; i < grads.Length; i++)
        {
            if (grads[i] is not { } g) continue;
            var input = inputs[i];
            if (!g.ShapeArray.AsSpan().SequenceEqual(input.ShapeArray))
            {
                if (!ShapeUtil.BroadcastsTo(input.ShapeArray, g.ShapeArray))
                    throw new InvalidOperationException(
                        $"Backward: {Describe(node)} returned a gradient of shape {ShapeUtil.Format(g.ShapeArray)} for input {i}, " +
                        $"which has shape {ShapeUtil.Format(input.ShapeArray)}; expected {ShapeUtil.Format(input.ShapeArray)}, or a shape " +
                        $"{ShapeUtil.Format(input.ShapeArray)} broadcasts to (which is summed down to it).");
                g = Ops.SumTo.Forward(g, input.ShapeArray);
            }
            if (g.DType != input.DType) g = g.To(input.DType);
            grads[i] = g;
        }
    }

    /// <summary><c>Mul</c>, or <c>Mul (created at Program.cs:12 in Main)</c> when the creation site was recorded.</summary>
    public static string Describe(Node node) => node.CreatedAt is null ? node.Name : $"{node.Name} (created at {node.CreatedAt})";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
