using AutoNet.Kernels;
using Xunit;

namespace AutoNet.Tests.Kernels;

/// <summary>The helper threads that share a kernel's items: every item once, errors reach the caller, nesting and
/// concurrent callers work (they run their items on the calling thread).</summary>
public class WorkersTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 4)]
    [InlineData(3, 1000)]
    [InlineData(8, 97)]
    public void Every_item_runs_exactly_once(int threads, int count)
    {
        for (int round = 0; round < 50; round++)
        {
            var runs = new int[count];
            Workers.ForEach(count, threads, i => Interlocked.Increment(ref runs[i]));
            Assert.All(runs, r => Assert.Equal(1, r));
        }
    }

    [Theory]
    [InlineData(1)]   // the caller alone, as when another job is running (another test's, in parallel)
    [InlineData(2)]
    public void An_items_exception_reaches_the_caller_after_the_other_items_finish(int threads)
    {
        int done = 0;
        var error = Assert.Throws<InvalidOperationException>(() => Workers.ForEach(64, threads, i =>
        {
            if (i == 5) throw new InvalidOperationException("item 5");
            Interlocked.Increment(ref done);
        }));
        Assert.Equal("item 5", error.Message);
        Assert.Equal(63, done);
        // The workers are still usable afterwards.
        int after = 0;
        Workers.ForEach(10, 2, _ => Interlocked.Increment(ref after));
        Assert.Equal(10, after);
    }

    [Fact]
    public void A_call_inside_an_item_and_calls_from_several_threads_all_complete()
    {
        var sums = new long[8];
        Parallel.For(0, 8, t =>
        {
            long total = 0;
            Workers.ForEach(20, 2, i => Workers.ForEach(10, 2, j => Interlocked.Add(ref total, i * 10 + j)));
            sums[t] = total;
        });
        Assert.All(sums, s => Assert.Equal(199L * 200 / 2, s));
    }
}
