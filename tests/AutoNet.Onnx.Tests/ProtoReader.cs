using System.Text;

namespace AutoNet.Onnx.Tests;

/// <summary>
/// A minimal protobuf reader for the tests: splits a message into its fields, so a test can look inside an exported
/// file (node op types, initializer names) independently of the writer.
/// </summary>
internal sealed class ProtoReader
{
    private readonly List<(int Field, int WireType, ulong Number, byte[] Bytes)> _fields = [];

    public ProtoReader(byte[] message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong tag = Varint(message, ref position);
            int field = (int)(tag >> 3), wireType = (int)(tag & 7);
            switch (wireType)
            {
                case 0: _fields.Add((field, 0, Varint(message, ref position), [])); break;
                case 2:
                    int length = (int)Varint(message, ref position);
                    _fields.Add((field, 2, 0, message[position..(position + length)]));
                    position += length;
                    break;
                case 5: _fields.Add((field, 5, BitConverter.ToUInt32(message, position), [])); position += 4; break;
                default: throw new InvalidDataException($"ProtoReader: wire type {wireType} at byte {position} is not used by the exporter.");
            }
        }
    }

    public IEnumerable<ProtoReader> Messages(int field) => _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => new ProtoReader(f.Bytes));

    public ProtoReader Message(int field) => Messages(field).Single();

    public IEnumerable<string> Strings(int field) => _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => Encoding.UTF8.GetString(f.Bytes));

    public string String(int field) => Strings(field).Single();

    public IEnumerable<long> Numbers(int field) => _fields.Where(f => f.Field == field && f.WireType == 0).Select(f => (long)f.Number);

    public long Number(int field) => Numbers(field).Single();

    private static ulong Varint(byte[] bytes, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return value;
        }
    }
}
