using AutoNet.Optim;
using Xunit;

namespace AutoNet.Tests.Optim;

/// <summary>
/// Every optimiser updates as PyTorch's in-place ops under <c>torch.no_grad()</c>: the parameter's own memory
/// changes, its version is bumped (a graph that saved the old values refuses them), and a step creates no tensors.
/// </summary>
public class OptimizerInPlaceTests
{
    public static TheoryData<string> Names => new() { "SGD", "SGD momentum", "Adam", "AdamW amsgrad", "RMSprop centered momentum", "Adagrad" };

    private static Optimizer Make(string name, Tensor p) => name switch
    {
        "SGD" => new SGD([p], lr: 0.1),
        "SGD momentum" => new SGD([p], lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true),
        "Adam" => new Adam([p], weightDecay: 0.1),
        "AdamW amsgrad" => new AdamW([p], amsgrad: true),
        "RMSprop centered momentum" => new RMSprop([p], momentum: 0.5, centered: true, weightDecay: 0.1),
        "Adagrad" => new Adagrad([p], lrDecay: 0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static Tensor Parameter(int n)
    {
        var p = Tensor.From(Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray(), n);
        p.RequiresGrad = true;
        p.Grad = Tensor.From(Enumerable.Range(0, n).Select(i => Math.Cos(i)).ToArray(), n);
        return p;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_step_changes_the_parameter_in_place_and_a_graph_that_saved_it_refuses_it_as_PyTorch(string name)
    {
        var p = Parameter(5);
        var before = p.ToArray();
        var saved = (p * p).Sum();   // Mul saves p
        int version = p.Storage.Version;

        Make(name, p).Step();

        Assert.NotEqual(before, p.ToArray());
        Assert.True(p.Storage.Version > version, "the step did not bump the parameter's version");
        Assert.Throws<InvalidOperationException>(() => saved.Backward());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_step_creates_no_tensors(string name)
    {
        var p = Parameter(4096);   // 32 KB of float64: one new tensor per step would show
        var optimizer = Make(name, p);
        optimizer.Step();          // the first step creates the state
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) optimizer.Step();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - start) / 10;
        Assert.True(perStep < 1024, $"{name}: {perStep} bytes allocated per step");
    }
}
