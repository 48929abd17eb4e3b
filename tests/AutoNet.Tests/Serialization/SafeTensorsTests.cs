using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using AutoNet.Nn;
using AutoNet.Serialization;
using AutoNet.Tests.Support;
using Xunit;

namespace AutoNet.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-safetensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    internal static void AssertSameBits(Tensor expected, Tensor actual, string name)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(a[i]), $"{name}[{i}]: {e[i]:R} != {a[i]:R}");
    }

    [Fact]
    public void Round_trip_keeps_names_order_dtypes_shapes_bits_and_metadata()
    {
        var tensors = new OrderedDictionary<string, Tensor>
        {
            ["z.last"] = Tensor.From([1.5, -0.0, double.NaN, double.PositiveInfinity, double.Epsilon, -1e308], 2, 3),
            ["a.f32"] = Tensor.From(new float[] { 1.25f, -2f, float.NegativeInfinity, 1e-45f }, 4),
            ["scalar"] = Tensor.Scalar(42.0),
            ["empty"] = Tensor.Zeros([0, 3], DType.Float32),
            ["cube"] = Tensor.Arange(24).Reshape(2, 3, 4),
        };
        var meta = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "é \"quoted\" \\ 名前" };
        string path = PathOf("round.safetensors");
        SafeTensors.Save(path, tensors, meta);

        var loaded = SafeTensors.Load(path, out var metadata);
        Assert.Equal(tensors.Keys, loaded.Keys);
        foreach (var (name, t) in tensors) AssertSameBits(t, loaded[name], name);
        Assert.Equal(meta, metadata);
        Assert.False(loaded["cube"].RequiresGrad);
    }

    [Fact]
    public void Layout_follows_the_format()
    {
        string path = PathOf("layout.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.From([1.0, 2, 3]), ["b"] = Tensor.From(new float[] { 4, 5 }) });
        byte[] bytes = File.ReadAllBytes(path);
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0UL, (8 + n) % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)n);
        Assert.StartsWith("{", header);
        Assert.Equal(header.TrimEnd(' '), header.TrimEnd());
        using var json = JsonDocument.Parse(header);
        Assert.Equal("F64", json.RootElement.GetProperty("w").GetProperty("dtype").GetString());
        Assert.Equal("[0,24]", json.RootElement.GetProperty("w").GetProperty("data_offsets").GetRawText());
        Assert.Equal("[24,32]", json.RootElement.GetProperty("b").GetProperty("data_offsets").GetRawText());
        Assert.Equal(8 + (long)n + 32, bytes.Length);
        Assert.Equal(2.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + (int)n + 8)));
        Assert.Equal(5f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + 28)));
        Assert.False(json.RootElement.TryGetProperty(SafeTensors.MetadataKey, out _));
    }

    [Fact]
    public void A_file_written_by_the_Python_reference_script_loads_to_the_right_values()
    {
        using var expected = Fixtures.Load("safetensors", "reference.json");
        var loaded = SafeTensors.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", "reference.safetensors"), out var metadata);
        var tensors = expected.RootElement.GetProperty("tensors");
        Assert.Equal(tensors.EnumerateObject().Select(p => p.Name).OrderBy(s => s, StringComparer.Ordinal), loaded.Keys.OrderBy(s => s, StringComparer.Ordinal));
        foreach (var p in tensors.EnumerateObject())
        {
            var t = loaded[p.Name];
            Assert.Equal(p.Value.GetProperty("dtype").GetString() == "F32" ? DType.Float32 : DType.Float64, t.DType);
            Assert.Equal(p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()), t.Shape);
            var values = p.Value.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
                ? v.GetString() switch { "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, _ => double.NaN }
                : v.GetDouble()).ToArray();
            var actual = t.ToArray();
            Assert.Equal(values.Length, actual.Length);
            for (int i = 0; i < values.Length; i++)
                Assert.True(double.IsNaN(values[i]) ? double.IsNaN(actual[i]) : BitConverter.DoubleToInt64Bits(values[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                    $"{p.Name}[{i}]: expected {values[i]:R}, got {actual[i]:R}");
        }
        Assert.Equal(expected.RootElement.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), metadata);
    }

    [Fact]
    public void A_PyTorch_state_dict_file_loads_into_the_same_AutoNet_model()
    {
        using var expected = Fixtures.Load("safetensors", "reference.json");
        var mlp = expected.RootElement.GetProperty("mlp");
        var model = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
        Assert.Equal(mlp.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), model.StateDict().Keys);
        var (missing, unexpected) = model.Load(Path.Combine(AppContext.BaseDirectory, "Fixtures", "safetensors", "mlp.safetensors"));
        Assert.Empty(missing);
        Assert.Empty(unexpected);
        var y = model.Forward(Fixtures.Matrix(mlp.GetProperty("input")));
        Close.Relative(Fixtures.Flat(mlp.GetProperty("output")), y.ToArray(), 1e-12, what: "mlp output");
    }

    [Fact]
    public void Saving_replaces_the_file_atomically_and_leaves_no_temporary_file()
    {
        string path = PathOf("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["v"] = Tensor.From([1.0]) });
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["v"] = Tensor.From([2.0, 3.0]) });
        Assert.Equal(new[] { 2.0, 3.0 }, SafeTensors.Load(path)["v"].ToArray());

        var bad = new Dictionary<string, Tensor> { ["ok"] = Tensor.From([9.0]), ["bad"] = null! };
        Assert.Contains("'bad' is null", Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, bad)).Message);
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { [SafeTensors.MetadataKey] = Tensor.Zeros(1) }));
        Assert.Equal(new[] { 2.0, 3.0 }, SafeTensors.Load(path)["v"].ToArray());
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Loading_a_missing_file_throws_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => SafeTensors.Load(PathOf("nope.safetensors")));
    }

    [Fact]
    public void A_bad_file_names_the_file_and_the_problem()
    {
        string path = PathOf("bad.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("3 bytes long", e.Message);
        Assert.Contains(path, e.Message);
    }

    /// <summary>A seekable stream of zeros that claims a length without holding the bytes.</summary>
    private sealed class HugeZeroStream(long length, byte[] prefix) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, Math.Max(0, length - Position));
            for (int i = 0; i < n; i++) buffer[offset + i] = Position + i < prefix.Length ? prefix[Position + i] : (byte)0;
            Position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void An_absurd_header_length_is_refused_without_allocating_it()
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, 4_000_000_000UL);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(new HugeZeroStream(5_000_000_000L, prefix), out _));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("exceeds the limit of 100000000 bytes", e.Message);
        Assert.True(allocated < 1_000_000, $"allocated {allocated} bytes");
    }

    [Fact]
    public void A_non_seekable_stream_is_refused()
    {
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream();
        Assert.Throws<ArgumentException>(() => SafeTensors.Read(pipe, out _));
    }
}
