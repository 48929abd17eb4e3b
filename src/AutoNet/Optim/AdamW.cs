using System.Runtime.CompilerServices;
namespace AutoNet.Optim;

/// <summary>
/// AdamW: Adam with decoupled weight decay, PyTorch's update rule step for step (<c>_single_tensor_adamw</c>,
/// PyTorch 1.13). For each parameter p with gradient g, at step t (counted per parameter, from 1):
/// <code>
/// p ← p · (1 - lr · weightDecay)                           (decoupled decay: the gradient is not changed)
/// m ← beta1 · m + (1 - beta1) · g
/// v ← beta2 · v + (1 - beta2) · g · g
/// v̂ ← max(v̂, v) and use v̂ below instead of v            (if amsgrad)
/// denom ← √v / √(1 - beta2^t) + eps
/// p ← p - (lr / (1 - beta1^t)) · m / denom
/// </code>
/// Everything but the decay is <see cref="Adam"/>'s. PyTorch: <c>torch.optim.AdamW</c>.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates the optimiser.</summary>
    /// <param name="parameters">The parameters to update (e.g. <c>model.Parameters()</c>).</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="beta1">Decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step multiplies p by 1 - lr · weightDecay; finite and &gt;= 0.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it).</exception>
    [OverloadResolutionPriority(1)] // new AdamW([], ...) means an empty parameter list, as before groups existed
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(parameters, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupledWeightDecay: true)
    {
    }

    /// <summary>Creates the optimiser over parameter groups (each option a group leaves null takes the argument here).</summary>
    /// <param name="groups">Parameter groups; each option a group leaves null takes the argument given here.</param>
    /// <param name="lr">Learning rate, finite and &gt;= 0.</param>
    /// <param name="beta1">Decay rate of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay rate of the second moment, in [0, 1).</param>
    /// <param name="eps">Added to the denominator for numerical stability, finite and &gt;= 0.</param>
    /// <param name="weightDecay">Decoupled weight decay: each step multiplies p by 1 - lr · weightDecay; finite and &gt;= 0.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment (AMSGrad).</param>
    /// <exception cref="ArgumentException">A setting is out of range (the message names it and the group).</exception>
    public AdamW(IEnumerable<ParameterGroup> groups, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2, bool amsgrad = false)
        : base(groups, lr, beta1, beta2, eps, weightDecay, amsgrad, decoupledWeightDecay: true)
    {
    }
}
