using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using AutoNet.Serialization;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace AutoNet.Tests.Serialization;

/// <summary>
/// Property tests of the reader with CsCheck: valid images round-trip, and random, bit-flipped, truncated and
/// header-edited images either load or raise <see cref="InvalidDataException"/> — no other exception ever
/// escapes — and reading never allocates more than a small multiple of the image's real size.
/// </summary>
public class SafeTensorsFuzzTests(ITestOutputHelper output)
{
    private static readonly Gen<Tensor> GenTensor =
        Gen.Select(Gen.Bool, Gen.Int[0, 3].SelectMany(rank => Gen.Int[0, 4].Array[rank]), Gen.Double.Array[0, 64])
            .Select((f32, shape, pool) =>
            {
                int n = shape.Aggregate(1, (a, b) => a * b);
                var values = Enumerable.Range(0, n).Select(i => pool.Length == 0 ? i * 0.5 : pool[i % pool.Length]).ToArray();
                return f32 ? Tensor.From(values.Select(v => (float)v).ToArray(), shape) : Tensor.From(values, shape);
            });

    private static readonly Gen<string> GenName = Gen.OneOf(
        Gen.String[Gen.Char["abc.0123_"], 0, 12],
        Gen.String[Gen.Char, 0, 6],
        Gen.Const("0.weight"), Gen.Const("é 名前"));

    /// <summary>A valid image: up to 5 uniquely named tensors and maybe metadata.</summary>
    private static readonly Gen<(OrderedDictionary<string, Tensor> Tensors, Dictionary<string, string>? Meta, byte[] Bytes)> GenImage =
        Gen.Select(Gen.Select(GenName, GenTensor).Array[0, 5], Gen.Select(GenName, GenName).Array[0, 3].Null())
            .Select((pairs, meta) =>
            {
                var tensors = new OrderedDictionary<string, Tensor>();
                foreach (var (name, t) in pairs)
                    if (name != SafeTensors.MetadataKey) tensors.TryAdd(name, t);
                Dictionary<string, string>? m = null;
                if (meta is not null)
                {
                    m = new Dictionary<string, string>();
                    foreach (var (k, v) in meta) m.TryAdd(k, v);
                }
                var stream = new MemoryStream();
                SafeTensors.Write(stream, tensors, m);
                return (tensors, m, stream.ToArray());
            });

    private static readonly string[] Tokens =
    [
        "-1", "0", "1", "8", "16", "4294967296", "18446744073709551615", "18446744073709551616", "1e309", "2.5", "9999999999999",
        "\"F16\"", "\"F32\"", "\"F64\"", "\"I64\"", "\"\"", "[", "]", "{", "}", ",", ":", "null", "true", "[]", "{}", "[0,0]",
        "\"shape\"", "\"dtype\"", "\"data_offsets\"", "\"__metadata__\"", "\"x\":1", "\\u0000", "\u00ff", " ", "[2147483647,2147483647]",
    ];

    /// <summary>Applies mutation <paramref name="kind"/> to a valid image, driven by <paramref name="r"/> (a few random ints).</summary>
    private static byte[] Mutate(byte[] image, int kind, int[] r)
    {
        var b = (byte[])image.Clone();
        int headerLength = b.Length >= 8 ? (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(b), (ulong)(b.Length - 8)) : 0;
        int Pick(int i, int n) => n <= 0 ? 0 : (int)((uint)r[i % r.Length] % (uint)n);
        switch (kind)
        {
            case 0: // flip a few random bits anywhere
                for (int i = 0; i < 1 + Pick(0, 8); i++) b[Pick(i + 1, b.Length)] ^= (byte)(1 << Pick(i + 2, 8));
                return b;
            case 1: // truncate
                return b[..Pick(0, b.Length)];
            case 2: // flip bits inside the header only
                for (int i = 0; i < 1 + Pick(0, 4); i++) b[8 + Pick(i + 1, headerLength)] ^= (byte)(1 << Pick(i + 2, 8));
                return b;
            case 3: // splice a token into the header (replacing 0..3 bytes), keeping the declared length consistent
            {
                int at = 8 + Pick(0, headerLength);
                int cut = Math.Min(Pick(1, 4), 8 + headerLength - at);
                var token = Encoding.UTF8.GetBytes(Tokens[Pick(2, Tokens.Length)]);
                var result = b[..at].Concat(token).Concat(b[(at + cut)..]).ToArray();
                BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)(headerLength - cut + token.Length));
                return result;
            }
            case 4: // rewrite the header length
            {
                ulong[] lengths = [0, 1, 2, (ulong)headerLength - 1, (ulong)headerLength + 1, (ulong)headerLength + 8, (ulong)b.Length,
                                   100_000_001, uint.MaxValue, long.MaxValue, ulong.MaxValue, (ulong)(uint)r[1]];
                BinaryPrimitives.WriteUInt64LittleEndian(b, lengths[Pick(0, lengths.Length)]);
                return b;
            }
            case 5: // replace a number in the header with another number
            {
                var text = Encoding.UTF8.GetString(b, 8, headerLength);
                var digits = Enumerable.Range(0, text.Length).Where(i => char.IsAsciiDigit(text[i]) && (i == 0 || !char.IsAsciiDigit(text[i - 1]))).ToList();
                if (digits.Count == 0) return b;
                int start = digits[Pick(0, digits.Count)], end = start;
                while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
                string[] numbers = ["0", "1", "7", "24", "1000000", "4294967295", "99999999999999999999", r[2].ToString(), ((long)r[2] * r[3]).ToString()];
                text = text[..start] + numbers[Pick(1, numbers.Length)] + text[end..];
                var h = Encoding.UTF8.GetBytes(text);
                var result = new byte[8 + h.Length + (b.Length - 8 - headerLength)];
                BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)h.Length);
                h.CopyTo(result, 8);
                b.AsSpan(8 + headerLength).CopyTo(result.AsSpan(8 + h.Length));
                return result;
            }
            case 7: // a coherent lie: one tensor claims a huge shape with matching offsets (the file stays small)
            case 8: // a second name for an existing tensor's bytes (overlap), or offsets shifted by a few bytes
            {
                if (JsonNode.Parse(Encoding.UTF8.GetString(b, 8, headerLength)) is not JsonObject header) return b;
                var names = header.Select(p => p.Key).Where(k => k != SafeTensors.MetadataKey).ToList();
                if (names.Count == 0) return b;
                var entry = header[names[Pick(0, names.Count)]]!.AsObject();
                ulong size = entry["dtype"]!.GetValue<string>() == "F32" ? 4UL : 8UL;
                ulong begin = entry["data_offsets"]![0]!.GetValue<ulong>();
                if (kind == 7)
                {
                    ulong[] counts = [1_000_000, 50_000_000, 268_435_456, 2_147_483_647, 4_000_000_000, (ulong)(uint)r[1]];
                    ulong count = counts[Pick(2, counts.Length)];
                    entry["shape"] = new JsonArray(JsonValue.Create(count));
                    entry["data_offsets"] = new JsonArray(JsonValue.Create(begin), JsonValue.Create(begin + count * size));
                }
                else if (Pick(2, 2) == 0) header["copy" + r[3]] = entry.DeepClone();
                else
                {
                    ulong shift = (ulong)(1 + Pick(3, 8));
                    entry["data_offsets"] = new JsonArray(JsonValue.Create(begin + shift), JsonValue.Create(entry["data_offsets"]![1]!.GetValue<ulong>() + shift));
                }
                var h = Encoding.UTF8.GetBytes(header.ToJsonString());
                var result = new byte[8 + h.Length + (b.Length - 8 - headerLength)];
                BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)h.Length);
                h.CopyTo(result, 8);
                b.AsSpan(8 + headerLength).CopyTo(result.AsSpan(8 + h.Length));
                return result;
            }
            case 6: // append or remove data bytes
                return Pick(0, 2) == 0 ? [.. b, .. new byte[1 + Pick(1, 16)]] : b[..Math.Max(0, b.Length - 1 - Pick(1, 16))];
            default: // random bytes with a plausible header length
            {
                var result = new byte[8 + Pick(0, 120)];
                new Random(r[1]).NextBytes(result);
                BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)Pick(2, result.Length - 7));
                if (result.Length > 8 && Pick(3, 2) == 0) result[8] = (byte)'{';
                return result;
            }
        }
    }

    private static OrderedDictionary<string, Tensor>? ReadOrInvalid(byte[] bytes)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return SafeTensors.Read(new MemoryStream(bytes, writable: false), out _);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated <= 100_000 + 64L * bytes.Length, $"reading a {bytes.Length}-byte image allocated {allocated} bytes");
        }
    }

    [Fact]
    public void Valid_images_round_trip_exactly()
    {
        int cases = 0;
        GenImage.Sample((tensors, meta, bytes) =>
        {
            var loaded = SafeTensors.Read(new MemoryStream(bytes), out var m);
            Assert.Equal(tensors.Keys, loaded.Keys);
            foreach (var (name, t) in tensors) SafeTensorsTests.AssertSameBits(t, loaded[name], name);
            Assert.Equal(meta is { Count: > 0 } ? meta : new Dictionary<string, string>(), m);
            Interlocked.Increment(ref cases);
        }, iter: 2000);
        output.WriteLine($"valid images round-tripped: {cases}");
    }

    [Fact]
    public void Mutated_images_load_or_raise_InvalidDataException_without_large_allocations()
    {
        int cases = 0, loaded = 0;
        Gen.Select(GenImage, Gen.Int[0, 9], Gen.Int.Array[4]).Sample((image, kind, r) =>
        {
            var bytes = Mutate(image.Bytes, kind, r);
            var result = ReadOrInvalid(bytes);
            Interlocked.Increment(ref cases);
            if (result is null) return;
            Interlocked.Increment(ref loaded);
            // Whatever loads must be self-consistent: writing it again and reading gives the same tensors.
            var again = new MemoryStream();
            SafeTensors.Write(again, result);
            var reread = SafeTensors.Read(new MemoryStream(again.ToArray()), out _);
            Assert.Equal(result.Keys, reread.Keys);
            foreach (var (name, t) in result) SafeTensorsTests.AssertSameBits(t, reread[name], name);
        }, iter: 20000, print: t => $"kind {t.Item2}, ints [{string.Join(", ", t.Item3)}], base {Convert.ToHexString(t.Item1.Bytes)}");
        output.WriteLine($"mutated images tried: {cases}, of which loaded: {loaded}");
        Assert.Equal(20000, cases);
    }

    [Fact]
    public void Random_bytes_never_escape_as_another_exception()
    {
        int cases = 0;
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            ReadOrInvalid(bytes);
            if (bytes.Length >= 8)
            {
                // The same bytes with a header length that fits, so the JSON parser sees them too.
                var fixedUp = (byte[])bytes.Clone();
                BinaryPrimitives.WriteUInt64LittleEndian(fixedUp, (ulong)(bytes.Length - 8));
                fixedUp[8 % fixedUp.Length] = bytes.Length > 8 ? (byte)'{' : fixedUp[8 % fixedUp.Length];
                ReadOrInvalid(fixedUp);
            }
            Interlocked.Increment(ref cases);
        }, iter: 10000);
        output.WriteLine($"random byte strings tried: {cases} (x2 with fitted header length)");
    }
}
