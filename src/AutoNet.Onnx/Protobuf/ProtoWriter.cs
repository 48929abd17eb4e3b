using System.Buffers.Binary;
using System.Text;

namespace AutoNet.Onnx.Protobuf;

/// <summary>
/// The encoding half of the Protocol Buffers wire format, just what an ONNX file needs. A message is a sequence
/// of fields; each field is a tag, <c>(fieldNumber &lt;&lt; 3) | wireType</c> written as a varint, then its value:
/// <list type="bullet">
/// <item>wire type 0, varint: integers, 7 bits a byte, least significant group first, high bit set on every byte
/// but the last (a negative int64 takes ten bytes, its two's complement as an unsigned 64-bit number);</item>
/// <item>wire type 2, length-delimited: the byte count as a varint, then the bytes (strings as UTF-8, raw bytes,
/// and nested messages);</item>
/// <item>wire type 5, fixed32: four bytes, little-endian (a float).</item>
/// </list>
/// A repeated field is the same field written once per element. Fields may come in any order; we write them in
/// the order of the message's declaration.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly MemoryStream _buffer = new();

    /// <summary>An int64, int32 or enum field (wire type 0).</summary>
    public void Int64(int field, long value)
    {
        Tag(field, WireVarint);
        Varint(unchecked((ulong)value));
    }

    /// <summary>A float field (wire type 5): IEEE 754 single precision, little-endian.</summary>
    public void Float(int field, float value)
    {
        Tag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>A string field (wire type 2): its UTF-8 bytes.</summary>
    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field (wire type 2): the length, then the bytes.</summary>
    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireLengthDelimited);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>
    /// A nested message (wire type 2, like bytes). Its length must come first, so the body is written into a
    /// writer of its own and then copied here.
    /// </summary>
    public void Message(int field, Action<ProtoWriter> writeBody)
    {
        var inner = new ProtoWriter();
        writeBody(inner);
        Bytes(field, inner.ToArray());
    }

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    private void Tag(int field, int wireType)
    {
        if (field < 1) throw new ArgumentOutOfRangeException(nameof(field), field, $"ProtoWriter: field numbers start at 1, got {field}.");
        Varint(((ulong)field << 3) | (uint)wireType);
    }

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80)); // low 7 bits, "more follows"
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
