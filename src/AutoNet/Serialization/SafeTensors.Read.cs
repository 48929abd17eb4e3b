using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AutoNet.Internal;

namespace AutoNet.Serialization;

/// <summary>Reading: every size and offset is checked against the real data length before anything is allocated.</summary>
public static partial class SafeTensors
{
    /// <summary>One tensor of the header. <paramref name="DType"/> is "F64", "F32", "I64" or "BOOL".</summary>
    private sealed record Entry(string Name, string DType, int[] Shape, ulong Begin, ulong End)
    {
        public AutoNet.DType TensorDType => DType switch
        {
            "F32" => AutoNet.DType.Float32,
            "I64" => AutoNet.DType.Int64,
            "BOOL" => AutoNet.DType.Bool,
            _ => AutoNet.DType.Float64,
        };
    }

    private static OrderedDictionary<string, Tensor> ReadImage(Stream stream, out IReadOnlyDictionary<string, string> metadata)
    {
        long available = stream.Length - stream.Position;
        if (available < 8)
            throw Bad($"the data is {available} bytes long, but a safetensors file starts with an 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(stream, prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)(available - 8))
            throw Bad($"the header length {headerLength} runs past the end of the data (only {available - 8} bytes follow it)");
        if (headerLength > MaxHeaderBytes)
            throw Bad($"the header length {headerLength} exceeds the limit of {MaxHeaderBytes} bytes");
        if (headerLength < 2)
            throw Bad($"the header length {headerLength} is too short for a JSON object");
        var header = new byte[headerLength];
        ReadExactly(stream, header);
        if (header[0] != (byte)'{')
            throw Bad($"the header does not start with '{{' (it starts with byte 0x{header[0]:X2})");

        var (entries, meta) = ParseHeader(header);
        ulong bufferLength = (ulong)(available - 8) - headerLength;
        var ordered = Validate(entries, bufferLength);

        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var e in ordered)
        {
            var t = Tensor.ZeroFilled(e.Shape, e.TensorDType, "SafeTensors.Load");
            switch (t.DType)
            {
                case DType.Float32: ReadLittleEndian(stream, t.Span<float>()); break;
                case DType.Int64: ReadLittleEndian(stream, t.Span<long>()); break;
                case DType.Bool: ReadBools(e, stream, t.Span<bool>()); break;
                default: ReadLittleEndian(stream, t.Span<double>()); break;
            }
            tensors[e.Name] = t;
        }
        var result = new OrderedDictionary<string, Tensor>(entries.Count);
        foreach (var e in entries) result[e.Name] = tensors[e.Name];
        metadata = meta;
        return result;
    }

    /// <summary>Checks each entry's size and range, and that together they tile the buffer; returns them in offset order.</summary>
    private static List<Entry> Validate(List<Entry> entries, ulong bufferLength)
    {
        foreach (var e in entries)
        {
            // The element count as Tensor's shape check computes it: 0 when any dim is 0 (as the reference
            // implementation), else at most a .NET array's length, or no tensor can hold it.
            ulong size = (ulong)e.TensorDType.ElementSize();
            long elements = ShapeUtil.CountUpTo(e.Shape);
            if (elements > Array.MaxLength)
                throw Bad($"tensor {Quote(e.Name)} declares shape {Shape(e.Shape)}, too large to exist (a tensor holds at most {Array.MaxLength} elements)");
            ulong count = (ulong)elements;
            string span = $"[{e.Begin}, {e.End}]";
            if (e.Begin > e.End)
                throw Bad($"tensor {Quote(e.Name)} has data_offsets {span} that end before they begin");
            if (e.End > bufferLength)
                throw Bad($"tensor {Quote(e.Name)} has data_offsets {span} past the end of the {bufferLength}-byte data buffer");
            if (e.End - e.Begin != count * size)
                throw Bad($"tensor {Quote(e.Name)} has shape {Shape(e.Shape)} of {e.DType}, which needs {count * size} bytes, " +
                          $"but its data_offsets {span} span {e.End - e.Begin} bytes");
        }
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        ulong position = 0;
        Entry? previous = null;
        foreach (var e in ordered)
        {
            if (e.Begin < position)
                throw Bad($"tensors {Quote(previous!.Name)} [{previous.Begin}, {previous.End}] and {Quote(e.Name)} [{e.Begin}, {e.End}] overlap");
            if (e.Begin > position)
                throw Bad($"bytes [{position}, {e.Begin}) of the data buffer belong to no tensor (the offsets leave a gap before {Quote(e.Name)})");
            position = e.End;
            previous = e;
        }
        if (position != bufferLength)
            throw Bad($"the data buffer has {bufferLength} bytes but the tensors cover only the first {position}");
        return ordered;
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ParseHeader(byte[] header)
    {
        try
        {
            var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            Next(ref reader, JsonTokenType.StartObject, "the header");
            while (true)
            {
                if (!reader.Read()) throw Bad("the header's JSON ends early");
                if (reader.TokenType == JsonTokenType.EndObject) break;
                string name = reader.GetString()!;
                if (!names.Add(name)) throw Bad($"the header names {Quote(name)} twice");
                if (name == MetadataKey) ReadMetadata(ref reader, metadata);
                else entries.Add(ReadEntry(ref reader, name));
            }
            if (reader.Read()) throw Bad("the header has more JSON after its object");
            return (entries, metadata);
        }
        catch (JsonException e)
        {
            throw Bad($"the header is not valid JSON ({e.Message})");
        }
        catch (InvalidOperationException e)
        {
            throw Bad($"the header is not valid UTF-8 JSON ({e.Message})");
        }
        catch (ArgumentException e)
        {
            throw Bad($"the header is not valid UTF-8 JSON ({e.Message})");
        }
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata)
    {
        Next(ref reader, JsonTokenType.StartObject, $"'{MetadataKey}'");
        while (true)
        {
            if (!reader.Read()) throw Bad("the header's JSON ends early");
            if (reader.TokenType == JsonTokenType.EndObject) return;
            string key = reader.GetString()!;
            Next(ref reader, JsonTokenType.String, $"metadata value {Quote(key)}");
            if (!metadata.TryAdd(key, reader.GetString()!)) throw Bad($"the metadata names {Quote(key)} twice");
        }
    }

    private static Entry ReadEntry(ref Utf8JsonReader reader, string name)
    {
        string what = $"tensor {Quote(name)}";
        Next(ref reader, JsonTokenType.StartObject, what);
        string? dtype = null;
        int[]? shape = null;
        ulong[]? offsets = null;
        while (true)
        {
            if (!reader.Read()) throw Bad("the header's JSON ends early");
            if (reader.TokenType == JsonTokenType.EndObject) break;
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype" when dtype is null:
                    Next(ref reader, JsonTokenType.String, $"the dtype of {what}");
                    dtype = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadNumbers(ref reader, $"the shape of {what}").Select(d => d <= int.MaxValue ? (int)d
                        : throw Bad($"{what} has dimension {d}, larger than {int.MaxValue}")).ToArray();
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadNumbers(ref reader, $"the data_offsets of {what}").ToArray();
                    if (offsets.Length != 2) throw Bad($"{what} has {offsets.Length} data_offsets; expected [begin, end]");
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Bad($"{what} gives '{field}' twice");
                default:
                    throw Bad($"{what} has an unknown field {Quote(field)}");
            }
        }
        if (dtype is null || shape is null || offsets is null)
            throw Bad($"{what} lacks {(dtype is null ? "'dtype'" : shape is null ? "'shape'" : "'data_offsets'")}");
        switch (dtype)
        {
            case "F32" or "F64" or "I64" or "BOOL": break; // I64 also holds PyTorch's counters such as BatchNorm's num_batches_tracked
            case "F16" or "BF16" or "F8_E4M3" or "F8_E5M2" or "I32" or "I16" or "I8" or "U64" or "U32" or "U16" or "U8":
                throw Bad($"{what} has dtype {Quote(dtype)}, which AutoNet does not read (it reads F64, F32, I64 and BOOL)");
            default:
                throw Bad($"{what} has unknown dtype {Quote(dtype)}");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static List<ulong> ReadNumbers(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader, JsonTokenType.StartArray, what);
        var values = new List<ulong>();
        while (true)
        {
            if (!reader.Read()) throw Bad("the header's JSON ends early");
            if (reader.TokenType == JsonTokenType.EndArray) return values;
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out ulong v))
                throw Bad($"{what} holds {Token(ref reader)}; expected whole numbers >= 0");
            values.Add(v);
        }
    }

    private static void Next(ref Utf8JsonReader reader, JsonTokenType expected, string what)
    {
        if (!reader.Read()) throw Bad("the header's JSON ends early");
        if (reader.TokenType != expected)
            throw Bad($"{what} is {Token(ref reader)}; expected {(expected switch
            {
                JsonTokenType.StartObject => "an object",
                JsonTokenType.StartArray => "an array",
                _ => "a string",
            })}");
    }

    private static string Token(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => "the number " + Truncate(System.Text.Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.String => "a string",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };

    /// <summary>Reads BOOL bytes, one per element; refuses a byte other than 0 or 1 (a .NET bool must be one of them).</summary>
    private static void ReadBools(Entry e, Stream stream, Span<bool> values)
    {
        var bytes = MemoryMarshal.AsBytes(values);
        ReadExactly(stream, bytes);
        int bad = bytes.IndexOfAnyExcept((byte)0, (byte)1);
        if (bad >= 0)
            throw Bad($"tensor {Quote(e.Name)} of dtype BOOL holds the byte {bytes[bad]} at flat index {bad}; expected 0 or 1");
    }

    private static void ReadLittleEndian<T>(Stream stream, Span<T> values) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        ReadExactly(stream, bytes);
        if (BitConverter.IsLittleEndian) return;
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        for (int i = 0; i < bytes.Length; i += size) bytes.Slice(i, size).Reverse();
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("SafeTensors: the data ended early (it changed while being read).", e);
        }
    }

    private static string Shape(int[] shape) => "[" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "...";

    private static string Quote(string name) => "'" + Truncate(name) + "'";

    private static InvalidDataException Bad(string problem) => new($"SafeTensors: {problem}.");
}
