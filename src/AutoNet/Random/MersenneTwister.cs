namespace AutoNet.Data;

/// <summary>
/// The 32-bit Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), seeded exactly as NumPy's legacy
/// <c>numpy.random.RandomState(seed)</c> seeds it from an integer: <c>mt19937_seed</c> in NumPy's
/// <c>numpy/random/src/mt19937/mt19937.c</c>, which is the reference <c>init_genrand</c>.
/// </summary>
/// <remarks>
/// The generator keeps 624 words of state. Every 624 outputs it regenerates the whole block
/// (<c>mt19937_gen</c>), and each output word is "tempered" by a fixed sequence of shifts and masks
/// (<c>mt19937_next</c>). Not thread-safe.
/// </remarks>
internal sealed class MersenneTwister
{
    private const int N = 624;                 // RK_STATE_LEN: words of state
    private const int M = 397;                 // the middle word used by the recurrence
    private const uint MatrixA = 0x9908B0DFu;  // the twist matrix's last row
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7FFFFFFFu;

    private readonly uint[] _key = new uint[N];
    private int _pos;

    /// <summary>Seeds the state like NumPy's <c>mt19937_seed(state, seed)</c> (<c>init_genrand</c>).</summary>
    /// <param name="seed">Any 32-bit seed; NumPy accepts 0 .. 2^32 - 1.</param>
    public MersenneTwister(uint seed)
    {
        // mt19937_seed: key[0] = seed; key[i] = 1812433253 * (key[i-1] ^ (key[i-1] >> 30)) + i  (mod 2^32)
        _key[0] = seed;
        for (int i = 1; i < N; i++)
        {
            uint prev = _key[i - 1];
            _key[i] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)i);
        }

        _pos = N; // the first draw regenerates the block
    }

    /// <summary>The next 32 random bits, like NumPy's <c>mt19937_next32</c> / <c>mt19937_next</c>.</summary>
    /// <returns>A uniformly distributed 32-bit value.</returns>
    public uint NextUInt32()
    {
        if (_pos == N)
        {
            Generate();
        }

        // Tempering (mt19937_next): improves the equidistribution of the raw state word.
        uint y = _key[_pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Regenerates all 624 words at once, like NumPy's <c>mt19937_gen</c>.</summary>
    private void Generate()
    {
        for (int i = 0; i < N; i++)
        {
            // Upper bit of word i joined with the lower 31 bits of word i+1 (wrapping around at the end).
            uint y = (_key[i] & UpperMask) | (_key[(i + 1) % N] & LowerMask);
            uint twisted = (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
            _key[i] = _key[(i + M) % N] ^ twisted;
        }

        _pos = 0;
    }
}
