using AutoNet.Serialization;
using Xunit;

namespace AutoNet.Tests.DTypes;

/// <summary>safetensors keeps Int64 (I64) and Bool (BOOL, one byte each) tensors exactly.</summary>
public class SafeTensorsDTypeTests
{
    private static OrderedDictionary<string, Tensor> RoundTrip(OrderedDictionary<string, Tensor> tensors)
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors);
        stream.Position = 0;
        return SafeTensors.Read(stream, out _);
    }

    [Fact]
    public void Int64_and_Bool_round_trip_with_dtype_and_shape()
    {
        var ids = Tensor.From(new long[] { long.MinValue, -1, 0, long.MaxValue, 42, 7 }, 3, 2);
        var mask = Tensor.From([true, false, false, true, true], 5);
        var back = RoundTrip(new() { ["ids"] = ids, ["mask"] = mask, ["w"] = Tensor.From([1.5f]) });
        Assert.Equal(DType.Int64, back["ids"].DType);
        Assert.Equal([3, 2], back["ids"].Shape);
        Assert.Equal(ids.ToInt64Array(), back["ids"].ToInt64Array());
        Assert.Equal(DType.Bool, back["mask"].DType);
        Assert.Equal(mask.ToBoolArray(), back["mask"].ToBoolArray());
        Assert.Equal(DType.Float32, back["w"].DType);
    }

    [Fact]
    public void The_header_names_I64_and_BOOL_with_their_byte_sizes()
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, new OrderedDictionary<string, Tensor> { ["a"] = Tensor.From(new long[] { 1, 2 }), ["b"] = Tensor.From([true, false, true]) });
        var bytes = stream.ToArray();
        int n = (int)BitConverter.ToUInt64(bytes, 0);
        string header = System.Text.Encoding.UTF8.GetString(bytes, 8, n);
        Assert.Contains("\"a\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}", header);
        Assert.Contains("\"b\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[16,19]}", header);
        Assert.Equal(8 + n + 19, bytes.Length);
    }

    [Fact]
    public void A_BOOL_byte_other_than_0_or_1_is_refused_by_name()
    {
        string header = "{\"m\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[0,3]}}";
        while ((header.Length + 8) % 8 != 0) header += " ";
        var bytes = new List<byte>(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(header));
        bytes.AddRange([1, 0, 2]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(bytes.ToArray()), out _));
        Assert.Contains("tensor 'm'", e.Message);
        Assert.Contains("byte 2 at flat index 2", e.Message);
    }
}
