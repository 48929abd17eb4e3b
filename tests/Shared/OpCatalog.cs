namespace AutoNet.CaseTable;

/// <summary>
/// The AutoNet spelling of every op of the case table (tests/OpCases/op-cases.json): op name → a function of the
/// case's arguments and inputs. Compiled into both test projects: the recorded-replay tests run it against the
/// PyTorch fixture, the parity tests against TorchSharp (which add their own torch spelling). A row without an
/// entry here fails <c>EveryTableOp_HasAnAutoNetSpelling</c>.
/// </summary>
public static class OpCatalog
{
    /// <summary>The AutoNet call of each op.</summary>
    public static IReadOnlyDictionary<string, Func<OpArgs, Tensor[], Tensor>> AutoNet { get; } = new Dictionary<string, Func<OpArgs, Tensor[], Tensor>>
    {
        ["add"] = Binary((a, b) => a + b, (a, n) => a + n, (n, a) => n + a),
        ["sub"] = Binary((a, b) => a - b, (a, n) => a - n, (n, a) => n - a),
        ["mul"] = Binary((a, b) => a * b, (a, n) => a * n, (n, a) => n * a),
        ["div"] = Binary((a, b) => a / b, (a, n) => a / n, (n, a) => n / a),
        ["neg"] = (_, x) => -x[0],
        ["pow"] = (a, x) => x[0].Pow(a.Double("exponent")),
        ["exp"] = (_, x) => x[0].Exp(),
        ["log"] = (_, x) => x[0].Log(),
        ["sqrt"] = (_, x) => x[0].Sqrt(),
        ["abs"] = (_, x) => x[0].Abs(),
        ["relu"] = (_, x) => x[0].Relu(),
        ["sigmoid"] = (_, x) => x[0].Sigmoid(),
        ["tanh"] = (_, x) => x[0].Tanh(),
        ["clamp"] = (a, x) => x[0].Clamp(a.Double("min"), a.Double("max")),
        ["erf"] = (_, x) => x[0].Erf(),
        ["log1p"] = (_, x) => x[0].Log1p(),
        ["leaky_relu"] = (a, x) => x[0].LeakyRelu(a.Double("negative_slope")),
        ["gelu"] = (a, x) => x[0].Gelu(a.String("approximate")),
        ["softplus"] = (_, x) => x[0].Softplus(),
        ["softmax"] = (a, x) => x[0].Softmax(a.Int("dim")),
        ["log_softmax"] = (a, x) => x[0].LogSoftmax(a.Int("dim")),
        ["sum"] = (a, x) => a.Has("dim") ? x[0].Sum(a.Int("dim"), a.Bool("keepdim")) : x[0].Sum(),
        ["mean"] = (a, x) => a.Has("dim") ? x[0].Mean(a.Int("dim"), a.Bool("keepdim")) : x[0].Mean(),
        ["max"] = (a, x) => a.Has("dim") ? x[0].Max(a.Int("dim"), a.Bool("keepdim")) : x[0].Max(),
        ["matmul"] = (_, x) => x[0].MatMul(x[1]),
        ["reshape"] = (a, x) => x[0].Reshape(a.Ints("shape")),
        ["transpose"] = (a, x) => x[0].Transpose(a.Int("dim0"), a.Int("dim1")),
        ["t"] = (_, x) => x[0].T,
        ["bce"] = (a, x) => F.BinaryCrossEntropy(x[0], x[1], ReductionOf(a.String("reduction"))),
        ["cast"] = (a, x) => x[0].To(DTypeOf(a.String("to"))),
        ["expand"] = InternalShapeOp("AutoNet.Ops.Expand"),
        ["sum_to"] = InternalShapeOp("AutoNet.Ops.SumTo"),
        // math (issue 11, part 6): elementwise math, Pow with a tensor exponent, reductions over dims, triangles
        ["sin"] = (_, x) => x[0].Sin(),
        ["cos"] = (_, x) => x[0].Cos(),
        ["log2"] = (_, x) => x[0].Log2(),
        ["exp2"] = (_, x) => x[0].Exp2(),
        ["rsqrt"] = (_, x) => x[0].Rsqrt(),
        ["sign"] = (_, x) => x[0].Sign(),
        ["reciprocal"] = (_, x) => x[0].Reciprocal(),
        ["square"] = (_, x) => x[0].Square(),
        ["pow_tensor"] = (a, x) => a.Has("number") ? Tensor.Pow(a.Double("number"), x[0]) : x[0].Pow(x[1]),
        ["cumsum"] = (a, x) => x[0].CumSum(a.Int("dim")),
        ["var"] = (a, x) => a.Has("dim") ? x[0].Var(a.Int("dim"), a.Int("correction"), a.Bool("keepdim")) : x[0].Var(),
        ["std"] = (a, x) => a.Has("dim") ? x[0].Std(a.Int("dim"), a.Int("correction"), a.Bool("keepdim")) : x[0].Std(),
        ["logsumexp"] = (a, x) => x[0].LogSumExp(a.Int("dim"), a.Bool("keepdim")),
        ["sum_dims"] = (a, x) => x[0].Sum(a.Ints("dims"), a.Bool("keepdim")),
        ["mean_dims"] = (a, x) => x[0].Mean(a.Ints("dims"), a.Bool("keepdim")),
        ["tril"] = (a, x) => x[0].Tril(a.Int("diagonal")),
        ["triu"] = (a, x) => x[0].Triu(a.Int("diagonal")),
        // joins (issue 11, part 4)
        ["cat"] = (a, x) => Tensor.Cat(x, a.Int("dim")),
        ["stack"] = (a, x) => Tensor.Stack(x, a.Int("dim")),
        ["repeat"] = (a, x) => x[0].Repeat(a.Ints("repeats")),
        ["pad"] = (a, x) => F.Pad(x[0], a.Ints("pad"), a.Double("value")),
        // index ops (issue 11, part 3)
        ["index_select"] = (a, x) => x[0].IndexSelect(a.Int("dim"), x[1]),
        ["index_add"] = (a, x) => x[0].IndexAdd(a.Int("dim"), x[1], x[2]),
        ["gather"] = (a, x) => x[0].Gather(a.Int("dim"), x[1]),
        ["scatter_add"] = (a, x) => x[0].ScatterAdd(a.Int("dim"), x[1], x[2]),
        ["masked_select"] = (_, x) => x[0].MaskedSelect(x[1]),
        // views, indexing, splits (issue 11, helper views)
        ["view"] = (a, x) => x[0].View(a.Ints("shape")),
        ["permute"] = (a, x) => x[0].Permute(a.Ints("dims")),
        ["unsqueeze"] = (a, x) => x[0].Unsqueeze(a.Int("dim")),
        ["squeeze"] = (a, x) => a.Has("dim") ? x[0].Squeeze(a.Int("dim")) : x[0].Squeeze(),
        ["expand_view"] = (a, x) => x[0].Expand(a.Ints("shape")),
        ["select"] = (a, x) => x[0].Select(a.Int("dim"), a.Int("index")),
        ["narrow"] = (a, x) => x[0].Narrow(a.Int("dim"), a.Int("start"), a.Int("length")),
        ["contiguous"] = (a, x) => x[0].Transpose(0, -1).Contiguous(),
        ["index"] = (a, x) => x[0][ParseIndex(a.String("index"))],
        ["flatten"] = (a, x) => x[0].Flatten(a.Int("start_dim"), a.Int("end_dim")),
        ["unflatten"] = (a, x) => x[0].Unflatten(a.Int("dim"), a.Ints("sizes")),
        ["split"] = (a, x) => (a.Has("sizes") ? x[0].Split(a.Ints("sizes"), a.Int("dim")) : x[0].Split(a.Int("size"), a.Int("dim")))[a.Int("piece")],
        ["chunk"] = (a, x) => x[0].Chunk(a.Int("chunks"), a.Int("dim"))[a.Int("piece")],
        // dtypes task: comparisons and selection.
        ["eq"] = (a, x) => a.Has("number") ? x[0].Eq(a.Double("number")) : x[0].Eq(x[1]),
        ["ne"] = (a, x) => a.Has("number") ? x[0].Ne(a.Double("number")) : x[0].Ne(x[1]),
        ["lt"] = (a, x) => a.Has("number") ? x[0].Lt(a.Double("number")) : x[0].Lt(x[1]),
        ["le"] = (a, x) => a.Has("number") ? x[0].Le(a.Double("number")) : x[0].Le(x[1]),
        ["gt"] = (a, x) => a.Has("number") ? x[0].Gt(a.Double("number")) : x[0].Gt(x[1]),
        ["ge"] = (a, x) => a.Has("number") ? x[0].Ge(a.Double("number")) : x[0].Ge(x[1]),
        ["where"] = (_, x) => Tensor.Where(x[0], x[1], x[2]),
        ["masked_fill"] = (a, x) => x[0].MaskedFill(x[1], a.Double("value")),
        ["max_all"] = (_, x) => x[0].Max(),
        ["min_all"] = (_, x) => x[0].Min(),
        ["min"] = (a, x) => x[0].Min(a.Int("dim"), a.Bool("keepdim")),
        ["max_indices"] = (a, x) => x[0].MaxWithIndices(a.Int("dim"), a.Bool("keepdim")).Indices,
        ["min_indices"] = (a, x) => x[0].MinWithIndices(a.Int("dim"), a.Bool("keepdim")).Indices,
        ["argmax"] = (a, x) => a.Has("dim") ? x[0].ArgMax(a.Int("dim"), a.Bool("keepdim")) : x[0].ArgMax(),
        ["argmin"] = (a, x) => a.Has("dim") ? x[0].ArgMin(a.Int("dim"), a.Bool("keepdim")) : x[0].ArgMin(),
        ["amax"] = (a, x) => x[0].Amax(a.Ints("dims"), a.Bool("keepdim")),
        ["amin"] = (a, x) => x[0].Amin(a.Ints("dims"), a.Bool("keepdim")),
        ["maximum"] = (_, x) => Tensor.Maximum(x[0], x[1]),
        ["minimum"] = (_, x) => Tensor.Minimum(x[0], x[1]),
        // activations for the next networks (issue 11, part 7)
        ["elu"] = (a, x) => F.Elu(x[0], a.Double("alpha")),
        ["selu"] = (_, x) => F.Selu(x[0]),
        ["silu"] = (_, x) => F.Silu(x[0]),
        ["mish"] = (_, x) => F.Mish(x[0]),
        ["relu6"] = (_, x) => F.Relu6(x[0]),
        ["hardtanh"] = (a, x) => F.Hardtanh(x[0], a.Double("min_val"), a.Double("max_val")),
        ["logsigmoid"] = (_, x) => F.LogSigmoid(x[0]),
        ["softsign"] = (_, x) => F.Softsign(x[0]),
        // matmul (issue 11, part 8): F.Linear on [*, in] inputs, with or without a bias.
        ["linear"] = (_, x) => F.Linear(x[0], x[1], x.Length > 2 ? x[2] : null),
        // Convolution and pooling (issue 12, helper cnn): a third input is the bias; "*_hw" args are (height, width) pairs.
        ["conv1d"] = (a, x) => F.Conv1d(x[0], x[1], x.Length > 2 ? x[2] : null, a.Int("stride"), a.Int("padding"), a.Int("dilation"), a.Int("groups")),
        ["conv2d"] = (a, x) => a.Has("stride_hw")
            ? F.Conv2d(x[0], x[1], x.Length > 2 ? x[2] : null, Pair(a, "stride_hw"), Pair(a, "padding_hw"), Pair(a, "dilation_hw"), a.Int("groups"))
            : F.Conv2d(x[0], x[1], x.Length > 2 ? x[2] : null, a.Int("stride"), a.Int("padding"), a.Int("dilation"), a.Int("groups")),
        ["max_pool1d"] = (a, x) => F.MaxPool1d(x[0], a.Int("kernel_size"), a.Has("stride") ? a.Int("stride") : null, a.Int("padding")),
        ["max_pool2d"] = (a, x) => F.MaxPool2d(x[0], a.Int("kernel_size"), a.Has("stride") ? a.Int("stride") : null, a.Int("padding")),
        ["avg_pool1d"] = (a, x) => F.AvgPool1d(x[0], a.Int("kernel_size"), a.Has("stride") ? a.Int("stride") : null, a.Int("padding")),
        ["avg_pool2d"] = (a, x) => F.AvgPool2d(x[0], a.Int("kernel_size"), a.Has("stride") ? a.Int("stride") : null, a.Int("padding")),
        ["adaptive_avg_pool2d"] = (a, x) => new global::AutoNet.Nn.AdaptiveAvgPool2d(a.Int("output_size")).Forward(x[0]),
        ["one_hot"] = (a, x) => F.OneHot(x[0], a.Int("num_classes")),
        ["embedding"] = (a, x) => F.Embedding(x[0], x[1], a.Has("padding_idx") ? a.Int("padding_idx") : null),
        // Normalisation (issue 12): with "stats" inputs 1 and 2 are the running mean and variance (copied: BatchNorm
        // updates them in place in training, and the case's inputs must stay as drawn); the last two, if any, are
        // weight and bias.
        ["batch_norm"] = (a, x) =>
        {
            (Tensor? mean, Tensor? variance) = a.Bool("stats") ? (x[1].Detach() * 1.0, x[2].Detach() * 1.0) : (null, null);
            var (weight, bias) = NormAffine(x[(a.Bool("stats") ? 3 : 1)..]);
            return F.BatchNorm(x[0], mean, variance, weight, bias, a.Bool("training"), a.Double("momentum"), a.Double("eps"));
        },
        ["group_norm"] = (a, x) =>
        {
            var (weight, bias) = NormAffine(x[1..]);
            return F.GroupNorm(x[0], a.Int("num_groups"), weight, bias, a.Double("eps"));
        },
        // Attention (issue 12, helper attention): a fourth input is the mask (Bool: true takes part; float: added).
        ["scaled_dot_product_attention"] = (a, x) => F.ScaledDotProductAttention(x[0], x[1], x[2], x.Length > 3 ? x[3] : null,
            isCausal: a.Has("is_causal") && a.Bool("is_causal")),
    };

    /// <summary>The weight and bias of a normalisation case: the inputs after the data (and running statistics), or none.</summary>
    public static (T? Weight, T? Bias) NormAffine<T>(T[] rest) where T : class => rest.Length == 0 ? (null, null) : (rest[0], rest[1]);

    /// <summary>
    /// A Python index expression of ints and slices without step (<c>"1, -2:"</c>, <c>":, 1:3"</c>) as AutoNet's
    /// index entries: an int stays an int (negative counts from the end), <c>a:b</c> becomes a range, a negative
    /// bound <c>^k</c>.
    /// </summary>
    public static TensorIndex[] ParseIndex(string text) => text.Split(',').Select(part =>
    {
        part = part.Trim();
        if (!part.Contains(':')) return (TensorIndex)int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
        var ends = part.Split(':');
        static Index Bound(string s, Index whenEmpty) => s.Length == 0 ? whenEmpty
            : int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) is var v && v < 0 ? Index.FromEnd(-v) : Index.FromStart(v);
        return new Range(Bound(ends[0].Trim(), Index.Start), Bound(ends[1].Trim(), Index.End));
    }).ToArray();

    private static (int, int) Pair(OpArgs a, string name) => (a.Ints(name)[0], a.Ints(name)[1]);

    /// <summary>Runs <paramref name="op"/> in AutoNet; names the op when the catalog has no entry for it.</summary>
    public static Tensor Apply(string op, OpArgs args, Tensor[] inputs) =>
        AutoNet.TryGetValue(op, out var f) ? f(args, inputs)
            : throw new KeyNotFoundException($"OpCatalog has no AutoNet spelling for op '{op}': add one to tests/Shared/OpCatalog.cs.");

    /// <summary>PyTorch's dtype name (as in the table's <c>to</c> argument) as an AutoNet <see cref="DType"/>.</summary>
    public static DType DTypeOf(string name) => name switch
    {
        "float64" => DType.Float64,
        "float32" => DType.Float32,
        "int64" => DType.Int64,
        "bool" => DType.Bool,
        _ => throw new ArgumentException($"unknown dtype '{name}' (expected float64, float32, int64 or bool)", nameof(name)),
    };

    /// <summary>PyTorch's reduction name as an AutoNet <see cref="Reduction"/>.</summary>
    public static Reduction ReductionOf(string name) => name switch
    {
        "none" => Reduction.None,
        "sum" => Reduction.Sum,
        "mean" => Reduction.Mean,
        _ => throw new ArgumentException($"unknown reduction '{name}' (expected none, mean or sum)", nameof(name)),
    };

    /// <summary>
    /// An internal op <c>Forward(Tensor, int[] shape)</c> (Expand, SumTo), found by reflection: this file is compiled
    /// into the parity tests too, which do not see AutoNet's internals. A renamed op fails here, naming it.
    /// </summary>
    private static Func<OpArgs, Tensor[], Tensor> InternalShapeOp(string typeName)
    {
        var forward = typeof(Tensor).Assembly.GetType(typeName)?.GetMethod("Forward", [typeof(Tensor), typeof(int[])])
            ?? throw new MissingMethodException($"OpCatalog: AutoNet has no {typeName}.Forward(Tensor, int[]); update tests/Shared/OpCatalog.cs.");
        var call = forward.CreateDelegate<Func<Tensor, int[], Tensor>>();
        return (a, x) => call(x[0], a.Ints("shape"));
    }

    /// <summary>A binary operator on two tensors, or on a tensor and the number in args "number" on args "side".</summary>
    private static Func<OpArgs, Tensor[], Tensor> Binary(Func<Tensor, Tensor, Tensor> tensors, Func<Tensor, double, Tensor> numberRight,
        Func<double, Tensor, Tensor> numberLeft) => (a, x) => !a.Has("number") ? tensors(x[0], x[1])
            : a.String("side") == "right" ? numberRight(x[0], a.Double("number")) : numberLeft(a.Double("number"), x[0]);
}
