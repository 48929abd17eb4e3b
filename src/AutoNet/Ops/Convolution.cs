using AutoNet.Kernels;

namespace AutoNet.Ops;

/// <summary>
/// y = conv(x, w): y[n, o, i, j] = Σ_c,ki,kj w[o, c, ki, kj] · x[n, g(o)·C/G + c, i·SH − PH + ki·DH, j·SW − PW + kj·DW]
/// (zero outside the input), computed as im2col + GEMM. y is bilinear in (x, w); with T(x, w, g) = ⟨g, conv(x, w)⟩,
/// grad_x = ∂T/∂x = <see cref="ConvolutionInputGrad"/>(grad, w) (a transposed convolution: col2im(Wᵀ · grad)) and
/// grad_w = ∂T/∂w = <see cref="ConvolutionWeightGrad"/>(x, grad) (grad · im2col(x)ᵀ). Those two are the other
/// partial derivatives of the same trilinear form, so each one's backward is written with the other two, and
/// derivatives of any order follow.
/// </summary>
internal sealed class Convolution : Node
{
    private readonly SavedTensor _x, _w;
    private readonly ConvGeometry _geometry;

    private Convolution(Tensor x, Tensor w, ConvGeometry geometry)
    {
        _x = Save(x);
        _w = Save(w);
        _geometry = geometry;
    }

    /// <summary>conv(x, w) for contiguous 4-D x and w of one dtype matching <paramref name="geometry"/> (checked by the caller).</summary>
    public static Tensor Forward(Tensor x, Tensor w, ConvGeometry geometry)
    {
        (x, w) = (x.Contiguous(), w.Contiguous());
        var y = ConvolutionKernel.Forward(x, w, geometry);
        return ShouldRecord(x, w) ? new Convolution(x, w, geometry).Attach(y, [x, w]) : y;
    }

    protected internal override Tensor?[] Backward(Tensor grad) =>
    [
        NeedsInputGrad(0) ? ConvolutionInputGrad.Forward(grad, _w.Value, _geometry) : null,
        NeedsInputGrad(1) ? ConvolutionWeightGrad.Forward(_x.Value, grad, _geometry) : null,
    ];
}
