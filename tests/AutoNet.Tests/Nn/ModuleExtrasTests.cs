using AutoNet.Nn;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>Module.To(DType), Apply, forward hooks and Call, the parameter count in the printout.</summary>
public class ModuleExtrasTests
{
    private static Sequential Model() => new(new Linear(3, 4, generator: new AutoNet.Data.NumPyRandomState(1)), new Tanh(), new Linear(4, 2, generator: new AutoNet.Data.NumPyRandomState(2)));

    [Fact]
    public void To_converts_every_parameter_in_place_keeping_the_objects_and_returns_the_module()
    {
        var model = Model();
        var before = model.Parameters().ToArray();
        var values = before.Select(p => p.ToArray()).ToArray();
        var x = Tensor.From([0.5, -1, 2], 1, 3);
        model.Forward(x).Sum().Backward();

        Assert.Same(model, model.To(DType.Float32));

        var after = model.Parameters().ToArray();
        for (int i = 0; i < before.Length; i++)
        {
            Assert.Same(before[i], after[i]);
            Assert.Equal(DType.Float32, after[i].DType);
            Assert.Equal(values[i].Select(v => (double)(float)v), after[i].ToArray());
            Assert.True(after[i].RequiresGrad);
            Assert.Equal(DType.Float32, after[i].Grad!.DType);
        }
        var y = model.Forward(x.To(DType.Float32));
        Assert.Equal(DType.Float32, y.DType);
        model.To(DType.Float64);
        Assert.All(model.Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.To(DType.Int64));
    }

    [Fact]
    public void To_converts_float_buffers_and_the_module_runs_in_the_new_dtype_in_train_and_eval()
    {
        var bn = new BatchNorm1d(3);
        var runningMean = bn.NamedBuffers().Single(b => b.Name == "running_mean").Buffer;
        bn.To(DType.Float32);
        Assert.Same(runningMean, bn.NamedBuffers().Single(b => b.Name == "running_mean").Buffer);
        Assert.All(bn.NamedBuffers(), b => Assert.Equal(DType.Float32, b.Buffer.DType));
        var x = Tensor.From(new float[] { 1, 2, 3, 4, 6, 8 }, 2, 3);
        Assert.Equal(DType.Float32, bn.Forward(x).DType);
        Assert.Equal(new[] { 0.25, 0.4, 0.55 }, runningMean.ToArray().Select(v => Math.Round(v, 6)));
        bn.Eval();
        Assert.Equal(DType.Float32, bn.Forward(x).DType);
    }

    [Fact]
    public void A_graph_that_saved_a_parameter_refuses_it_after_To()
    {
        var lin = new Linear(2, 2);
        var loss = lin.Forward(Tensor.Ones(1, 2)).Pow(2).Sum();
        lin.To(DType.Float32);
        Assert.Throws<InvalidOperationException>(() => loss.Backward());
    }

    [Fact]
    public void Apply_visits_children_first_then_self_as_torch()
    {
        var inner = new Sequential(new Linear(2, 2), new ReLU());
        var model = new Sequential(inner, new Linear(2, 1));
        var seen = new List<string>();
        Assert.Same(model, model.Apply(m => seen.Add(m.GetType().Name)));
        Assert.Equal(["Linear", "ReLU", "Sequential", "Linear", "Sequential"], seen);
        model.Apply(m => { if (m is Linear l) Init.Zeros(l.Weight); });
        Assert.All(model.Parameters().Where(p => p.Rank == 2), p => Assert.All(p.ToArray(), v => Assert.Equal(0.0, v)));
    }

    [Fact]
    public void Forward_hooks_run_in_order_after_Call_may_replace_the_output_and_are_removed_by_their_handle()
    {
        var model = Model();
        var x = Tensor.From([0.5, -1, 2], 1, 3);
        var log = new List<string>();
        var first = (Linear)model[0];
        using var h1 = first.RegisterForwardHook((m, i, o) => { log.Add($"1:{ReferenceEquals(m, first)}:{ReferenceEquals(i, x)}"); return null; });
        var h2 = first.RegisterForwardHook((m, i, o) => { log.Add("2"); return o * 0; });
        var y = model.Call(x);
        Assert.Equal(["1:True:True", "2"], log);
        // The first layer's output was replaced by zeros: what follows sees tanh(0) = 0.
        Assert.Equal(model[2].Forward(Tensor.Zeros(1, 4)).ToArray(), y.ToArray());

        h2.Dispose();
        h2.Dispose();
        log.Clear();
        Assert.Equal(model[2].Forward(model[1].Forward(first.Forward(x))).ToArray(), model.Forward(x).ToArray());
        Assert.Equal(["1:True:True"], log);   // Sequential calls its layers with their hooks, as torch's
        log.Clear();
        first.Forward(x);   // Forward itself runs no hooks, as torch's module.forward(x)
        Assert.Empty(log);
    }

    [Fact]
    public void A_model_printout_ends_with_its_parameter_count()
    {
        var model = new Sequential(new Linear(30, 40), new ReLU(), new Linear(40, 1));
        Assert.Equal(30 * 40 + 40 + 40 + 1, model.ParameterCount());
        Assert.EndsWith("\n)\nParameters: 1,281", model.ToString());
        Assert.Equal(1, model.ToString().Split("Parameters:").Length - 1); // once, at the end, not per submodule
        var shared = new Linear(2, 2);
        Assert.Equal(6, new Sequential(shared, shared).ParameterCount());
        Assert.Equal("Linear(in_features=2, out_features=2, bias=True)", shared.ToString());
    }
}
