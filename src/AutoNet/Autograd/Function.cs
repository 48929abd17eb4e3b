namespace AutoNet;

public static partial class Autograd
{
    /// <summary>
    /// The base for a user-defined op with its own forward and backward, for when an op is not (or should not be)
    /// composed from AutoNet's ops: a fused kernel, a numerically special formula, a straight-through estimator.
    /// Subclass it, implement <see cref="Forward"/> (plain tensor code; nothing in it is recorded) and
    /// <see cref="Node.Backward"/> (the vector-Jacobian product, written in Tensor ops so that higher-order
    /// gradients work), and call <see cref="Apply"/> on a new instance each time:
    /// <code>
    /// sealed class Square : Autograd.Function
    /// {
    ///     private SavedTensor _x = null!;
    ///     protected override Tensor Forward(Tensor[] inputs)
    ///     {
    ///         _x = Save(inputs[0]);                  // backward will read x; freed after backward
    ///         return inputs[0] * inputs[0];
    ///     }
    ///     protected override Tensor?[] Backward(Tensor grad) => [grad * 2.0 * _x.Value];   // d/dx x² = 2x
    /// }
    /// var y = new Square().Apply(x);
    /// </code>
    /// PyTorch: <c>torch.autograd.Function</c> with <c>ctx.save_for_backward</c>.
    /// </summary>
    public abstract class Function : Node
    {
        private bool _applied;

        /// <summary>Computes the op's output from its inputs. Runs with grad mode off.</summary>
        protected abstract Tensor Forward(Tensor[] inputs);

        /// <summary>
        /// Runs <see cref="Forward"/> and, when grad mode is on and an input requires grad, records this instance
        /// as the output's <see cref="Tensor.GradFn"/>. An instance can be applied once.
        /// </summary>
        /// <exception cref="InvalidOperationException">The instance was already applied, or Forward returned an input itself.</exception>
        public Tensor Apply(params Tensor[] inputs)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (_applied)
                throw new InvalidOperationException($"{Name}.Apply: this instance was already applied; create a new instance for each call (it is the graph node).");
            _applied = true;
            var snapshot = (Tensor[])inputs.Clone();
            Tensor output;
            using (NoGrad()) output = Forward(snapshot);
            ArgumentNullException.ThrowIfNull(output, $"{Name}.Forward");
            bool record = GradMode.IsEnabled && Array.Exists(snapshot, t => t.RequiresGrad);
            if (!record) return output;
            if (Array.Exists(snapshot, t => ReferenceEquals(t, output)) || !output.IsLeaf || output.RequiresGrad)
                output = output.Detach(); // a fresh tensor to carry this node (shares memory)
            return Attach(output, snapshot);
        }
    }
}
