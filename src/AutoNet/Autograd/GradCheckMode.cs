namespace AutoNet;

/// <summary>
/// How <see cref="Autograd.GradCheck"/> and <see cref="Autograd.GradGradCheck"/> compare the analytical
/// gradient with finite differences.
/// </summary>
public enum GradCheckMode
{
    /// <summary>
    /// <see cref="Full"/> when the inputs hold at most <see cref="Autograd.GradCheckFullModeMaxElements"/>
    /// elements in total and the outputs at most as many; <see cref="Fast"/> otherwise.
    /// </summary>
    Auto,

    /// <summary>
    /// Every entry of the Jacobian: one central difference per input element (two evaluations each) against one
    /// backward pass per output element with a one-hot gradient. Locates a wrong entry exactly.
    /// PyTorch: <c>gradcheck(..., fast_mode=False)</c>.
    /// </summary>
    Full,

    /// <summary>
    /// One number per input: vᵀ·J·u for a random unit direction u in the input's space and a random unit vector v
    /// in the output space, numerically (a central difference along u, dotted with v) and analytically (the
    /// vector-Jacobian product with v, dotted with u). Costs two evaluations per input and one backward pass,
    /// whatever the sizes. PyTorch: <c>gradcheck(..., fast_mode=True)</c>; HIPS autograd: <c>check_grads</c>.
    /// </summary>
    Fast,
}
