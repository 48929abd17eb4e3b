namespace AutoNet.Kernels;

/// <summary>
/// Walks the rows (all but the last dimension) of a broadcast output shape and tracks where each row starts in
/// up to two inputs whose shapes broadcast to it. An input dimension of size 1 gets stride 0, so the same values
/// are read again: that is all broadcasting is.
/// </summary>
internal struct BroadcastWalker
{
    private readonly int[] _outShape;
    private readonly int[] _strideA, _strideB;
    private readonly int[] _index;
    private int _offA, _offB;

    /// <summary>Length of the last output dimension (1 for a scalar).</summary>
    public readonly int Inner;

    /// <summary>Number of rows: the product of all output dimensions but the last.</summary>
    public readonly int Rows;

    /// <summary>Whether input A (B) has the full last dimension (else one value repeated along it).</summary>
    public readonly bool InnerA, InnerB;

    public BroadcastWalker(int[] outShape, int[] shapeA, int[] shapeB)
    {
        _outShape = outShape;
        int rank = outShape.Length;
        _strideA = BroadcastStrides(shapeA, rank);
        _strideB = BroadcastStrides(shapeB, rank);
        _index = new int[Math.Max(rank - 1, 0)];
        Inner = rank == 0 ? 1 : outShape[^1];
        Rows = 1;
        for (int i = 0; i < rank - 1; i++) Rows *= outShape[i];
        InnerA = rank > 0 && _strideA[^1] == 1 && Inner > 1;
        InnerB = rank > 0 && _strideB[^1] == 1 && Inner > 1;
    }

    /// <summary>Start offsets of the current row in A and B.</summary>
    public readonly (int A, int B) Offsets => (_offA, _offB);

    /// <summary>Advances to the next row (an odometer over the leading dimensions).</summary>
    public void Next()
    {
        for (int dim = _index.Length - 1; dim >= 0; dim--)
        {
            _offA += _strideA[dim];
            _offB += _strideB[dim];
            if (++_index[dim] < _outShape[dim]) return;
            _offA -= _strideA[dim] * _outShape[dim];
            _offB -= _strideB[dim] * _outShape[dim];
            _index[dim] = 0;
        }
    }

    /// <summary>Strides of <paramref name="shape"/> aligned right to <paramref name="rank"/> dims, 0 where broadcast.</summary>
    private static int[] BroadcastStrides(int[] shape, int rank)
    {
        var strides = new int[rank];
        int s = 1;
        for (int i = 1; i <= shape.Length; i++)
        {
            strides[rank - i] = shape[^i] == 1 ? 0 : s;
            s *= shape[^i];
        }
        return strides;
    }
}
