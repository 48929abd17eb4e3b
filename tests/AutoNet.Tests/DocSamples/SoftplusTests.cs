using System.Text.Json;
using global::DocSamples.WriteYourOwnOp;
using Xunit;

namespace AutoNet.Tests.DocSamples;

/// <summary>
/// The tests of docs/write-your-own-op.md's worked example, for both forms: the library op (Softplus.cs, as in
/// src/AutoNet/Ops) and the user-defined Autograd.Function (examples/DocSamples/WriteYourOwnOp/SoftplusFunction.cs).
/// </summary>
public class SoftplusTests
{
    public static TheoryData<string> Forms() => ["op", "function"];

    private static Tensor Apply(string form, Tensor x) => form == "op" ? x.Softplus() : new SoftplusFunction().Apply(x);

    /// <summary>The gradient check, first and second order: Autograd.GradCheck compares backward's gradient with
    /// central differences (PyTorch: torch.autograd.gradcheck and gradgradcheck).</summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public void GradCheckPasses(string form)
    {
        var x = Tensor.From([-3.0, -0.5, 0.0, 0.7, 4.0], 5);
        x.RequiresGrad = true;

        var first = Autograd.GradCheck(inputs => Apply(form, inputs[0]), [x]);     // eps 1e-6, atol 1e-5, rtol 1e-3
        var second = Autograd.GradGradCheck(inputs => Apply(form, inputs[0]), [x]); // backward's own backward

        Assert.True(first.Passed, first.ToString());   // ToString names the worst element
        Assert.True(second.Passed, second.ToString());
    }

    /// <summary>What GradCheck does, written out: backward's gradient equals the slope measured by central differences,
    /// (f(x + ε) - f(x - ε)) / 2ε, for each element, within atol + rtol·|numerical|.</summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public void BackwardMatchesCentralDifferences(string form)
    {
        const double eps = 1e-6, atol = 1e-5, rtol = 1e-3;
        double[] values = [-3.0, -0.5, 0.0, 0.7, 4.0];
        var x = Tensor.From(values, values.Length);
        x.RequiresGrad = true;

        Apply(form, x).Sum().Backward();

        var analytical = x.Grad!.ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            double F(double xi) => Apply(form, Tensor.From([xi], 1)).Item();
            double numerical = (F(values[i] + eps) - F(values[i] - eps)) / (2 * eps);
            Assert.True(Math.Abs(analytical[i] - numerical) <= atol + rtol * Math.Abs(numerical),
                $"softplus'({values[i]}): backward gives {analytical[i]}, central differences {numerical}");
        }
    }

    /// <summary>The parity test: values and gradients equal PyTorch's, recorded by Fixtures/softplus/record_softplus.py.</summary>
    [Theory]
    [MemberData(nameof(Forms))]
    public void MatchesPyTorch(string form)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "softplus", "softplus-torch.json")));
        double[] Read(string name) => [.. json.RootElement.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];
        var x = Tensor.From(Read("x"), Read("x").Length);
        x.RequiresGrad = true;

        var y = Apply(form, x);
        y.Backward(Tensor.From(Read("upstream"), x.Count));

        AssertClose(Read("y"), y.ToArray());
        AssertClose(Read("grad"), x.Grad!.ToArray());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void NothingIsRecordedWithoutRequiresGrad(string form)
    {
        var y = Apply(form, Tensor.From([1.0], 1));

        Assert.Null(y.GradFn);
        Assert.Equal(Math.Log(1 + Math.E), y.Item(), 15);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-15 + 1e-14 * Math.Abs(expected[i]),
                $"element {i}: PyTorch {expected[i]:R}, AutoNet {actual[i]:R}");
    }
}
