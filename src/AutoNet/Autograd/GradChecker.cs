using AutoNet.Internal;
using AutoNet.Kernels;

namespace AutoNet;

/// <summary>
/// The machinery behind <see cref="Autograd.GradCheck"/> and <see cref="Autograd.GradGradCheck"/>: float64 copies
/// of the inputs, central differences by perturbing those copies in place, analytical Jacobians from
/// <see cref="Autograd.Grad"/>, and the comparison. Works on functions with several outputs (GradGradCheck checks
/// one gradient per input). The two modes' loops are in <c>GradChecker.Modes.cs</c>.
/// </summary>
internal sealed partial class GradChecker
{
    private readonly string _check;
    private readonly double _eps, _atol, _rtol;
    private readonly GradCheckMode _mode;
    private readonly int _seed;
    private readonly Tensor[] _x;
    private readonly bool _promoted;
    private Func<Tensor[], Tensor[]> _function = null!;
    private int[][] _outShapes = [];
    private Func<int, string> _inputLabel = _ => "";

    // The running comparison: how many entries, whether all passed, and the worst one.
    private int _compared;
    private bool _passed = true;
    private double _worstScore = double.NegativeInfinity;
    private GradCheckEntry? _worst;

    public GradChecker(string check, Tensor[] inputs, double eps, double atol, double rtol, GradCheckMode mode, int seed)
    {
        _check = check;
        _x = Copies(Validate(check, inputs, eps, atol, rtol, mode), out _promoted);
        (_eps, _atol, _rtol, _mode, _seed) = (eps, atol, rtol, mode, seed);
    }

    /// <summary>Checks the arguments every gradient check shares, with messages naming what is wrong.</summary>
    public static Tensor[] Validate(string check, Tensor[] inputs, double eps, double atol, double rtol, GradCheckMode mode)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
            throw new ArgumentException($"{check}: no inputs given; pass the tensors to differentiate with respect to.", nameof(inputs));
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
                throw new ArgumentException($"{check}: input {i} is null.", nameof(inputs));
            if (inputs[i].DType is DType.Int64 or DType.Bool)
                throw new ArgumentException(
                    $"{check}: input {i} (shape {ShapeUtil.Format(inputs[i].ShapeArray)}) is {inputs[i].DType.Name()}, which has no gradient; " +
                    "pass only floating-point inputs and use an index or mask inside the function (a captured variable).",
                    nameof(inputs));
            if (!inputs[i].RequiresGrad)
                throw new ArgumentException(
                    $"{check}: input {i} (shape {ShapeUtil.Format(inputs[i].ShapeArray)}) does not require grad; set RequiresGrad = true on every input to check.",
                    nameof(inputs));
        }
        if (!(eps > 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{check}: eps must be a positive finite step, got {eps}.");
        if (!(atol >= 0) || !(rtol >= 0))
            throw new ArgumentOutOfRangeException(atol >= 0 ? nameof(rtol) : nameof(atol), atol >= 0 ? rtol : atol,
                $"{check}: atol and rtol must be >= 0, got atol {atol} and rtol {rtol}.");
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode, $"{check}: mode must be Auto, Full or Fast.");
        return inputs;
    }

    /// <summary>float64 leaf copies of <paramref name="inputs"/> that require grad; <paramref name="promoted"/> tells
    /// whether any was float32.</summary>
    public static Tensor[] Copies(Tensor[] inputs, out bool promoted)
    {
        promoted = false;
        var copies = new Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            promoted |= inputs[i].DType != DType.Float64;
            copies[i] = new Tensor(new TensorStorage(inputs[i].ToArray()), (int[])inputs[i].ShapeArray.Clone(), DType.Float64) { RequiresGrad = true };
        }
        return copies;
    }

    /// <summary>A standard normal draw (Box-Muller), for random directions and grad_outputs.</summary>
    public static double NextGaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Runs the check of <paramref name="function"/>; <paramref name="outputLabel"/> describes output o in messages,
    /// <paramref name="inputLabel"/> likewise describes input i (empty for none).</summary>
    public GradCheckResult Run(Func<Tensor[], Tensor[]> function, Func<int, string> outputLabel, Func<int, string>? inputLabel = null)
    {
        _inputLabel = inputLabel ?? (_ => "");
        _function = function;
        var outputs = Evaluate();
        _outShapes = outputs.Select(o => (int[])o.ShapeArray.Clone()).ToArray();
        long inCount = _x.Sum(t => (long)t.Count), outCount = outputs.Sum(o => (long)o.Count);
        var mode = _mode != GradCheckMode.Auto ? _mode
            : inCount <= Autograd.GradCheckFullModeMaxElements && outCount <= Autograd.GradCheckFullModeMaxElements
                ? GradCheckMode.Full : GradCheckMode.Fast;
        var labels = Enumerable.Range(0, outputs.Length).Select(outputLabel).ToArray();
        if (mode == GradCheckMode.Full) RunFull(labels); else RunFast();
        return new GradCheckResult(_check, mode, _passed, _compared, _eps, _atol, _rtol, _promoted, _seed, _worst);
    }

    /// <summary>Records one comparison: |a - n| &lt;= atol + rtol·|n| (NaN fails); keeps the worst by how far past
    /// (or how close to) its tolerance it is.</summary>
    private void Compare(double analytical, double numerical, Func<GradCheckEntry> entry)
    {
        _compared++;
        double diff = Math.Abs(analytical - numerical);
        double tolerance = _atol + _rtol * Math.Abs(numerical);
        bool ok = diff <= tolerance;
        double score = ok ? (tolerance > 0 ? diff / tolerance : 0)
            : double.IsNaN(diff) || tolerance == 0 ? double.PositiveInfinity : diff / tolerance;
        if (!ok) _passed = false;
        if (score > _worstScore || _worst is null)
        {
            _worstScore = score;
            _worst = entry();
        }
    }

    /// <summary>Calls the function on the current input values and checks its outputs.</summary>
    private Tensor[] Evaluate()
    {
        var outputs = _function(_x) ?? throw new InvalidOperationException($"{_check}: the function returned null; it must return a tensor.");
        for (int o = 0; o < outputs.Length; o++)
        {
            if (outputs[o] is null)
                throw new InvalidOperationException($"{_check}: the function returned null; it must return a tensor.");
            if (_outShapes.Length > 0 && !outputs[o].ShapeArray.AsSpan().SequenceEqual(_outShapes[o]))
                throw new InvalidOperationException(
                    $"{_check}: the function's output changed shape from {ShapeUtil.Format(_outShapes[o])} to {ShapeUtil.Format(outputs[o].ShapeArray)} " +
                    "between calls; it must be a pure function of its inputs.");
        }
        return outputs;
    }

    /// <summary>The outputs' values, concatenated, as float64.</summary>
    private double[] Values()
    {
        var outputs = Evaluate();
        var values = new double[outputs.Sum(o => o.Count)];
        for (int o = 0, offset = 0; o < outputs.Length; offset += outputs[o].Count, o++)
            for (int j = 0; j < outputs[o].Count; j++) values[offset + j] = outputs[o].GetFlat(j);
        return values;
    }

    private double[] CheckedGradient(Tensor g, int input)
    {
        if (!g.ShapeArray.AsSpan().SequenceEqual(_x[input].ShapeArray))
            throw new InvalidOperationException(
                $"{_check}: backward returned a gradient of shape {ShapeUtil.Format(g.ShapeArray)} for input {input} of shape {ShapeUtil.Format(_x[input].ShapeArray)}; they must match.");
        return g.ToArray();
    }

    private static double[] UnitVector(Random random, int n)
    {
        var u = new double[n];
        for (int k = 0; k < n; k++) u[k] = NextGaussian(random);
        var squares = new double[n];
        for (int k = 0; k < n; k++) squares[k] = u[k] * u[k];
        double norm = Math.Sqrt(Summation.Sum<double>(squares));
        for (int k = 0; k < n && norm > 0; k++) u[k] /= norm;
        return u;
    }

    private static int ShapeCount(int[] shape) => shape.Aggregate(1, (a, b) => a * b);
}
