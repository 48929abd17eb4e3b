using AutoNet.Nn;
using AutoNet.Optim;
using AutoNet.Tests.Seed;
using Xunit;

namespace AutoNet.Tests.Reliability;

/// <summary>Same seed, same bits; two models trained at once on two threads give what they give one after the other.</summary>
public class ConcurrencyAndDeterminismTests
{
    private static double[] Train(int epochs, double lr)
    {
        var seed = new SeedModel();
        var lossFunction = new BCELoss();
        var optimizer = new SGD(seed.Model.Parameters(), lr);
        var trace = new List<double>();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var loss = lossFunction.Forward(seed.Model.Forward(seed.X), seed.Y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            trace.Add(loss.Item());
        }
        foreach (var p in seed.Model.Parameters()) trace.AddRange(p.ToArray());
        return trace.ToArray();
    }

    [Fact]
    public void The_same_run_twice_gives_identical_bits()
    {
        Assert.Equal(Train(200, 0.1), Train(200, 0.1));
    }

    [Fact]
    public void Two_models_trained_concurrently_match_sequential_training_bit_for_bit()
    {
        var sequentialA = Train(300, 0.1);
        var sequentialB = Train(300, 0.05);
        double[]? concurrentA = null, concurrentB = null;
        using var start = new Barrier(2);
        var a = new Thread(() => { start.SignalAndWait(); concurrentA = Train(300, 0.1); });
        var b = new Thread(() => { start.SignalAndWait(); concurrentB = Train(300, 0.05); });
        a.Start(); b.Start();
        a.Join(); b.Join();
        Assert.Equal(sequentialA, concurrentA);
        Assert.Equal(sequentialB, concurrentB);
        Assert.NotEqual(sequentialA, sequentialB);
    }

}

/// <summary>Memory measurements run alone: parallel tests would allocate into the same heap.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [Fact]
    public void Memory_is_released_after_backward_and_does_not_grow_with_epochs()
    {
        var seed = new SeedModel();
        var lossFunction = new BCELoss();
        var optimizer = new SGD(seed.Model.Parameters(), 0.1);
        void Epochs(int n)
        {
            for (int i = 0; i < n; i++)
            {
                var loss = lossFunction.Forward(seed.Model.Forward(seed.X), seed.Y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
        }
        Epochs(200); // warm up
        long before = Retained();
        Epochs(3000);
        long after = Retained();
        // An epoch allocates tens of KB; any graph kept alive per epoch would retain far more than this bound.
        Assert.True(after - before < 256 * 1024, $"retained memory grew from {before} to {after} bytes over 3000 epochs");
    }

    [Fact]
    public void Backward_frees_the_saved_tensors_while_the_loss_stays_alive()
    {
        var seed = new SeedModel();
        var (loss, weakPrediction) = Forward(seed);
        Collect();
        Assert.True(weakPrediction.IsAlive, "before backward, the graph keeps the prediction (saved by BCE)");
        loss.Backward();
        Collect();
        Assert.False(weakPrediction.IsAlive, "after backward without retainGraph, the graph should release what it saved");
        GC.KeepAlive(loss);
    }

    private static (Tensor Loss, WeakReference Prediction) Forward(SeedModel seed)
    {
        var prediction = seed.Model.Forward(seed.X);
        return (new BCELoss().Forward(prediction, seed.Y), new WeakReference(prediction));
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long Retained()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
