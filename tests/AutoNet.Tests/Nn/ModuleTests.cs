using AutoNet.Data;
using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class ModuleTests
{
    private static Sequential Moons() => new(new Linear(2, 4), new ReLU(), new Linear(4, 1), new AutoNet.Nn.Sigmoid());

    [Fact]
    public void Parameters_are_found_without_registration_and_named_like_PyTorch_state_dict_keys()
    {
        var names = Moons().NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "0.weight", "0.bias", "2.weight", "2.bias" }, names);
    }

    [Fact]
    public void Linear_has_out_in_weight_and_out_bias()
    {
        var layer = new Linear(3, 5);
        Assert.Equal(new[] { 5, 3 }, layer.Weight.Shape);
        Assert.Equal(new[] { 5 }, layer.Bias!.Shape);
        Assert.True(layer.Weight.RequiresGrad);
        Assert.Null(new Linear(3, 5, bias: false).Bias);
        Assert.Single(new Linear(3, 5, bias: false).Parameters());
    }

    [Fact]
    public void Linear_default_init_is_uniform_within_one_over_sqrt_fan_in()
    {
        var layer = new Linear(16, 64, generator: new NumPyRandomState(1));
        var w = layer.Weight.ToArray();
        Assert.All(w, v => Assert.InRange(v, -0.25, 0.25));
        Assert.True(w.Max() > 0.2 && w.Min() < -0.2, "values spread over the whole range");
        Assert.All(layer.Bias!.ToArray(), v => Assert.InRange(v, -0.25, 0.25));
    }

    [Fact]
    public void Linear_init_is_reproducible_from_the_seed()
    {
        var a = new Linear(4, 3, generator: new NumPyRandomState(7)).Weight.ToArray();
        var b = new Linear(4, 3, generator: new NumPyRandomState(7)).Weight.ToArray();
        Assert.Equal(a, b);
        // The weight is the first 12 draws of uniform(-1/2, 1/2) in row-major order.
        Assert.Equal(new NumPyRandomState(7).Uniform(-0.5, 0.5, 3, 4).ToArray(), a);
    }

    [Fact]
    public void Linear_forward_is_x_times_weight_transposed_plus_bias()
    {
        var layer = new Linear(2, 3);
        using (AutoNet.Autograd.NoGrad())
        {
            layer.Weight.CopyFrom(Tensor.From([1.0, 2, 3, 4, 5, 6], 3, 2));
            layer.Bias!.CopyFrom(Tensor.From([0.5, -0.5, 1]));
        }
        var y = layer.Forward(Tensor.From([1.0, 1, 2, 0], 2, 2));
        Assert.Equal(new[] { 3.5, 6.5, 12, 2.5, 5.5, 11 }, y.ToArray());
    }

    [Fact]
    public void Linear_names_the_expected_input_size()
    {
        var e = Assert.Throws<ArgumentException>(() => new Linear(2, 4).Forward(Tensor.Zeros(5, 3)));
        Assert.Contains("last dimension 2", e.Message);
        Assert.Contains("[5, 3]", e.Message);
    }

    [Fact]
    public void ToString_reads_like_PyTorchs_repr()
    {
        Assert.Equal(
            "Sequential(\n  (0): Linear(in_features=2, out_features=4, bias=True)\n  (1): ReLU()\n" +
            "  (2): Linear(in_features=4, out_features=1, bias=True)\n  (3): Sigmoid()\n)\nParameters: 17",
            Moons().ToString());
    }

    [Fact]
    public void ZeroGrad_clears_every_gradient()
    {
        var model = Moons();
        new BCELoss().Forward(model.Forward(Tensor.Ones(3, 2)), Tensor.Ones(3, 1)).Backward();
        Assert.All(model.Parameters(), p => Assert.NotNull(p.Grad));
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Train_and_Eval_reach_every_submodule()
    {
        var model = Moons();
        model.Eval();
        Assert.All(model.Layers, m => Assert.False(m.Training));
        model.Train();
        Assert.All(model.Layers, m => Assert.True(m.Training));
    }

    private sealed class TwoLayer : Module
    {
        private readonly Linear _encoder = new(3, 2);
        public Linear Head { get; } = new(2, 1);
        public Parameter Scale { get; } = new(Tensor.Ones(1));
        private readonly Tensor _notAParameter = Tensor.Ones(1);

        public override Tensor Forward(Tensor input) => Head.Forward(_encoder.Forward(input).Tanh()) * Scale + _notAParameter;
    }

    [Fact]
    public void User_modules_find_fields_properties_and_submodules_in_declaration_order()
    {
        var names = new TwoLayer().NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "scale", "encoder.weight", "encoder.bias", "head.weight", "head.bias" }, names);
        Assert.Equal("TwoLayer(\n  (encoder): Linear(in_features=3, out_features=2, bias=True)\n  (head): Linear(in_features=2, out_features=1, bias=True)\n)\nParameters: 12",
            new TwoLayer().ToString());
    }

    [Fact]
    public void A_shared_parameter_is_listed_once()
    {
        var shared = new Linear(2, 2);
        Assert.Equal(2, new Sequential(shared, shared).Parameters().Count());
    }
}
