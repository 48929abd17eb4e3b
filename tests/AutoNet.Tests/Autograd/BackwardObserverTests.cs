using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// The engine reports each backward pass to an observer registered with Autograd/ (the backward tracer is one), so
/// it knows nothing of Visualization/: PyTorch's equivalent is a hook registered on the nodes.
/// </summary>
public class BackwardObserverTests
{
    private sealed class Recorder : IBackwardObserver
    {
        public List<string> Lines { get; } = [];

        public void Begin(Tensor[] roots, Tensor[] seeds, bool accumulatesIntoGrad) => Lines.Add($"begin {roots.Length} {accumulatesIntoGrad}");

        public void Step(Node node, Tensor? grad, Tensor?[]? inputGrads, IReadOnlyList<Tensor> inputs) =>
            Lines.Add($"{node.Name} [{string.Join(", ", inputGrads!.Select(g => g is null ? "-" : string.Join(" ", g.Shape)))}]");
    }

    [Fact]
    public void A_registered_observer_sees_every_node_run_with_the_checked_gradients()
    {
        var x = Tensor.From([1.0, 2, 3, 4], 2, 2);
        x.RequiresGrad = true;
        var bias = Tensor.From([1.0, 2]);
        bias.RequiresGrad = true;
        var recorder = new Recorder();
        using (BackwardObserver.Register(recorder)) (x + bias).Sum().Backward();
        (x * 2.0).Sum().Backward();                          // after the scope: not seen
        Assert.Equal(["begin 1 True", "Sum [2 2]", "Add [2 2, 2]"], recorder.Lines);
    }

    [Fact]
    public void The_engine_does_not_depend_on_Visualization()
    {
        string engine = File.ReadAllText(DocSamples.RepositoryFiles.PathOf("src/AutoNet/Autograd/BackwardEngine.cs"));
        Assert.DoesNotContain("Visualization", engine);
    }

}
