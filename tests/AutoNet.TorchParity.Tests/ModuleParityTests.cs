using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;
using TorchModules = TorchSharp.Modules;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Every layer (Linear with and without bias, ReLU, Sigmoid, Tanh, Sequential) exported to TorchSharp with the same
/// weights and checked with Parity.CheckModule: output, input gradient and every parameter gradient. Also the
/// export and import themselves: names, values, dtypes, requires_grad.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]   // one test seeds the process-wide default generator
public class ModuleParityTests
{
    private static Module Build(string name, DType dtype)
    {
        var gen = new Data.NumPyRandomState(Inputs.StableSeed(name));
        return name switch
        {
            "Linear" => new Linear(4, 3, dtype: dtype, generator: gen),
            "Linear without bias" => new Linear(4, 3, bias: false, dtype: dtype, generator: gen),
            "ReLU" => new ReLU(),
            "Sigmoid" => new Nn.Sigmoid(),
            "Tanh" => new Nn.Tanh(),
            "Sequential MLP" => new Sequential(new Linear(4, 8, dtype: dtype, generator: gen), new ReLU(),
                new Linear(8, 5, bias: false, dtype: dtype, generator: gen), new Nn.Tanh(),
                new Linear(5, 1, dtype: dtype, generator: gen), new Nn.Sigmoid()),
            "Nested Sequential" => new Sequential(new Sequential(new Linear(4, 4, dtype: dtype, generator: gen), new Nn.Tanh()),
                new Linear(4, 2, dtype: dtype, generator: gen)),
            "Empty Sequential" => new Sequential(),
            _ => throw new ArgumentException(name),
        };
    }

    public static IEnumerable<object[]> Layers() =>
        from name in new[] { "Linear", "Linear without bias", "ReLU", "Sigmoid", "Tanh", "Sequential MLP", "Nested Sequential", "Empty Sequential" }
        from dtype in new[] { DType.Float64, DType.Float32 }
        select new object[] { name, dtype };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Layer_matches_its_TorchSharp_export(string name, DType dtype)
    {
        var module = Build(name, dtype);
        var x = Inputs.Make(name, dtype, [new InputSpec([6, 4])])[0];
        using var scope = torch.NewDisposeScope();

        var result = Parity.CheckModule(module, x);

        ParityLog.AssertPassed(result, $"module {name} {dtype.Name()}");
        Assert.Equal(2 + module.Parameters().Count(), result.Comparisons.Count);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Export_keeps_names_values_dtypes_and_requires_grad(DType dtype)
    {
        var model = (Sequential)Build("Sequential MLP", dtype);
        ((Linear)model[2]).Weight.RequiresGrad = false;
        using var scope = torch.NewDisposeScope();

        var exported = model.ToTorch();

        Assert.IsType<TorchModules.Sequential>(exported);
        var ours = model.NamedParameters().ToList();
        var theirs = exported.named_parameters().ToList();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "4.weight", "4.bias"], ours.Select(p => p.Name));
        Assert.Equal(ours.Select(p => p.Name), theirs.Select(p => p.name));
        for (int i = 0; i < ours.Count; i++)
        {
            Assert.Equal(dtype.ToScalarType(), theirs[i].parameter.dtype);
            Assert.Equal(ours[i].Parameter.RequiresGrad, theirs[i].parameter.requires_grad);
            AssertBitEqual(ours[i].Parameter, theirs[i].parameter.ToAutoNet());
        }
        Assert.IsType<TorchModules.ReLU>(exported.named_children().ElementAt(1).module);
        Assert.IsType<TorchModules.Sigmoid>(exported.named_children().ElementAt(5).module);
    }

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Import_builds_the_AutoNet_model_from_a_TorchSharp_one(DType dtype)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(11);
        var torchModel = torch.nn.Sequential(
            ("0", torch.nn.Linear(3, 4, dtype: dtype.ToScalarType())), ("1", torch.nn.Tanh()),
            ("2", torch.nn.Linear(4, 2, hasBias: false, dtype: dtype.ToScalarType())), ("3", torch.nn.Sigmoid()), ("4", torch.nn.ReLU()));

        var model = torchModel.ToAutoNet();

        Assert.IsType<Sequential>(model);
        var layers = ((Sequential)model).Layers;
        Assert.IsType<Linear>(layers[0]);
        Assert.IsType<Nn.Tanh>(layers[1]);
        Assert.Null(((Linear)layers[2]).Bias);
        Assert.IsType<Nn.Sigmoid>(layers[3]);
        Assert.IsType<ReLU>(layers[4]);
        var theirs = torchModel.named_parameters().ToList();
        var ours = model.NamedParameters().ToList();
        Assert.Equal(theirs.Select(p => p.name), ours.Select(p => p.Name));
        for (int i = 0; i < ours.Count; i++) AssertBitEqual(theirs[i].parameter.ToAutoNet(), ours[i].Parameter);

        var x = Inputs.Make("import", dtype, [new InputSpec([5, 3])])[0];
        ParityLog.AssertPassed(Parity.CheckModule(model, torchModel, x), $"imported Sequential {dtype.Name()}");
    }

    [Fact]
    public void Import_does_not_draw_from_the_default_AutoNet_generator()
    {
        using var scope = torch.NewDisposeScope();
        var torchModel = torch.nn.Sequential(("0", torch.nn.Linear(3, 4, dtype: torch.ScalarType.Float64)));
        Init.ManualSeed(123);
        double expected = new Data.NumPyRandomState(123).NextDouble();

        _ = torchModel.ToAutoNet();

        Assert.Equal(expected, Init.Generator.NextDouble());
    }

    [Fact]
    public void Round_trip_gives_back_the_same_parameters()
    {
        var model = Build("Nested Sequential", DType.Float64);
        using var scope = torch.NewDisposeScope();

        var back = model.ToTorch().ToAutoNet();

        Assert.Equal(model.NamedParameters().Select(p => p.Name), back.NamedParameters().Select(p => p.Name));
        foreach (var (a, b) in model.Parameters().Zip(back.Parameters()))
        {
            AssertBitEqual(a, b);
            Assert.NotSame(a, b);
        }
        Assert.Equal(model.ToString(), back.ToString());
    }

    [Fact]
    public void An_unknown_layer_is_refused_with_the_way_to_register_one()
    {
        var model = new Sequential(new Linear(2, 2), new Doubler());

        var e = Assert.Throws<NotSupportedException>(() => model.ToTorch());

        Assert.Contains(typeof(Doubler).FullName!, e.Message);
        Assert.Contains("ModuleConverters.Register", e.Message);
    }

    [Fact]
    public void A_TorchSharp_Sequential_with_named_children_is_refused_because_names_would_change()
    {
        using var scope = torch.NewDisposeScope();
        var torchModel = torch.nn.Sequential(("hidden", torch.nn.Linear(2, 2, dtype: torch.ScalarType.Float64)));

        var e = Assert.Throws<InvalidOperationException>(() => torchModel.ToAutoNet());

        Assert.Contains("hidden.weight", e.Message);
        Assert.Contains("0.weight", e.Message);
    }

    private static void AssertBitEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.ToArray().Select(BitConverter.DoubleToInt64Bits), actual.ToArray().Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>A user's layer with no registered converter.</summary>
    private sealed class Doubler : Module
    {
        public override Tensor Forward(Tensor input) => input * 2.0;
    }
}
