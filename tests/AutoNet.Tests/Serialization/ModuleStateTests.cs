using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.Serialization;
using Xunit;

namespace AutoNet.Tests.Serialization;

public sealed class ModuleStateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Sequential Mlp(uint seed) => new(
        new Linear(2, 8, generator: new NumPyRandomState(seed)), new Tanh(),
        new Linear(8, 1, generator: new NumPyRandomState(seed + 1)), new Sigmoid());

    [Fact]
    public void StateDict_has_PyTorchs_keys_in_order_and_holds_copies()
    {
        var model = Mlp(1);
        var state = model.StateDict();
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], state.Keys);
        Assert.Equal(new[] { 8, 2 }, state["0.weight"].Shape);
        Assert.Equal(((Linear)model[0]).Weight.ToArray(), state["0.weight"].ToArray());
        Assert.False(state["0.weight"].RequiresGrad);
        using (Autograd.NoGrad()) ((Linear)model[0]).Weight.CopyFrom(Tensor.Zeros(8, 2));
        Assert.NotEqual(new double[16], state["0.weight"].ToArray());
    }

    [Fact]
    public void LoadStateDict_copies_values_into_the_parameters_in_place()
    {
        var source = Mlp(1);
        var target = Mlp(7);
        var weight = ((Linear)target[0]).Weight;
        var (missing, unexpected) = target.LoadStateDict(source.StateDict());
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        Assert.Same(weight, ((Linear)target[0]).Weight);
        Assert.Equal(((Linear)source[0]).Weight.ToArray(), weight.ToArray());
        Assert.True(weight.RequiresGrad);
        var x = Tensor.From(new double[,] { { 0.5, -1 }, { 2, 0.25 } });
        Assert.Equal(source.Forward(x).ToArray(), target.Forward(x).ToArray());
    }

    [Fact]
    public void LoadStateDict_reports_all_missing_unexpected_and_misshaped_keys_at_once_and_changes_nothing()
    {
        var target = Mlp(3);
        var before = target.StateDict();
        var state = new Dictionary<string, Tensor>(Mlp(4).StateDict());
        state.Remove("0.bias");
        state.Remove("2.bias");
        state["2.weight"] = Tensor.Zeros(2, 8);
        state["0.weight"] = Tensor.Zeros(8);
        state["3.weight"] = Tensor.Zeros(1);
        state["running_mean"] = Tensor.Zeros(1);
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(state));
        Assert.StartsWith("Sequential.LoadStateDict:", e.Message);
        Assert.Contains("missing keys: '0.bias', '2.bias'", e.Message);
        Assert.Contains("unexpected keys: ", e.Message);
        Assert.Contains("'3.weight'", e.Message);
        Assert.Contains("'running_mean'", e.Message);
        Assert.Contains("'0.weight' has shape [8] in the state but [8, 2] in the module", e.Message);
        Assert.Contains("'2.weight' has shape [2, 8] in the state but [1, 8] in the module", e.Message);
        foreach (var (name, t) in target.StateDict()) Assert.Equal(before[name].ToArray(), t.ToArray());
    }

    [Fact]
    public void Non_strict_loading_skips_and_returns_missing_and_unexpected_keys_but_still_refuses_wrong_shapes()
    {
        var target = Mlp(3);
        var state = new Dictionary<string, Tensor>(Mlp(4).StateDict());
        state.Remove("2.bias");
        state["extra"] = Tensor.Zeros(1);
        var (missing, unexpected) = target.LoadStateDict(state, strict: false);
        Assert.Equal(["2.bias"], missing);
        Assert.Equal(["extra"], unexpected);
        Assert.Equal(state["0.weight"].ToArray(), ((Linear)target[0]).Weight.ToArray());
        state["0.bias"] = Tensor.Zeros(3);
        Assert.Contains("size mismatch", Assert.Throws<ArgumentException>(() => target.LoadStateDict(state, strict: false)).Message);
    }

    [Fact]
    public void Float32_values_load_into_float64_parameters_converted()
    {
        var target = new Linear(2, 1, bias: false);
        target.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = Tensor.From(new float[] { 0.5f, -0.25f }, 1, 2) });
        Assert.Equal(DType.Float64, target.Weight.DType);
        Assert.Equal(new[] { 0.5, -0.25 }, target.Weight.ToArray());
    }

    private sealed class WithBuffer : Module
    {
        public Linear Layer { get; } = new(2, 2);
        public Tensor RunningMean { get; } = Tensor.Zeros(2);
        protected override IEnumerable<(string Name, Tensor Buffer)> DirectBuffers() => [("running_mean", RunningMean)];
        public override Tensor Forward(Tensor input) => Layer.Forward(input) - RunningMean;
    }

    [Fact]
    public void Buffers_are_saved_and_loaded_after_the_modules_own_parameters()
    {
        var a = new WithBuffer();
        a.RunningMean.CopyFrom(Tensor.From([1.5, -2.5]));
        Assert.Equal(["running_mean", "layer.weight", "layer.bias"], a.StateDict().Keys);
        Assert.Equal(["running_mean"], a.NamedBuffers().Select(b => b.Name));
        var b = new WithBuffer();
        b.LoadStateDict(a.StateDict());
        Assert.Equal(new[] { 1.5, -2.5 }, b.RunningMean.ToArray());
    }

    [Fact]
    public void Save_and_Load_round_trip_a_model_through_a_file()
    {
        var source = Mlp(5);
        string path = Path.Combine(_dir, "mlp.safetensors");
        source.Save(path, new Dictionary<string, string> { ["epoch"] = "3" });
        SafeTensors.Load(path, out var meta);
        Assert.Equal("3", meta["epoch"]);
        var target = Mlp(9);
        target.Load(path);
        foreach (var (name, t) in source.StateDict()) SafeTensorsTests.AssertSameBits(t, target.StateDict()[name], name);
    }

    [Fact]
    public void Training_resumed_from_checkpoint_files_continues_bit_for_bit()
    {
        var (x, y) = Datasets.MakeMoons(64, noise: 0.1, randomState: 0);
        var data = new TensorDataset(x, y.Reshape(-1, 1));
        var loss = new BCELoss();

        void Train(Sequential model, Adam opt, CosineAnnealingLR sched, DataLoader loader, int epochs)
        {
            for (int e = 0; e < epochs; e++)
            {
                foreach (var batch in loader)
                {
                    opt.ZeroGrad();
                    loss.Forward(model.Forward(batch[0]), batch[1]).Backward();
                    GradClipping.ClipGradNorm(model.Parameters(), 1.0);
                    opt.Step();
                }
                sched.Step();
            }
        }

        // Straight: 6 epochs. Also checkpoint after 3, with the data order's generator re-created from the epoch count.
        var straight = Mlp(11);
        var opt1 = new Adam(straight.Parameters(), 0.05, amsgrad: true);
        var sched1 = new CosineAnnealingLR(opt1, 6, 0.001);
        var loader1 = new DataLoader(data, 16, shuffle: true, generator: new NumPyRandomState(5));
        Train(straight, opt1, sched1, loader1, 3);
        straight.Save(Path.Combine(_dir, "model.safetensors"));
        SafeTensors.Save(Path.Combine(_dir, "optim.safetensors"), opt1.StateDict());
        SafeTensors.Save(Path.Combine(_dir, "sched.safetensors"), sched1.StateDict());
        Train(straight, opt1, sched1, loader1, 3);

        var resumed = Mlp(99);
        resumed.Load(Path.Combine(_dir, "model.safetensors"));
        var opt2 = new Adam(resumed.Parameters(), 0.05, amsgrad: true);
        var sched2 = new CosineAnnealingLR(opt2, 6, 0.001);
        opt2.LoadStateDict(SafeTensors.Load(Path.Combine(_dir, "optim.safetensors")));
        sched2.LoadStateDict(SafeTensors.Load(Path.Combine(_dir, "sched.safetensors")));
        var rng = new NumPyRandomState(5);
        for (int e = 0; e < 3; e++) rng.Permutation(64);                 // the data order of the epochs already done
        Train(resumed, opt2, sched2, new DataLoader(data, 16, shuffle: true, generator: rng), 3);

        foreach (var (name, t) in straight.StateDict()) SafeTensorsTests.AssertSameBits(t, resumed.StateDict()[name], name);
        Assert.Equal(opt1.LearningRate, opt2.LearningRate);
        foreach (var (name, t) in opt1.StateDict()) SafeTensorsTests.AssertSameBits(t, opt2.StateDict()[name], name);
    }
}

/// <summary>Buffers declared with [Buffer] (BatchNorm's running statistics) travel with the state dict.</summary>
public class BufferStateTests
{
    [Fact]
    public void BatchNorm_state_dict_has_PyTorchs_keys_in_PyTorchs_order_and_round_trips()
    {
        var model = new AutoNet.Nn.Sequential(new AutoNet.Nn.Linear(3, 2), new AutoNet.Nn.BatchNorm1d(2));
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"],
            model.StateDict().Keys);
        model.Forward(Tensor.From([1.0, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3)); // training mode: updates running stats
        var copy = new AutoNet.Nn.Sequential(new AutoNet.Nn.Linear(3, 2), new AutoNet.Nn.BatchNorm1d(2));
        copy.LoadStateDict(model.StateDict());
        foreach (var (name, tensor) in model.StateDict())
            Assert.Equal(tensor.ToArray(), copy.StateDict()[name].ToArray());
        Assert.NotEqual(new[] { 0.0, 0 }, copy.StateDict()["1.running_mean"].ToArray());
    }
}
