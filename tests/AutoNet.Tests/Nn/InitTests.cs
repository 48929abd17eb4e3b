using AutoNet.Data;
using AutoNet.Nn;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// The default generator (<c>Init.Generator</c>, seeded by <c>Init.ManualSeed</c>) is one for the whole process, as
/// PyTorch's <c>torch.default_generator</c>: seeding it on one thread decides what every thread and every async
/// continuation draws next.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public class InitTests
{
    [Fact]
    public void A_layer_built_on_another_thread_continues_the_stream_that_ManualSeed_started_as_torch_manual_seed()
    {
        Init.ManualSeed(7);
        var here = new Linear(3, 2);
        Linear? there = null;
        var thread = new Thread(() => there = new Linear(3, 2));
        thread.Start();
        thread.Join();

        var reference = new NumPyRandomState(7);
        var expectedHere = new Linear(3, 2, generator: reference);
        var expectedThere = new Linear(3, 2, generator: reference);
        Assert.Equal(expectedHere.Weight.ToArray(), here.Weight.ToArray());
        Assert.Equal(expectedHere.Bias!.ToArray(), here.Bias!.ToArray());
        Assert.Equal(expectedThere.Weight.ToArray(), there!.Weight.ToArray());
        Assert.Equal(expectedThere.Bias!.ToArray(), there.Bias!.ToArray());
    }

    [Fact]
    public async Task Draws_after_an_await_continue_the_stream_that_ManualSeed_started_as_torch_manual_seed()
    {
        Init.ManualSeed(5);
        double before = Init.Generator.NextDouble();
        var (after, threadAfter) = await DrawAfterAnAwait();

        var reference = new NumPyRandomState(5);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threadAfter);
        Assert.Equal(reference.NextDouble(), before);
        Assert.Equal(reference.NextDouble(), after);
    }

    /// <summary>Awaits, continuing on a thread-pool thread (never the test runner's own thread), then draws.</summary>
    private static async Task<(double Value, int Thread)> DrawAfterAnAwait()
    {
        await Task.Delay(1).ConfigureAwait(false);
        return (Init.Generator.NextDouble(), Environment.CurrentManagedThreadId);
    }

    [Fact]
    public void ManualSeed_on_another_thread_reseeds_the_generator_this_thread_draws_from()
    {
        Init.ManualSeed(1);
        _ = Init.Generator.NextDouble();
        var thread = new Thread(() => Init.ManualSeed(9));
        thread.Start();
        thread.Join();

        Assert.Equal(new NumPyRandomState(9).Rand(4).ToArray(), Init.Generator.Rand(4).ToArray());
    }

    [Fact]
    public void The_same_ManualSeed_twice_gives_identical_initial_weights()
    {
        Init.ManualSeed(3);
        var first = new Linear(4, 3);
        _ = Init.Generator.NextGaussian();   // leaves a cached second normal value behind
        Init.ManualSeed(3);
        var second = new Linear(4, 3);
        var normals = Init.Generator.Randn(3).ToArray();

        Assert.Equal(first.Weight.ToArray(), second.Weight.ToArray());
        Assert.Equal(first.Bias!.ToArray(), second.Bias!.ToArray());
        var reference = new NumPyRandomState(3);
        _ = new Linear(4, 3, generator: reference);
        Assert.Equal(reference.Randn(3).ToArray(), normals);   // the reseed dropped the cached normal value
    }

    [Fact]
    public void Threads_drawing_at_once_share_one_stream_and_each_tensor_is_one_contiguous_piece_of_it()
    {
        const int threads = 8, draws = 50, size = 100;
        Init.ManualSeed(11);
        var results = new double[threads][][];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            results[t] = new double[draws][];
            for (int i = 0; i < draws; i++) results[t][i] = Init.Generator.Rand(size).ToArray();
        })).ToArray();
        foreach (var w in workers) w.Start();
        foreach (var w in workers) w.Join();

        var reference = new NumPyRandomState(11).Rand(threads * draws * size).ToArray();
        var pieces = new HashSet<int>();
        foreach (var tensor in results.SelectMany(r => r))
        {
            int start = Array.IndexOf(reference, tensor[0]);
            Assert.True(start >= 0 && start % size == 0, $"a tensor starts at stream position {start}, not at a multiple of {size}");
            Assert.Equal(reference.AsSpan(start, size).ToArray(), tensor);
            Assert.True(pieces.Add(start), $"two tensors got the same piece of the stream (position {start})");
        }
        Assert.Equal(threads * draws, pieces.Count);
    }
}
