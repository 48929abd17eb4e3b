using AutoNet.CaseTable;
using AutoNet.Nn;
using AutoNet.TorchParity.Tests.Support;
using AutoNet.TorchSharp;
using TorchSharp;
using Xunit;

namespace AutoNet.TorchParity.Tests;

/// <summary>
/// Second-order gradients (backward with createGraph) compared with libtorch's
/// <c>torch.autograd.grad(..., create_graph: true)</c>: for every op case, and for a small MLP.
/// </summary>
public class SecondOrderParityTests
{
    /// <summary>
    /// The op table's cases whose inputs all require grad, apart from Int64/Bool index and mask inputs (held
    /// constant), but not binary cross-entropy: its second derivative
    /// differs from PyTorch's (float64 by up to 1e-10 relative on p in (0.02, 0.98); at p = 0 or 1 AutoNet gives
    /// about 3e12 where PyTorch gives 0, PyTorch's double backward of binary_cross_entropy clamping differently);
    /// nor scaled_dot_product_attention: libtorch 2.10's CPU kernel has no double backward (it aborts the process:
    /// "derivative for aten::_scaled_dot_product_flash_attention_for_cpu_backward is not implemented"), so
    /// AttentionParityTests checks its second order against libtorch's math path (matmul, softmax) instead.
    /// </summary>
    public static IEnumerable<object[]> Cases() => OpParityTests.Cases()
        .Where(c => OpTable.ById[(string)c[0]] is var (tc, variant) && tc.Op is not ("bce" or "scaled_dot_product_attention")
            && tc.Inputs.Select((input, i) => input.RequiresGrad || IsIndex(tc.InputDType(i, variant))).All(ok => ok));

    private static bool IsIndex(string dtype) => dtype is "int64" or "bool";

    /// <summary>
    /// For an op f and a constant v shaped like f's output, checks g_i(x) = ∂(v · f(x))/∂x_i for each input i,
    /// computed with createGraph in both libraries. Parity compares g_i itself (first order, element by element) and,
    /// back-propagating a random w through g_i, the gradient ∂(w · g_i)/∂x_j for every input j: a Hessian-vector
    /// product of f (second order).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_of_the_gradient_matches_PyTorch(string name)
    {
        var (c, variant) = OpTable.ById[name];
        var inputs = OpTable.MakeInputs(c, variant);
        Tensor probe;
        using (Autograd.NoGrad()) probe = OpCatalog.Apply(c.Op, c.Args, inputs);
        var v = Inputs.Make(new Data.NumPyRandomState(7), new InputSpec(probe.Shape.ToArray()), probe.DType);
        using var scope = torch.NewDisposeScope();

        var wanted = Enumerable.Range(0, inputs.Length).Where(i => inputs[i].RequiresGrad).ToArray();
        var constant = Enumerable.Range(0, inputs.Length).Where(i => !inputs[i].RequiresGrad).ToArray();
        foreach (int input in wanted)
        {
            int position = Array.IndexOf(wanted, input);
            var result = Parity.Check(
                xs =>
                {
                    var y = OpCatalog.Apply(c.Op, c.Args, xs);
                    var g = y.RequiresGrad ? Autograd.Grad([y], wanted.Select(j => xs[j]).ToArray(), [v], createGraph: true)[position] : null;
                    return g ?? Tensor.ZerosLike(xs[input]);
                },
                xs =>
                {
                    var y = TorchOpCatalog.Apply(c.Op, c.Args, xs);
                    var g = y.requires_grad ? torch.autograd.grad([y], wanted.Select(j => xs[j]).ToArray(), [v.ToTorch()], retain_graph: true, create_graph: true, allow_unused: true)[position] : null;
                    return g is { IsInvalid: false } ? g : torch.zeros_like(xs[input]);
                },
                new ParityOptions { Tolerance = OpParityTests.ToleranceOf(variant), ConstantInputs = constant }, inputs);

            ParityLog.AssertPassed(result, $"second order {name} (gradient of input {input})");
        }
    }

    /// <summary>
    /// The gradient penalty of a small MLP: g = ∂(sum of the outputs)/∂x with createGraph, then the gradient of
    /// sum(g²) with respect to every parameter and the input, compared with libtorch.
    /// </summary>
    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void Gradient_penalty_of_an_MLP_matches_PyTorch(DType dtype)
    {
        var gen = new Data.NumPyRandomState(3);
        var model = new Sequential(new Linear(3, 5, dtype: dtype, generator: gen), new Nn.Tanh(),
            new Linear(5, 4, dtype: dtype, generator: gen), new Nn.Sigmoid(), new Linear(4, 1, dtype: dtype, generator: gen));
        var x = Inputs.Make(gen, new InputSpec([6, 3]), dtype);
        x.RequiresGrad = true;
        using var scope = torch.NewDisposeScope();
        var torchModel = model.ToTorch();
        var tx = x.ToTorch(requiresGrad: true);

        // AutoNet.
        var g = Autograd.Grad([model.Forward(x).Sum()], [x], createGraph: true)[0]!;
        var penalty = (g * g).Sum();
        var parameters = model.NamedParameters().ToList();
        var second = Autograd.Grad([penalty], [x, .. parameters.Select(p => (Tensor)p.Parameter)]);

        // libtorch.
        var tg = torch.autograd.grad([torchModel.forward(tx).sum()], [tx], retain_graph: true, create_graph: true)[0];
        var tpenalty = (tg * tg).sum();
        var torchParameters = torchModel.named_parameters().ToList();
        // allow_unused: the last layer's bias does not affect ∂(sum of outputs)/∂x, so it gets no gradient.
        var tsecond = torch.autograd.grad([tpenalty], [tx, .. torchParameters.Select(p => (torch.Tensor)p.parameter)], allow_unused: true);

        var close = new Close(ParityTolerance.For(dtype), $"gradient penalty MLP {dtype.Name()}");

        close.Check("penalty", penalty, tpenalty);
        close.Check("first-order gradient of x", g, tg);
        close.Check("gradient of x", second[0]!, tsecond[0]);
        for (int i = 0; i < parameters.Count; i++)
        {
            Assert.Equal(parameters[i].Name, torchParameters[i].name);
            close.Check("gradient of " + parameters[i].Name,
                second[i + 1] ?? Tensor.ZerosLike(parameters[i].Parameter),
                tsecond[i + 1] is { IsInvalid: false } t ? t : torch.zeros_like((torch.Tensor)torchParameters[i].parameter));
        }
        Assert.True(close.Failures.Count == 0, close.ToString());
    }
}
