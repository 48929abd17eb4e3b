using AutoNet.Data;
using static System.FormattableString;

namespace AutoNet.Nn;

// The in-place initialisers of torch.nn.init: each overwrites its tensor's values under no-grad (bumping its version,
// as torch's in-place *_ functions do) and returns the same tensor. Random ones draw float64 values from the given
// generator (default: Init.Generator) in row-major order, as the layers do for their own initial values, then convert
// them to the tensor's dtype.
public static partial class Init
{
    /// <summary>
    /// The recommended gain for a nonlinearity: 1 for linear, conv*, conv_transpose* and sigmoid; 5/3 for tanh; √2 for
    /// relu; √(2 / (1 + slope²)) for leaky_relu (slope <paramref name="param"/>, default 0.01); 3/4 for selu.
    /// PyTorch: <c>torch.nn.init.calculate_gain</c>.
    /// </summary>
    /// <param name="nonlinearity">The function's PyTorch name, e.g. <c>"relu"</c>.</param>
    /// <param name="param">The negative slope for <c>"leaky_relu"</c>; ignored by the others.</param>
    public static double CalculateGain(string nonlinearity, double? param = null)
    {
        ArgumentNullException.ThrowIfNull(nonlinearity);
        switch (nonlinearity)
        {
            case "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid":
                return 1.0;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.Sqrt(2.0);
            case "leaky_relu":
                double slope = param ?? 0.01;
                if (!double.IsFinite(slope))
                    throw new ArgumentOutOfRangeException(nameof(param), param, Invariant($"Init.CalculateGain: negative_slope {slope} is not a valid number; expected a finite value."));
                return Math.Sqrt(2.0 / (1 + slope * slope));
            case "selu":
                return 3.0 / 4;
            default:
                throw new ArgumentException(
                    $"Init.CalculateGain: unsupported nonlinearity \"{nonlinearity}\"; expected linear, conv1d, conv2d, conv3d, conv_transpose1d, " +
                    "conv_transpose2d, conv_transpose3d, sigmoid, tanh, relu, leaky_relu or selu.", nameof(nonlinearity));
        }
    }

    /// <summary>
    /// The fan-in and fan-out of a weight of at least 2 dimensions: size(1) × receptive field and size(0) × receptive
    /// field, the receptive field being the product of the dimensions after the first two. PyTorch:
    /// <c>torch.nn.init._calculate_fan_in_and_fan_out</c>.
    /// </summary>
    /// <param name="tensor">The weight.</param>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor) => Fans(tensor, "Init.CalculateFanInAndFanOut");

    /// <summary>Fills <paramref name="tensor"/> uniformly in [a, b). PyTorch: <c>torch.nn.init.uniform_</c>.</summary>
    /// <param name="tensor">The tensor to overwrite (float).</param>
    /// <param name="a">Lower bound.</param>
    /// <param name="b">Upper bound, &gt;= a.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Uniform(Tensor tensor, double a = 0, double b = 1, NumPyRandomState? generator = null)
    {
        Check(tensor, "Init.Uniform");
        return Write(tensor, (generator ?? Generator).Uniform(a, b, tensor.Shape.ToArray()));
    }

    /// <summary>Fills <paramref name="tensor"/> from N(mean, std²). PyTorch: <c>torch.nn.init.normal_</c>.</summary>
    /// <param name="tensor">The tensor to overwrite (float).</param>
    /// <param name="mean">Mean.</param>
    /// <param name="std">Standard deviation, &gt;= 0.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1, NumPyRandomState? generator = null)
    {
        Check(tensor, "Init.Normal");
        return Write(tensor, (generator ?? Generator).Normal(mean, std, tensor.Shape.ToArray()));
    }

    /// <summary>Fills <paramref name="tensor"/> with <paramref name="value"/>. PyTorch: <c>torch.nn.init.constant_</c>.</summary>
    /// <param name="tensor">The tensor to overwrite (float).</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Constant(Tensor tensor, double value)
    {
        Check(tensor, "Init.Constant");
        return Write(tensor, Tensor.Scalar(value));
    }

    /// <summary>Fills <paramref name="tensor"/> with zeros. PyTorch: <c>torch.nn.init.zeros_</c>.</summary>
    /// <param name="tensor">The tensor to overwrite (float).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Zeros(Tensor tensor)
    {
        Check(tensor, "Init.Zeros");
        return Write(tensor, Tensor.Scalar(0));
    }

    /// <summary>Fills <paramref name="tensor"/> with ones. PyTorch: <c>torch.nn.init.ones_</c>.</summary>
    /// <param name="tensor">The tensor to overwrite (float).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor Ones(Tensor tensor)
    {
        Check(tensor, "Init.Ones");
        return Write(tensor, Tensor.Scalar(1));
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> uniformly in ±gain·√(6 / (fanIn + fanOut)) (Glorot and Bengio, 2010). PyTorch:
    /// <c>torch.nn.init.xavier_uniform_</c>.
    /// </summary>
    /// <param name="tensor">The weight to overwrite (float, at least 2 dimensions).</param>
    /// <param name="gain">Scaling factor.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1, NumPyRandomState? generator = null)
    {
        double a = Math.Sqrt(3.0) * XavierStd(tensor, gain, "Init.XavierUniform");
        return Write(tensor, (generator ?? Generator).Uniform(-a, a, tensor.Shape.ToArray()));
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> from N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). PyTorch:
    /// <c>torch.nn.init.xavier_normal_</c>.
    /// </summary>
    /// <param name="tensor">The weight to overwrite (float, at least 2 dimensions).</param>
    /// <param name="gain">Scaling factor.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1, NumPyRandomState? generator = null)
    {
        double std = XavierStd(tensor, gain, "Init.XavierNormal");
        return Write(tensor, (generator ?? Generator).Normal(0, std, tensor.Shape.ToArray()));
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> uniformly in ±√3·gain/√fan (He et al., 2015), gain =
    /// <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>). A tensor with no elements
    /// is left as it is (torch warns). PyTorch: <c>torch.nn.init.kaiming_uniform_</c>.
    /// </summary>
    /// <param name="tensor">The weight to overwrite (float, at least 2 dimensions).</param>
    /// <param name="a">The negative slope of the rectifier after this layer (for leaky_relu).</param>
    /// <param name="mode"><c>"fan_in"</c> (keeps the forward variance) or <c>"fan_out"</c> (the backward's).</param>
    /// <param name="nonlinearity">The nonlinearity's PyTorch name, as for <see cref="CalculateGain"/>.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", NumPyRandomState? generator = null)
    {
        if (KaimingStd(tensor, a, mode, nonlinearity, "Init.KaimingUniform") is not { } std) return tensor;
        double bound = Math.Sqrt(3.0) * std;
        return Write(tensor, (generator ?? Generator).Uniform(-bound, bound, tensor.Shape.ToArray()));
    }

    /// <summary>
    /// Fills <paramref name="tensor"/> from N(0, std²) with std = gain/√fan (He et al., 2015), gain =
    /// <see cref="CalculateGain"/>(<paramref name="nonlinearity"/>, <paramref name="a"/>). A tensor with no elements
    /// is left as it is (torch warns). PyTorch: <c>torch.nn.init.kaiming_normal_</c>.
    /// </summary>
    /// <param name="tensor">The weight to overwrite (float, at least 2 dimensions).</param>
    /// <param name="a">The negative slope of the rectifier after this layer (for leaky_relu).</param>
    /// <param name="mode"><c>"fan_in"</c> (keeps the forward variance) or <c>"fan_out"</c> (the backward's).</param>
    /// <param name="nonlinearity">The nonlinearity's PyTorch name, as for <see cref="CalculateGain"/>.</param>
    /// <param name="generator">Random source (default: <see cref="Generator"/>).</param>
    /// <returns><paramref name="tensor"/>.</returns>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu", NumPyRandomState? generator = null)
    {
        if (KaimingStd(tensor, a, mode, nonlinearity, "Init.KaimingNormal") is not { } std) return tensor;
        return Write(tensor, (generator ?? Generator).Normal(0, std, tensor.Shape.ToArray()));
    }

    private static double XavierStd(Tensor tensor, double gain, string op)
    {
        Check(tensor, op);
        var (fanIn, fanOut) = Fans(tensor, op);
        if (fanIn + fanOut == 0)
            throw new ArgumentException(Invariant($"{op}: fan_in + fan_out is 0 for shape {Shape(tensor)}; expected at least one non-empty dimension."), nameof(tensor));
        return gain * Math.Sqrt(2.0 / (fanIn + fanOut));
    }

    private static double? KaimingStd(Tensor tensor, double a, string mode, string nonlinearity, string op)
    {
        Check(tensor, op);
        ArgumentNullException.ThrowIfNull(mode);
        if (mode is not ("fan_in" or "fan_out"))
            throw new ArgumentException($"{op}: mode \"{mode}\" is not supported; expected \"fan_in\" or \"fan_out\".", nameof(mode));
        if (tensor.Shape.Contains(0)) return null; // torch: "Initializing zero-element tensors is a no-op"
        var (fanIn, fanOut) = Fans(tensor, op);
        double gain = CalculateGain(nonlinearity, a);
        return gain / Math.Sqrt(mode == "fan_in" ? fanIn : fanOut);
    }

    private static (long FanIn, long FanOut) Fans(Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        if (shape.Count < 2)
            throw new ArgumentException(
                Invariant($"{op}: fan in and fan out cannot be computed for a tensor of shape {Shape(tensor)} with {shape.Count} dims; expected at least 2 dims."), nameof(tensor));
        long receptive = 1;
        for (int d = 2; d < shape.Count; d++) receptive *= shape[d];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    private static void Check(Tensor tensor, string op)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.DType.CheckedFloat(op); // before drawing, so a refused call leaves the generator as it was
    }

    private static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.Shape) + "]";

    private static Tensor Write(Tensor tensor, Tensor values)
    {
        using (Autograd.NoGrad()) tensor.CopyFrom(values);
        return tensor;
    }
}
