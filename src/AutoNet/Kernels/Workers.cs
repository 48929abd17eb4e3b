using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace AutoNet.Kernels;

/// <summary>
/// The threads that share a kernel's work items: the calling thread and one helper thread per further core, kept by
/// AutoNet for the life of the process. A helper that has finished a job keeps looking for the next one for
/// <see cref="SpinTime"/> before it sleeps, so the products of one training step, a few microseconds apart, find it
/// awake. The thread pool (<c>Parallel.For</c>), which this replaces, woke a sleeping thread for most products: on
/// the 2-core machine a Digits CNN step spent about a fifth of its samples switching threads, and raising the size
/// at which products go parallel made that step faster but the bmm projection slower.
/// <para>Which thread runs which item never changes a result: items write disjoint outputs (the kernels are built
/// so), and every item is computed the same way on any thread.</para>
/// </summary>
internal static class Workers
{
    /// <summary>How long a helper keeps looking for work after its last job before it sleeps.</summary>
    private static readonly long SpinTime = Stopwatch.Frequency / 5000; // 200 µs

    private static readonly Helper[] Helpers = CreateHelpers();

    /// <summary>1 while a job runs: a second job (another thread's, or one started inside an item) runs on its caller alone.</summary>
    private static int _busy;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 .. count-1 on up to <paramref name="threads"/> threads (the caller's
    /// included), each taking the next undone index until none is left, so no thread waits on another's share.
    /// Returns when every item is done; the first exception an item throws is rethrown here.
    /// </summary>
    public static void ForEach(int count, int threads, Action<int> body)
    {
        int helpers = Math.Min(Math.Min(threads, count) - 1, Helpers.Length);
        if (helpers <= 0 || Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            RunAlone(count, body);
            return;
        }
        try
        {
            var job = new Job(body, count);
            for (int h = 0; h < helpers; h++) Helpers[h].Post(job);
            job.Work();
            // Items the helpers took may still be running.
            var wait = new SpinWait();
            while (Volatile.Read(ref job.Done) < count) wait.SpinOnce(sleep1Threshold: -1);
            if (job.Error is { } error) ExceptionDispatchInfo.Throw(error);
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, length) over 0 .. <paramref name="count"/> in chunks of
    /// <paramref name="chunkSize"/>: shared among the cores (<see cref="ForEach"/>) from <paramref name="parallelMin"/>
    /// up, on the caller alone below it, where waking a helper costs more than it saves. For kernels in which each
    /// element's arithmetic is its own, so the bits do not depend on which thread runs a chunk.
    /// </summary>
    public static void Chunks(int count, int chunkSize, int parallelMin, Action<int, int> body)
    {
        int chunks = (count + chunkSize - 1) / chunkSize;
        if (count < parallelMin)
        {
            for (int k = 0; k < chunks; k++) body(k * chunkSize, Math.Min(chunkSize, count - k * chunkSize));
            return;
        }
        ForEach(chunks, Environment.ProcessorCount, k => body(k * chunkSize, Math.Min(chunkSize, count - k * chunkSize)));
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first row, row count) over blocks of whole rows of <paramref name="rowLength"/>
    /// elements, about 4,096 elements a block, shared among the cores from 16,384 elements in all (on the caller alone
    /// below). For row-wise kernels (LayerNorm, softmax) in which each row's arithmetic is its own, so the bits do not
    /// depend on which thread runs a block.
    /// </summary>
    public static void Rows(int rows, int rowLength, Action<int, int> body)
    {
        if (rows == 0 || rowLength == 0) return;
        Chunks(rows, Math.Max(1, RowBlockElements / rowLength), (RowsParallelMin + rowLength - 1) / rowLength, body);
    }

    /// <summary>About how many elements one block of <see cref="Rows"/> holds, and from how many elements in all its
    /// blocks are shared.</summary>
    private const int RowBlockElements = 4096, RowsParallelMin = 16_384;

    /// <summary>
    /// Every item on the calling thread, with the same contract as a shared job: an item that throws does not stop
    /// the others, and the first exception is rethrown once all have run.
    /// </summary>
    private static void RunAlone(int count, Action<int> body)
    {
        Exception? error = null;
        for (int i = 0; i < count; i++)
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                error ??= e;
            }
        }
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    private static Helper[] CreateHelpers() =>
        [.. Enumerable.Range(1, Math.Max(0, Environment.ProcessorCount - 1)).Select(i => new Helper(i))];

    /// <summary>One call of <see cref="ForEach"/>: the items, the next index to take and the count of finished ones.</summary>
    private sealed class Job(Action<int> body, int count)
    {
        public int Next = -1, Done;
        public Exception? Error;

        /// <summary>Takes and runs items until none is left.</summary>
        public void Work()
        {
            for (int i = Interlocked.Increment(ref Next); i < count; i = Interlocked.Increment(ref Next))
            {
                try
                {
                    body(i);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref Error, e, null);
                }
                Interlocked.Increment(ref Done);
            }
        }
    }

    /// <summary>A helper thread: runs each posted job's items, looks for the next job for a while, then sleeps.</summary>
    private sealed class Helper
    {
        private readonly ManualResetEventSlim _signal = new(false, spinCount: 0);
        private Job? _pending;

        public Helper(int index) =>
            new Thread(Loop) { IsBackground = true, Name = $"AutoNet worker {index}" }.Start();

        public void Post(Job job)
        {
            Volatile.Write(ref _pending, job);
            _signal.Set();
        }

        private void Loop()
        {
            long lastWork = Stopwatch.GetTimestamp();
            while (true)
            {
                // Reset before looking, so that a job posted after the look sets the signal again and Wait returns.
                _signal.Reset();
                if (Interlocked.Exchange(ref _pending, null) is { } job)
                {
                    job.Work();
                    lastWork = Stopwatch.GetTimestamp();
                }
                else if (Stopwatch.GetTimestamp() - lastWork < SpinTime) Thread.SpinWait(20);
                else _signal.Wait();
            }
        }
    }
}
