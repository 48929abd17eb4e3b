using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// gw = the weight gradient of y = conv(x, w) given grad g: gw = ∂T/∂w with T(x, w, g) = ⟨g, conv(x, w)⟩, that is
/// g_g · im2col(x)_gᵀ per group. gw is bilinear in (x, g) and ⟨ggw, gw⟩ = T(x, ggw, g), so for an incoming gradient
/// ggw: grad_x = ∂T/∂x at (ggw, g) (<see cref="ConvolutionInputGrad"/>) and grad_g = conv(x, ggw)
/// (<see cref="Convolution"/>).
/// </summary>
internal sealed class ConvolutionWeightGrad : Node
{
    private readonly SavedTensor _x, _grad;
    private readonly ConvGeometry _geometry;

    private ConvolutionWeightGrad(Tensor x, Tensor grad, ConvGeometry geometry)
    {
        _x = Save(x);
        _grad = Save(grad);
        _geometry = geometry;
    }

    /// <summary>The weight gradient of the convolution described by <paramref name="geometry"/>, from its input and the output's gradient.</summary>
    public static Tensor Forward(Tensor x, Tensor grad, ConvGeometry geometry)
    {
        (x, grad) = (x.Contiguous(), grad.Contiguous());
        var gw = ConvolutionKernel.WeightGrad(x, grad, geometry);
        return ShouldRecord(x, grad) ? new ConvolutionWeightGrad(x, grad, geometry).Attach(gw, [x, grad]) : gw;
    }

    protected internal override Tensor?[] Backward(Tensor ggw) =>
    [
        NeedsInputGrad(0) ? ConvolutionInputGrad.Forward(_grad.Value, ggw, _geometry) : null,
        NeedsInputGrad(1) ? Convolution.Forward(_x.Value, ggw, _geometry) : null,
    ];
}
