using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

public class ModuleListTests
{
    private sealed class Tower : Module
    {
        public Tower(int depth)
        {
            Blocks = new ModuleList();
            for (int i = 0; i < depth; i++) Blocks.Add(new Linear(3, 3));
        }

        public Linear Stem { get; } = new(2, 3);

        public ModuleList Blocks { get; }

        public override Tensor Forward(Tensor input)
        {
            var x = Stem.Forward(input);
            foreach (var block in Blocks) x = block.Forward(x).Relu();
            return x;
        }
    }

    [Fact]
    public void Children_are_named_by_index_under_the_field_name()
    {
        var names = new Tower(2).NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(new[] { "stem.weight", "stem.bias", "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias" }, names);
    }

    [Fact]
    public void Indexing_counting_and_appending()
    {
        var a = new Linear(1, 1);
        var b = new ReLU();
        var list = new ModuleList(a).Add(b);
        Assert.Equal(2, list.Count);
        Assert.Same(a, list[0]);
        Assert.Same(b, list[-1]);
        list[1] = new Tanh();
        Assert.IsType<Tanh>(list[1]);
        list.AddRange([new Identity(), new Identity()]);
        Assert.Equal(4, list.Count);
        Assert.Equal(new[] { "0", "1", "2", "3" }, list.NamedChildren().Select(c => c.Name).ToArray());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => list[4]);
        Assert.Contains("ModuleList: index 4 is out of range for a list of 4 modules", e.Message);
    }

    [Fact]
    public void Train_and_Eval_reach_the_modules_in_the_list()
    {
        var tower = new Tower(2);
        tower.Eval();
        Assert.All(tower.Blocks, m => Assert.False(m.Training));
        tower.Train();
        Assert.All(tower.Blocks, m => Assert.True(m.Training));
    }

    [Fact]
    public void Gradients_reach_every_block()
    {
        var tower = new Tower(2);
        tower.Forward(Tensor.Ones(4, 2)).Sum().Backward();
        Assert.All(tower.Parameters(), p => Assert.NotNull(p.Grad));
    }

    [Fact]
    public void Forward_is_not_supported_and_summary_lists_the_modules()
    {
        var list = new ModuleList(new ReLU(), new Identity());
        var e = Assert.Throws<NotSupportedException>(() => list.Forward(Tensor.Zeros(1)));
        Assert.Contains("ModuleList: has no Forward", e.Message);
        Assert.Equal("ModuleList(\n  (0): ReLU()\n  (1): Identity()\n)\nParameters: 0", list.ToString());
    }
}
