using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// The activation layers added for the next networks (ELU, SELU, SiLU, Mish, ReLU6, Hardtanh, LogSigmoid, Softsign,
/// and Softplus with its beta and threshold):
/// each exported to TorchSharp and checked with Parity.CheckModule (output and input gradient, float64 and float32,
/// on normal and on wide inputs), and converted both ways with its settings. Hardtanh converts, but is not compared:
/// TorchSharp 0.107's Hardtanh returns its input unchanged (its values are checked against PyTorch 1.13's recording
/// and, live, against a where-spelling of torch's hardtanh in the op table).
/// </summary>
public class ActivationLayerParityTests
{
    private static Module Build(string name) => name switch
    {
        "ELU" => new Nn.ELU(),
        "ELU 0.3" => new Nn.ELU(0.3),
        "SELU" => new Nn.SELU(),
        "SiLU" => new Nn.SiLU(),
        "Mish" => new Nn.Mish(),
        "ReLU6" => new Nn.ReLU6(),
        "LogSigmoid" => new Nn.LogSigmoid(),
        "Softsign" => new Nn.Softsign(),
        "Softplus" => new Nn.Softplus(),
        "Softplus 2, 5" => new Nn.Softplus(2, 5),
        _ => throw new ArgumentException(name),
    };

    public static IEnumerable<object[]> Cases() =>
        from name in new[] { "ELU", "ELU 0.3", "SELU", "SiLU", "Mish", "ReLU6", "LogSigmoid", "Softsign", "Softplus", "Softplus 2, 5" }
        from kind in new[] { InputKind.Normal, InputKind.Wide }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { name, kind, dtype };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layer_matches_its_TorchSharp_export(string name, InputKind kind, DType dtype)
    {
        var module = Build(name);
        var x = Inputs.Make($"{name} {kind}", dtype, [new InputSpec([6, 4], kind)])[0];
        using var scope = torch.NewDisposeScope();

        var result = Parity.CheckModule(module, x, ParityOptions.Default);

        ParityLog.AssertPassed(result, $"layer {name} {kind} {dtype.Name()}");
        Assert.Equal(2, result.Comparisons.Count);
    }

    [Fact]
    public void Settings_survive_export_and_import()
    {
        var model = new Sequential(new Nn.ELU(0.75), new Nn.SELU(), new Nn.SiLU(), new Nn.Mish(), new Nn.ReLU6(), new Nn.Hardtanh(-2.5, 0.5),
            new Nn.LogSigmoid(), new Nn.Softsign(), new Nn.Softplus(2, 5));
        using var scope = torch.NewDisposeScope();

        var exported = model.ToTorch();

        var layers = exported.children().ToList();
        Assert.Equal(0.75, Assert.IsType<TorchModules.ELU>(layers[0]).alpha);
        Assert.IsType<TorchModules.SELU>(layers[1]);
        Assert.IsType<TorchModules.SiLU>(layers[2]);
        Assert.IsType<TorchModules.Mish>(layers[3]);
        Assert.IsType<TorchModules.ReLU6>(layers[4]);
        var hardtanh = Assert.IsType<TorchModules.Hardtanh>(layers[5]);
        Assert.Equal((-2.5, 0.5), (hardtanh.min_val, hardtanh.max_val));
        Assert.IsType<TorchModules.LogSigmoid>(layers[6]);
        Assert.IsType<TorchModules.Softsign>(layers[7]);
        var softplus = Assert.IsType<TorchModules.Softplus>(layers[8]);
        Assert.Equal((2.0, 5.0), (softplus.beta, softplus.threshold));

        var back = Assert.IsType<Sequential>(exported.ToAutoNet());
        Assert.Equal(model.ToString(), back.ToString());
        Assert.Equal(0.75, Assert.IsType<Nn.ELU>(back.Layers[0]).Alpha);
        Assert.Equal((-2.5, 0.5), (Assert.IsType<Nn.Hardtanh>(back.Layers[5]).MinVal, ((Nn.Hardtanh)back.Layers[5]).MaxVal));
    }
}
