using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoNet.Kernels;

/// <summary>
/// A matrix operand read through strides: element (r, c) is <c>Data[Offset + r * RowStride + c * ColStride]</c>, so
/// a row-major matrix and its transpose are both read in place, without a copy, and so is one matrix of a batch.
/// </summary>
internal readonly record struct Operand<T>(T[] Data, int RowStride, int ColStride, int Offset = 0)
{
    public T this[int r, int c] => Data[Offset + r * RowStride + c * ColStride];

    /// <summary>The same layout, <paramref name="elements"/> further into the data (the next matrix of a batch).</summary>
    public Operand<T> At(int elements) => this with { Offset = Offset + elements };
}

/// <summary>
/// The blocked matrix product C = A · B (Goto / BLIS scheme). B is packed once into panels of NR columns, each
/// kc deep; the rows of C are cut into blocks of about 128 rows, and each block (a work item, possibly together
/// with a group of B panels) runs the register-tile micro-kernel over every (A panel of 6 rows, B panel) pair: the
/// B panel stays in L1, the A block in L2. A row-major A is read in place; a transposed one is packed into panels
/// first (<see cref="ReadsAInPlace"/>).
/// <para>Determinism: k is cut into blocks of equal depth that depend on k alone; each C element is the
/// micro-kernel's FMA chain over each depth block, the first block's sum stored into C and the later ones added
/// in order. Work items only decide
/// which thread computes which elements, never how, so the result is bit-for-bit the same with 1 or 16 threads.</para>
/// </summary>
internal static class Gemm
{
    /// <summary>Largest depth of one block of k (kc): a B panel of kc × NR values should stay in L1.</summary>
    public const int MaxDepth = 256;

    /// <summary>Largest number of rows of C in one work item (mc): its packed A block should stay in L2.</summary>
    private const int MaxBlockRows = 144;

    /// <summary>Below this many multiply-adds (m·n·k) a product runs on one thread.</summary>
    internal const long ParallelThreshold = 1L << 20;

    /// <summary>
    /// The depth of each block of k: k cut into equal blocks of at most <see cref="MaxDepth"/>. It fixes the order
    /// in which partial sums are added, so every product path uses it.
    /// </summary>
    public static int Depth(int k)
    {
        int blocks = Math.Max(1, (k + MaxDepth - 1) / MaxDepth);
        return (k + blocks - 1) / blocks;
    }

    /// <summary>
    /// C[m, n] (row-major) = A[m, k] · B[k, n] for k &gt; 0, on up to <paramref name="maxThreads"/> threads, for each
    /// product of <paramref name="batch"/>: A's and B's matrix j start at <c>j·m·k</c> and <c>j·k·n</c> elements past
    /// the operands' offsets, C's matrix i at <c>i·m·n</c>. Every element is written by the first depth block, so C may
    /// come uninitialised.
    /// </summary>
    public static void Multiply<T>(Operand<T> a, Operand<T> b, T[] c, MatrixBatch batch, int m, int k, int n, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The register tile is 2 vectors wide: a product at most 2 256-bit vectors wide (the 10 logits of a classifier)
        // takes 256-bit vectors, which waste less of the tile than 512-bit ones (10 of 16 columns instead of 10 of 32).
        bool narrow = n <= 2 * Vector256<T>.Count && Vector256.IsHardwareAccelerated;
        if (Vector512.IsHardwareAccelerated && !narrow) Run<T, Vector512<T>, Simd512<T>>(a, b, c, batch, m, k, n, maxThreads);
        else if (Vector256.IsHardwareAccelerated) Run<T, Vector256<T>, Simd256<T>>(a, b, c, batch, m, k, n, maxThreads);
        else Run<T, Vector128<T>, Simd128<T>>(a, b, c, batch, m, k, n, maxThreads);
    }

    // The blocked product's methods are compiled fully optimised at once (no tiering): they run few times but long.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TV, TS>(Operand<T> a, Operand<T> b, T[] c, MatrixBatch batch, int m, int k, int n, int maxThreads)
        where T : unmanaged, IFloatingPointIeee754<T> where TV : struct where TS : ISimd<TV, T>
    {
        const int mr = GemmMicroKernel.Rows;
        int nr = GemmMicroKernel.Columns<T, TV, TS>();
        int depth = Depth(k);
        int panels = (n + nr - 1) / nr;
        bool small = (long)m * n * k * batch.Count < ParallelThreshold, parallel = maxThreads > 1 && !small;

        // Pack each of B's matrices once (a broadcast B is packed once for all the products that read it): matrix j
        // starts at j·packedSize; in it, block kb (rows p0.. of B) starts at p0 * paddedN, and in that block panel
        // jp holds depth × NR values. Panels read in place (the first `inPlacePanels`, see ReadsBInPlace) are not packed.
        int paddedN = panels * nr, packedSize = k * paddedN;
        int inPlacePanels = ReadsBInPlace(b, small) ? n / nr : 0, packedPanels = panels - inPlacePanels;
        T[] packedB = packedPanels > 0 ? ArrayPool<T>.Shared.Rent(batch.BCount * packedSize) : [];
        Workers.ForEach(batch.BCount * packedPanels, parallel ? maxThreads : 1,
            item => GemmPacking.PackB(b.At(item / packedPanels * k * n), packedB, item / packedPanels * packedSize, k, n, depth, nr, paddedN,
                inPlacePanels + item % packedPanels));
        bool aInPlace = ReadsAInPlace(a, small);

        // Work items: blocks of rows of each product, split further into groups of B panels when there are few and
        // several threads share them (each group packs the block's rows of A again, so one thread takes one group).
        int rowBlocks = Math.Max((m + MaxBlockRows - 1) / MaxBlockRows, Math.Min(4, (m + 8 * mr - 1) / (8 * mr)));
        int blockRows = RoundUp((m + rowBlocks - 1) / rowBlocks, mr);
        rowBlocks = (m + blockRows - 1) / blockRows;
        int items = batch.Count * rowBlocks;
        int groups = items >= 4 || !parallel ? 1 : Math.Min(panels, (4 + items - 1) / items);
        int panelsPerGroup = (panels + groups - 1) / groups;
        groups = (panels + panelsPerGroup - 1) / panelsPerGroup;
        int itemsPerProduct = rowBlocks * groups;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Item(int item)
        {
            int product = item / itemsPerProduct;
            item %= itemsPerProduct;
            var aj = a.At(batch.A(product) * m * k);
            var bj = b.At(batch.B(product) * k * n);
            int bBase = batch.B(product) * packedSize, cBase = product * m * n;
            int i0 = item / groups * blockRows, rows = Math.Min(blockRows, m - i0);
            int jp0 = item % groups * panelsPerGroup, jp1 = Math.Min(panels, jp0 + panelsPerGroup);
            T[] packedA = ArrayPool<T>.Shared.Rent(RoundUp(rows, mr) * depth);
            // A is read in place six rows at a time where ReadsAInPlace allows; only a last panel of fewer than six
            // rows is always packed (its missing rows read as zeros).
            int inPlaceRows = aInPlace ? rows / mr * mr : 0;
            for (int p0 = 0; p0 < k; p0 += depth)
            {
                int kc = Math.Min(depth, k - p0);
                GemmPacking.PackA(aj, packedA, i0 + inPlaceRows, rows - inPlaceRows, p0, kc);
                for (int jp = jp0; jp < jp1; jp++)
                {
                    bool bPacked = jp >= inPlacePanels;
                    ref T bPanel = ref bPacked ? ref packedB[bBase + p0 * paddedN + jp * kc * nr] : ref bj.Data[bj.Offset + p0 * bj.RowStride + jp * nr];
                    nint bStep = bPacked ? nr : bj.RowStride;
                    int cols = Math.Min(nr, n - jp * nr);
                    for (int r0 = 0; r0 < rows; r0 += mr)
                    {
                        ref T cTile = ref c[cBase + (i0 + r0) * n + jp * nr];
                        if (r0 < inPlaceRows)
                            GemmMicroKernel.Run<T, TV, TS>(ref aj.Data[aj.Offset + (i0 + r0) * aj.RowStride + p0 * aj.ColStride], aj.RowStride,
                                aj.ColStride, ref bPanel, bStep, kc, ref cTile, n, mr, cols, accumulate: p0 > 0);
                        else
                            GemmMicroKernel.Run<T, TV, TS>(ref packedA[(r0 - inPlaceRows) * kc], 1, mr,
                                ref bPanel, bStep, kc, ref cTile, n, Math.Min(mr, rows - r0), cols, accumulate: p0 > 0);
                    }
                }
            }
            ArrayPool<T>.Shared.Return(packedA);
        }

        if (parallel) TouchPages(c);
        Workers.ForEach(batch.Count * itemsPerProduct, parallel ? maxThreads : 1, Item);
        if (packedPanels > 0) ArrayPool<T>.Shared.Return(packedB);
    }

    /// <summary>
    /// Whether the micro-kernel reads A's rows where they are instead of from a packed copy. A row-major A always:
    /// the six rows of a panel are six sequential streams, and the packed copy cost as much as a fifth of the kernel's
    /// time in a TinyGpt step, whose products have few B panels to share it (n = 64: two). A transposed A (columns
    /// contiguous) only in a small product: there each step of p reads six neighbours on a new cache line, which in
    /// a large product measured no faster than packing, while in a small one (the Names MLP's weight gradient
    /// gᵀ·e, [200, 32]·[32, 30], one B panel) the copy was about a quarter of the product's time. Either way the
    /// micro-kernel computes the same FMA chains, so the bits do not change.
    /// </summary>
    private static bool ReadsAInPlace<T>(Operand<T> a, bool small) => a.ColStride == 1 || (a.RowStride == 1 && small);

    /// <summary>
    /// Whether the whole NR-column panels of a row-major B are read where they are (step p's NR values from row p)
    /// instead of from packed panels: in a small product only, where the copy is not shared by enough rows of A to
    /// pay for itself and B stays in cache; a large B is packed, so the kernel streams it contiguously (a row stride
    /// of a power of two would map every step to one cache set). A last panel of fewer than NR columns is always
    /// packed, its missing columns zeros. Same FMA chains either way, so the same bits.
    /// </summary>
    private static bool ReadsBInPlace<T>(Operand<T> b, bool small) => b.ColStride == 1 && small;

    /// <summary>
    /// Writes one element of every memory page of a new output before threads fill it: a large array comes from the
    /// OS untouched, and the page faults of its first writes, taken by two threads at once, contend on the kernel's
    /// lock of the address space (at 256 × 784 × 256 the two-thread speed-up is 1.4 without this, 1.8 with it).
    /// </summary>
    private static void TouchPages<T>(T[] c) where T : unmanaged
    {
        int step = 4096 / Unsafe.SizeOf<T>();
        for (int i = 0; i < c.Length; i += step) c[i] = default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RoundUp(int x, int multiple) => (x + multiple - 1) / multiple * multiple;
}
