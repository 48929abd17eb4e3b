using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// gx = the input gradient of y = conv(x, w) given grad g: gx = ∂T/∂x with T(x, w, g) = ⟨g, conv(x, w)⟩, a transposed
/// convolution (col2im(W_gᵀ · g_g) per group). gx is bilinear in (g, w) and ⟨ggx, gx⟩ = T(ggx, w, g), so for an
/// incoming gradient ggx: grad_g = conv(ggx, w) (<see cref="Convolution"/>) and grad_w = ∂T/∂w at (ggx, g)
/// (<see cref="ConvolutionWeightGrad"/>).
/// </summary>
internal sealed class ConvolutionInputGrad : Node
{
    private readonly SavedTensor _grad, _w;
    private readonly ConvGeometry _geometry;

    private ConvolutionInputGrad(Tensor grad, Tensor w, ConvGeometry geometry)
    {
        _grad = Save(grad);
        _w = Save(w);
        _geometry = geometry;
    }

    /// <summary>The input gradient of the convolution described by <paramref name="geometry"/>, from the output's gradient.</summary>
    public static Tensor Forward(Tensor grad, Tensor w, ConvGeometry geometry)
    {
        (grad, w) = (grad.Contiguous(), w.Contiguous());
        var gx = ConvolutionKernel.InputGrad(grad, w, geometry);
        return ShouldRecord(grad, w) ? new ConvolutionInputGrad(grad, w, geometry).Attach(gx, [grad, w]) : gx;
    }

    protected internal override Tensor?[] Backward(Tensor ggx) =>
    [
        NeedsInputGrad(0) ? Convolution.Forward(ggx, _w.Value, _geometry) : null,
        NeedsInputGrad(1) ? ConvolutionWeightGrad.Forward(ggx, _grad.Value, _geometry) : null,
    ];
}
