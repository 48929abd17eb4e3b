using Xunit;

namespace AutoNet.Tests.AutogradEngine;

/// <summary>
/// A node owns what it saves for backward: <c>Save</c> returns a handle that backward frees, and reading it
/// afterwards gives PyTorch's "Trying to backward through the graph a second time" error.
/// </summary>
public class SavedTensorTests
{
    /// <summary>y = 2x saving x, to read the handle after backward freed it.</summary>
    private sealed class Double : AutoNet.Autograd.Function
    {
        public SavedTensor X = null!;

        protected override Tensor Forward(Tensor[] inputs)
        {
            X = Save(inputs[0]);
            return inputs[0] * 2.0;
        }

        protected internal override Tensor?[] Backward(Tensor grad) => [grad * 2.0];
    }

    [Fact]
    public void A_saved_tensor_read_after_backward_freed_it_says_second_time()
    {
        var x = Tensor.From([1.0, 2]);
        x.RequiresGrad = true;
        var op = new Double();
        op.Apply(x).Sum().Backward();
        Assert.True(op.IsReleased);
        var e = Assert.Throws<InvalidOperationException>(() => op.X.Value);
        Assert.Contains("second time", e.Message);
        Assert.Contains("Double", e.Message);
    }

    [Fact]
    public void No_op_overrides_Release_the_node_frees_what_it_saved()
    {
        var nodes = typeof(Node).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Node)));
        var overriding = nodes
            .Where(t => t.GetMethod("Release", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic |
                System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.DeclaredOnly) is not null)
            .Select(t => t.Name).ToList();
        Assert.Empty(overriding);
        Assert.True(nodes.Count() > 25);
    }
}
