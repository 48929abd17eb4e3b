namespace AutoNet.Serialization;

/// <summary>
/// Reads and writes tensors in the safetensors format (the format of Hugging Face's <c>safetensors</c> library,
/// which PyTorch users load with <c>safetensors.torch.load_file</c>): named float64 (<c>F64</c>), float32
/// (<c>F32</c>), int64 (<c>I64</c>) and bool (<c>BOOL</c>) tensors, with an optional string-to-string metadata map.
/// </summary>
/// <remarks>
/// <para>Layout: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON,
/// <c>{"__metadata__": {"key": "value"}, "0.weight": {"dtype": "F64", "shape": [4, 2], "data_offsets": [0, 64]}, ...}</c>,
/// padded with spaces so that 8 + N is a multiple of 8; then the data buffer, each tensor's elements row-major and
/// little-endian at <c>[begin, end)</c> of the buffer. The tensors' byte ranges cover the buffer exactly, without
/// gaps or overlaps. Names are free-form; a module's state dict uses PyTorch's keys (<c>0.weight</c>).</para>
/// <para>Writing goes to a temporary file in the target's directory, flushed to disk and then renamed over the
/// target, so a crash leaves either the old file or the new one, never half of one.</para>
/// <para>Reading checks everything against the real length of the file before allocating anything: a truncated,
/// corrupted or hostile file (a header length past the end or over <see cref="MaxHeaderBytes"/>, invalid JSON or
/// UTF-8, a duplicate name, a missing or unknown field, an unsupported dtype, a shape whose byte size differs
/// from its offsets, offsets out of range, overlapping or leaving gaps) raises an
/// <see cref="InvalidDataException"/> naming the problem, and memory use stays proportional to the file's real
/// size whatever it claims.</para>
/// </remarks>
public static partial class SafeTensors
{
    /// <summary>The largest header accepted, in bytes (100 MB, the limit of the reference Rust implementation).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The reserved header key that holds the metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>
    /// Writes <paramref name="tensors"/> (in their enumeration order) and <paramref name="metadata"/> to
    /// <paramref name="path"/>, atomically: the data goes to a temporary file beside it, which is flushed and then
    /// renamed over <paramref name="path"/>. PyTorch ecosystem: <c>safetensors.torch.save_file(tensors, path, metadata)</c>.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">Named tensors (e.g. <c>model.StateDict()</c>); float64 is stored as F64, float32 as F32, int64 as I64, bool as BOOL (one byte each).</param>
    /// <param name="metadata">Optional free-form strings stored in the header's <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">A null or reserved name (<c>__metadata__</c>), a null tensor or metadata
    /// value, or a name, key or value that is not valid UTF-16 (a lone surrogate, which UTF-8 cannot encode).</exception>
    /// <exception cref="IOException">The path is a directory, or the file cannot be written (the target is then unchanged).</exception>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        AtomicFile.Write(path, "SafeTensors.Save", stream => Write(stream, tensors, metadata));
    }

    /// <summary>
    /// Reads every tensor of a safetensors file, in the header's order. PyTorch ecosystem:
    /// <c>safetensors.torch.load_file(path)</c>.
    /// </summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The tensors by name (new tensors that do not require grad).</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file with F64/F32/I64/BOOL tensors (the message says why).</exception>
    /// <exception cref="FileNotFoundException">There is no such file (other <see cref="IOException"/>s for other I/O failures).</exception>
    public static OrderedDictionary<string, Tensor> Load(string path) => Load(path, out _);

    /// <summary>Reads every tensor of a safetensors file and its metadata.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="metadata">The header's <c>__metadata__</c> map (empty when absent).</param>
    /// <returns>The tensors by name, in the header's order.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file with F64/F32/I64/BOOL tensors (the message says why).</exception>
    /// <exception cref="FileNotFoundException">There is no such file (other <see cref="IOException"/>s for other I/O
    /// failures, e.g. when <paramref name="path"/> is a directory).</exception>
    public static OrderedDictionary<string, Tensor> Load(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new IOException($"SafeTensors.Load: '{path}' is a directory; expected a .safetensors file.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Read(stream, out metadata);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message} (file '{path}')", e);
        }
    }

    /// <summary>Reads a safetensors image from the current position of a seekable stream to its end.</summary>
    /// <param name="stream">A readable, seekable stream.</param>
    /// <param name="metadata">The header's <c>__metadata__</c> map (empty when absent).</param>
    /// <returns>The tensors by name, in the header's order.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a valid safetensors image with F64/F32/I64/BOOL tensors.</exception>
    /// <exception cref="ArgumentException">The stream cannot be read or cannot seek.</exception>
    public static OrderedDictionary<string, Tensor> Read(Stream stream, out IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
            throw new ArgumentException("SafeTensors.Read: the stream must be readable and seekable (its length is checked before anything is allocated).", nameof(stream));
        return ReadImage(stream, out metadata);
    }

    /// <summary>Writes a safetensors image of <paramref name="tensors"/> to <paramref name="stream"/> at its current position.</summary>
    /// <param name="stream">A writable stream.</param>
    /// <param name="tensors">Named tensors, written in enumeration order.</param>
    /// <param name="metadata">Optional strings for the header's <c>__metadata__</c>.</param>
    /// <exception cref="ArgumentException">A null or reserved name, a null tensor or metadata value, or text that is not valid UTF-16.</exception>
    public static void Write(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        WriteImage(stream, tensors, metadata);
    }
}
