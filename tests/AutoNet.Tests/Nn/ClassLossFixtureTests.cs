using System.Globalization;
using System.Text.Json;
using Xunit;

namespace AutoNet.Tests.Nn;

/// <summary>
/// F.CrossEntropy and F.NllLoss against PyTorch 1.13's recording (Fixtures/class-losses, by record_class_losses.py):
/// class weights, ignoreIndex (-100 and 1), inputs [N, C], [N, C, d1] and [N, C, d1, d2], unbatched [C] with a 0-d
/// target, every target ignored (Mean gives NaN with a zero gradient), label smoothing with weights, and class
/// probabilities; float64 and float32. Each class-index case runs with the three target spellings (Int64 tensor,
/// int[], whole numbers in a float tensor), each through the F function and through the module.
/// </summary>
public class ClassLossFixtureTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "class-losses", "class-losses-torch.json")));
        return json.RootElement.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
    });

    public static TheoryData<string> Names => new(Cases.Value.Keys.Order(StringComparer.Ordinal));

    [Theory, MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        var c = Cases.Value[name];
        var dtype = c.GetProperty("dtype").GetString() == "float32" ? DType.Float32 : DType.Float64;
        var reduction = c.GetProperty("reduction").GetString() switch { "sum" => Reduction.Sum, "none" => Reduction.None, _ => Reduction.Mean };
        double ls = c.GetProperty("label_smoothing").GetDouble();
        int ignore = c.GetProperty("ignore_index").GetInt32();
        var weight = c.GetProperty("weight").ValueKind == JsonValueKind.Null ? null
            : Tensor.From([.. c.GetProperty("weight").EnumerateArray().Select(v => v.GetDouble())]).To(dtype);
        var (targetValues, targetShape) = Read(c.GetProperty("target"));
        bool ce = c.GetProperty("fn").GetString() == "cross_entropy";

        var spellings = new List<(string, Func<Tensor, Tensor>)>();
        if (c.GetProperty("target_kind").GetString() == "probs")
        {
            var probs = Shaped(Tensor.From(targetValues), targetShape).To(dtype);
            spellings.Add(("probabilities", x => F.CrossEntropy(x, probs, reduction, ls, weight)));
            spellings.Add(("module, probabilities", x => new AutoNet.Nn.CrossEntropyLoss(reduction, ls, weight).Forward(x, probs)));
        }
        else
        {
            var int64 = Shaped(Tensor.From([.. targetValues.Select(v => (long)v)]), targetShape);
            int[] ints = [.. targetValues.Select(v => (int)v)];
            var floats = Shaped(Tensor.From(targetValues), targetShape);
            if (ce)
            {
                spellings.Add(("Int64 tensor", x => F.CrossEntropy(x, int64, reduction, ls, weight, ignore)));
                spellings.Add(("int[]", x => F.CrossEntropy(x, ints, reduction, ls, weight, ignore)));
                spellings.Add(("float tensor of indices", x => F.CrossEntropy(x, floats, reduction, ls, weight, ignore)));
                spellings.Add(("module, Int64 tensor", x => new AutoNet.Nn.CrossEntropyLoss(reduction, ls, weight, ignore).Forward(x, int64)));
            }
            else
            {
                spellings.Add(("Int64 tensor", x => F.NllLoss(x, int64, reduction, weight, ignore)));
                spellings.Add(("int[]", x => F.NllLoss(x, ints, reduction, weight, ignore)));
                spellings.Add(("float tensor of indices", x => F.NllLoss(x, floats, reduction, weight, ignore)));
                spellings.Add(("module, int[]", x => new AutoNet.Nn.NLLLoss(reduction, weight, ignore).Forward(x, ints)));
            }
        }

        var (inputValues, inputShape) = Read(c.GetProperty("input"));
        var (outputValues, outputShape) = Read(c.GetProperty("output"));
        var (gradOutput, gradOutputShape) = Read(c.GetProperty("grad_output"));
        var (gradInput, _) = Read(c.GetProperty("grad_input"));
        foreach (var (spelling, loss) in spellings)
        {
            var x = Shaped(Tensor.From(inputValues), inputShape).To(dtype);
            x.RequiresGrad = true;
            var y = loss(x);
            Assert.Equal(dtype, y.DType);
            Assert.Equal(outputShape, y.ShapeArray);
            Expect($"{name} ({spelling}) output", outputValues, y.ToArray(), dtype);
            y.Backward(Shaped(Tensor.From(gradOutput), gradOutputShape).To(dtype));
            Expect($"{name} ({spelling}) input gradient", gradInput, x.Grad!.ToArray(), dtype);
        }
    }

    private static void Expect(string what, double[] expected, double[] actual, DType dtype)
    {
        Assert.Equal(expected.Length, actual.Length);
        double rtol = dtype == DType.Float32 ? 1e-6 : 1e-12;
        double scale = expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a) : Math.Abs(a - e) <= rtol * (Math.Abs(e) + scale);
            Assert.True(ok, $"{what}: element {i} is {a:R}, PyTorch's is {e:R}");
        }
    }

    /// <summary>A flat tensor given its shape ([] for 0-d).</summary>
    private static Tensor Shaped(Tensor flat, int[] shape) => flat.Reshape(shape);

    private static (double[] Values, int[] Shape) Read(JsonElement t) =>
        ([.. t.GetProperty("data").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String
            ? double.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetDouble())],
         [.. t.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32())]);
}
