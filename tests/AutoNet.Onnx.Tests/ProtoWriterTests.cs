using AutoNet.Onnx.Protobuf;
using Xunit;

namespace AutoNet.Onnx.Tests;

/// <summary>The wire format, checked against the worked examples of the protobuf encoding guide.</summary>
public class ProtoWriterTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    [Fact]
    public void VarintFieldIsTagThenSevenBitGroups()
    {
        var w = new ProtoWriter();
        w.Int64(1, 150); // the guide's "message Test1 { int32 a = 1; }" with a = 150
        Assert.Equal("089601", Hex(w.ToArray()));
    }

    [Fact]
    public void StringFieldIsLengthDelimited()
    {
        var w = new ProtoWriter();
        w.String(2, "testing"); // "message Test2 { string b = 2; }"
        Assert.Equal("120774657374696e67", Hex(w.ToArray()));
    }

    [Fact]
    public void NestedMessageIsLengthDelimitedBody()
    {
        var w = new ProtoWriter();
        w.Message(3, inner => inner.Int64(1, 150)); // "message Test3 { Test1 c = 3; }"
        Assert.Equal("1a03089601", Hex(w.ToArray()));
    }

    [Fact]
    public void NegativeInt64TakesTenBytes()
    {
        var w = new ProtoWriter();
        w.Int64(1, -1); // two's complement: 64 one bits, in ten groups of 7
        Assert.Equal("08ffffffffffffffffff01", Hex(w.ToArray()));
    }

    [Fact]
    public void FloatIsFixed32LittleEndian()
    {
        var w = new ProtoWriter();
        w.Float(2, 1.0f); // tag (2 << 3) | 5 = 0x15, then 0x3f800000 little-endian
        Assert.Equal("150000803f", Hex(w.ToArray()));
    }

    [Fact]
    public void LargeFieldNumberTakesTwoTagBytes()
    {
        var w = new ProtoWriter();
        w.Int64(20, 2); // AttributeProto.type: (20 << 3) | 0 = 160 = 0xa0 0x01
        Assert.Equal("a00102", Hex(w.ToArray()));
    }

    [Fact]
    public void FieldNumberZeroIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProtoWriter().Int64(0, 1));
        Assert.Contains("field numbers start at 1", error.Message);
    }
}
