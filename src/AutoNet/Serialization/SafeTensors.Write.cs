using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AutoNet.Serialization;

/// <summary>Writing: the JSON header (padded to 8 bytes) and the little-endian data buffer.</summary>
public static partial class SafeTensors
{
    private static void WriteImage(Stream stream, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var entries = new List<(string Name, Tensor Tensor)>();
        foreach (var (name, tensor) in tensors)
        {
            if (name is null) throw new ArgumentException("SafeTensors.Save: a tensor name is null.", nameof(tensors));
            if (name == MetadataKey) throw new ArgumentException($"SafeTensors.Save: '{MetadataKey}' is reserved for the metadata and cannot name a tensor.", nameof(tensors));
            if (tensor is null) throw new ArgumentException($"SafeTensors.Save: tensor '{name}' is null.", nameof(tensors));
            RequireValidUtf16(name, "tensor name", nameof(tensors));
            entries.Add((name, tensor));
        }
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (key is null || value is null)
                    throw new ArgumentException("SafeTensors.Save: metadata keys and values must not be null.", nameof(metadata));
                RequireValidUtf16(key, "metadata key", nameof(metadata));
                RequireValidUtf16(value, $"the value of metadata key {Quote(key)}", nameof(metadata));
            }
        }

        byte[] header = Header(entries, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var (_, entry) in entries)
        {
            var tensor = entry.Contiguous();
            switch (tensor.DType)
            {
                case DType.Float32: WriteLittleEndian(stream, tensor.Span<float>()); break;
                case DType.Int64: WriteLittleEndian(stream, tensor.Span<long>()); break;
                case DType.Bool: WriteLittleEndian(stream, tensor.Span<bool>()); break;
                default: WriteLittleEndian(stream, tensor.Span<double>()); break;
            }
        }
    }

    /// <summary>The JSON header, padded with spaces so that 8 + its length is a multiple of 8.</summary>
    private static byte[] Header(List<(string Name, Tensor Tensor)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                long bytes = (long)tensor.Count * ElementSize(tensor.DType);
                json.WriteStartObject(name);
                json.WriteString("dtype", tensor.DType switch
                {
                    DType.Float32 => "F32",
                    DType.Int64 => "I64",
                    DType.Bool => "BOOL",
                    _ => "F64",
                });
                json.WriteStartArray("shape");
                foreach (int d in tensor.ShapeArray) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        int length = (int)buffer.Length;
        int padded = (length + 8 + 7) / 8 * 8 - 8;
        for (int i = length; i < padded; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    /// <summary>
    /// Refuses text with a lone surrogate: UTF-8 cannot encode it, so the header would not be valid UTF-8 and
    /// Load (and the Python reference) would refuse the file. PyTorch ecosystem: <c>'\ud800'.encode()</c> raises.
    /// </summary>
    private static void RequireValidUtf16(string text, string what, string parameter)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i]))
                throw new ArgumentException(
                    $"SafeTensors.Save: {what} {Quote(Escaped(text))} is not valid UTF-16: a lone surrogate \\u{(int)text[i]:X4} at index {i}; names and metadata must be text that UTF-8 can encode.",
                    parameter);
        }
    }

    /// <summary>The text with each surrogate written as an escape, so that the message itself is valid text.</summary>
    private static string Escaped(string text) =>
        string.Concat(text.Select(c => char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private static int ElementSize(DType dtype) => dtype.ElementSize();

    private static void WriteLittleEndian<T>(Stream stream, ReadOnlySpan<T> values) where T : unmanaged
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        for (int i = 0; i < bytes.Length; i += size) bytes.AsSpan(i, size).Reverse();
        stream.Write(bytes);
    }
}
