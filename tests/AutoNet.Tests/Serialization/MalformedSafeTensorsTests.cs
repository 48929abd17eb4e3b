using System.Buffers.Binary;
using System.Text;
using AutoNet.Serialization;
using Xunit;

namespace AutoNet.Tests.Serialization;

/// <summary>Each documented problem of a bad file, crafted by hand: an InvalidDataException naming it, nothing large allocated.</summary>
public class MalformedSafeTensorsTests
{
    /// <summary>An image with the given header text (padded to 8) and <paramref name="dataBytes"/> bytes of data.</summary>
    internal static byte[] Image(string header, int dataBytes, ulong? claimedLength = null)
    {
        var h = Encoding.UTF8.GetBytes(header);
        int padded = (h.Length + 8 + 7) / 8 * 8 - 8;
        var bytes = new byte[8 + padded + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, claimedLength ?? (ulong)padded);
        h.CopyTo(bytes, 8);
        for (int i = 8 + h.Length; i < 8 + padded; i++) bytes[i] = (byte)' ';
        return bytes;
    }

    private static string Fails(byte[] image)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new MemoryStream(image), out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 200_000 + 64L * image.Length, $"allocated {allocated} bytes for a {image.Length}-byte image");
        Assert.StartsWith("SafeTensors: ", e.Message);
        return e.Message;
    }

    private const string W = "\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}";

    [Fact]
    public void A_valid_image_loads()
    {
        var t = SafeTensors.Read(new MemoryStream(Image("{" + W + "}", 16)), out var meta);
        Assert.Equal(new[] { 0.0, 0.0 }, t["w"].ToArray());
        Assert.Empty(meta);
    }

    [Theory]
    [InlineData(0, "0 bytes long")]
    [InlineData(7, "7 bytes long")]
    public void Too_short_for_the_length(int size, string expected) => Assert.Contains(expected, Fails(new byte[size]));

    [Fact]
    public void Header_length_past_the_end() => Assert.Contains("runs past the end", Fails(Image("{" + W + "}", 16, claimedLength: 1000)));

    [Fact]
    public void Header_length_of_a_huge_number() => Assert.Contains("18446744073709551615 runs past the end", Fails(Image("{}", 0, claimedLength: ulong.MaxValue)));

    [Fact]
    public void Header_too_short() => Assert.Contains("too short", Fails(Image("{}", 8, claimedLength: 1)));

    [Theory]
    [InlineData("[" + W + "]", "does not start with '{'")]
    [InlineData("{" + W, "not valid JSON")]
    [InlineData("{" + W + ",}", "not valid JSON")]
    [InlineData("{" + W + "}{}", "not valid JSON")]
    [InlineData("{" + W + "} x", "not valid JSON")]
    [InlineData("{" + W + "," + W + "}", "names 'w' twice")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", "gives 'dtype' twice")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2]}}", "lacks 'data_offsets'")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16],\"extra\":1}}", "unknown field 'extra'")]
    [InlineData("{\"w\":{\"dtype\":\"F16\",\"shape\":[8],\"data_offsets\":[0,16]}}", "dtype 'F16', which AutoNet does not read")]
    [InlineData("{\"w\":{\"dtype\":\"Q99\",\"shape\":[2],\"data_offsets\":[0,16]}}", "unknown dtype 'Q99'")]
    [InlineData("{\"w\":{\"dtype\":64,\"shape\":[2],\"data_offsets\":[0,16]}}", "is the number 64; expected a string")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[-2],\"data_offsets\":[0,16]}}", "holds the number -2; expected whole numbers >= 0")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2.0],\"data_offsets\":[0,16]}}", "holds the number 2.0")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16,32]}}", "3 data_offsets")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[16,0]}}", "end before they begin")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,24]}}", "past the end of the 16-byte data buffer")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", "needs 24 bytes, but its data_offsets [0, 16] span 16 bytes")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", "needs 8 bytes")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", "cover only the first 8")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", "bytes [0, 8) of the data buffer belong to no tensor")]
    [InlineData("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", "overlap")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[4294967296],\"data_offsets\":[0,16]}}", "dimension 4294967296")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647,2147483647],\"data_offsets\":[0,16]}}", "too large to exist")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[4,1531447860,1],\"data_offsets\":[0,0]}}", "too large to exist")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[10000,10000],\"data_offsets\":[0,800000000]}}", "past the end")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,18446744073709551616]}}", "expected whole numbers >= 0")]
    [InlineData("{\"__metadata__\":{\"k\":1}," + W + "}", "metadata value 'k' is the number 1; expected a string")]
    [InlineData("{\"__metadata__\":{\"k\":\"a\",\"k\":\"b\"}," + W + "}", "metadata names 'k' twice")]
    [InlineData("{\"__metadata__\":[]," + W + "}", "'__metadata__' is an array; expected an object")]
    [InlineData("{\"w\":[1,2]}", "tensor 'w' is an array; expected an object")]
    [InlineData("{\"w\":{\"dtype\":\"F64\",\"shape\":[[[[2]]]],\"data_offsets\":[0,16]}}", "the shape of tensor 'w' holds an array")]
    public void Header_problems_are_named(string header, string expected) => Assert.Contains(expected, Fails(Image(header, 16)));

    [Fact]
    public void A_shape_with_a_zero_loads_as_no_elements_whatever_its_other_dims_like_the_reference_implementation()
    {
        var image = Image("{\"w\":{\"dtype\":\"F32\",\"shape\":[4,1531447860,0],\"data_offsets\":[0,0]}}", 0);
        var w = SafeTensors.Read(new MemoryStream(image), out _)["w"];
        Assert.Equal([4, 1531447860, 0], w.Shape);
        Assert.Equal(0, w.Count);
    }

    [Fact]
    public void Invalid_UTF8_in_a_name_is_refused()
    {
        var image = Image("{\"wX\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16);
        image[8 + 3] = 0xFF;
        Assert.Contains("UTF-8", Fails(image));
    }

    [Fact]
    public void A_truncated_data_buffer_is_refused()
    {
        var image = Image("{" + W + "}", 16);
        Assert.Contains("past the end of the 8-byte data buffer", Fails(image[..^8]));
    }

    [Fact]
    public void A_very_long_name_is_shortened_in_the_message()
    {
        string name = new('n', 10_000);
        var msg = Fails(Image("{\"" + name + "\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", 16));
        Assert.True(msg.Length < 400, msg);
        Assert.Contains("...", msg);
    }
}

/// <summary>PyTorch stores indices, and counters such as BatchNorm's num_batches_tracked, as int64: read as Int64, exactly.</summary>
public class SafeTensorsIntegerTests
{
    private static byte[] Image(long[] values)
    {
        string header = $"{{\"n\":{{\"dtype\":\"I64\",\"shape\":[{values.Length}],\"data_offsets\":[0,{8 * values.Length}]}}}}";
        while ((header.Length + 8) % 8 != 0) header += " ";
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((ulong)header.Length));
        bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(header));
        foreach (long v in values) bytes.AddRange(BitConverter.GetBytes(v));
        return bytes.ToArray();
    }

    [Fact]
    public void I64_tensors_load_as_int64_exactly()
    {
        var loaded = SafeTensors.Read(new MemoryStream(Image([0, 7, -3, (1L << 53) + 1, long.MinValue])), out _);
        Assert.Equal(DType.Int64, loaded["n"].DType);
        Assert.Equal(new[] { 0L, 7, -3, (1L << 53) + 1, long.MinValue }, loaded["n"].ToInt64Array());
    }

    [Fact]
    public void I64_counter_loads_into_a_float64_buffer()
    {
        var bn = new AutoNet.Nn.BatchNorm1d(2);
        var state = bn.StateDict();
        state["num_batches_tracked"] = Tensor.From(new long[] { 5 }).Reshape();
        bn.LoadStateDict(state);
        Assert.Equal(5.0, bn.NumBatchesTracked!.Item());
    }
}
