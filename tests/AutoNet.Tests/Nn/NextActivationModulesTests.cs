using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// The modules over the activations added for the next networks (ELU, SELU, SiLU, Mish, ReLU6, Hardtanh, LogSigmoid,
/// Softsign): PyTorch's reprs (printed by torch 1.13), the same values as the functional forms (whose PyTorch
/// comparisons are in Ops/), and the argument checks.
/// </summary>
public class NextActivationModulesTests
{
    public static TheoryData<string, string> Reprs => new()
    {
        { "ELU(alpha=1.0)", new ELU().ToString() },
        { "ELU(alpha=0.5)", new ELU(alpha: 0.5).ToString() },
        { "SELU()", new SELU().ToString() },
        { "SiLU()", new SiLU().ToString() },
        { "Mish()", new Mish().ToString() },
        { "ReLU6()", new ReLU6().ToString() },
        { "Hardtanh(min_val=-1.0, max_val=1.0)", new Hardtanh().ToString() },
        { "Hardtanh(min_val=-2.5, max_val=3.0)", new Hardtanh(-2.5, 3.0).ToString() },
        { "LogSigmoid()", new LogSigmoid().ToString() },
        { "Softsign()", new Softsign().ToString() },
    };

    [Theory, MemberData(nameof(Reprs))]
    public void Repr_IsPyTorchs(string expected, string actual) => Assert.Equal(expected, actual);

    [Fact]
    public void Forward_IsTheFunctionalForm_AndHasNoParameters()
    {
        var x = Tensor.From([-7.0, -1.0, -0.25, 0.0, 0.5, 2.0, 6.5]);
        (Module Layer, Func<Tensor, Tensor> F)[] pairs =
        [
            (new ELU(0.3), t => AutoNet.F.Elu(t, 0.3)), (new SELU(), AutoNet.F.Selu), (new SiLU(), AutoNet.F.Silu),
            (new Mish(), AutoNet.F.Mish), (new ReLU6(), AutoNet.F.Relu6), (new Hardtanh(-0.5, 2), t => AutoNet.F.Hardtanh(t, -0.5, 2)),
            (new LogSigmoid(), AutoNet.F.LogSigmoid), (new Softsign(), AutoNet.F.Softsign),
        ];
        foreach (var (layer, f) in pairs)
        {
            Assert.Equal(f(x).ToArray(), layer.Forward(x).ToArray());
            Assert.Empty(layer.Parameters());
        }
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.5, 2.0, 6.0], new ReLU6().Forward(x).ToArray());
        Assert.Equal(0.3, new ELU(0.3).Alpha);
        Assert.Equal((-0.5, 2.0), (new Hardtanh(-0.5, 2).MinVal, new Hardtanh(-0.5, 2).MaxVal));
    }

    [Fact]
    public void BadArguments_AreRefused_WithTheLayerNamed()
    {
        Assert.StartsWith("ELU: alpha must be a finite number, got NaN", Assert.Throws<ArgumentOutOfRangeException>(() => new ELU(double.NaN)).Message);
        // PyTorch's module asserts max_val > min_val (F.hardtanh allows equal bounds).
        Assert.StartsWith("Hardtanh: expected minVal < maxVal, got minVal 1 and maxVal 1",
            Assert.Throws<ArgumentException>(() => new Hardtanh(1, 1)).Message);
        Assert.Throws<ArgumentException>(() => new Hardtanh(double.NaN, 1));
    }
}
