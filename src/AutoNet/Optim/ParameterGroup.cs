using System.Globalization;

namespace AutoNet.Optim;

/// <summary>
/// A group of parameters with its own optimiser options: pass a list of groups to an optimiser, and each option left
/// null takes the optimiser's constructor argument, e.g.
/// <c>new SGD([new ParameterGroup(ps1) { Lr = 0.1 }, new ParameterGroup(ps2) { WeightDecay = 0 }], lr: 0.01)</c>.
/// Once the optimiser is built, its <see cref="Optimizer.ParamGroups"/> hold every option it has (the nulls filled
/// in), and changing one there (as a scheduler changes <see cref="Lr"/>) takes effect at the next step. An option
/// the optimiser does not have (<see cref="Betas"/> for SGD) is refused. PyTorch: a dict of
/// <c>optimizer.param_groups</c>.
/// </summary>
public sealed class ParameterGroup
{
    private double? _lr;

    /// <summary>Creates a group of <paramref name="parameters"/> with no option set.</summary>
    /// <param name="parameters">The group's parameters (leaf tensors that require grad).</param>
    public ParameterGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
    }

    /// <summary>The group's parameters. PyTorch: <c>group['params']</c>.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Learning rate, finite and &gt;= 0. PyTorch: <c>group['lr']</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite or negative.</exception>
    public double? Lr
    {
        get => _lr;
        set
        {
            if (value is { } v && (!double.IsFinite(v) || v < 0))
                throw new ArgumentOutOfRangeException(nameof(value), v, string.Create(CultureInfo.InvariantCulture, $"ParameterGroup: lr must be a finite number >= 0, got {v}."));
            _lr = value;
            Version++;
        }
    }

    /// <summary>Momentum factor (SGD, RMSprop). PyTorch: <c>group['momentum']</c>.</summary>
    public double? Momentum { get; set { field = value; Version++; } }

    /// <summary>Dampening for momentum (SGD). PyTorch: <c>group['dampening']</c>.</summary>
    public double? Dampening { get; set { field = value; Version++; } }

    /// <summary>Weight decay (every optimiser). PyTorch: <c>group['weight_decay']</c>.</summary>
    public double? WeightDecay { get; set { field = value; Version++; } }

    /// <summary>Nesterov momentum (SGD). PyTorch: <c>group['nesterov']</c>.</summary>
    public bool? Nesterov { get; set { field = value; Version++; } }

    /// <summary>Moment decay rates (Adam, AdamW). PyTorch: <c>group['betas']</c>.</summary>
    public (double Beta1, double Beta2)? Betas { get; set { field = value; Version++; } }

    /// <summary>Term added to the denominator (Adam, AdamW, RMSprop, Adagrad). PyTorch: <c>group['eps']</c>.</summary>
    public double? Eps { get; set { field = value; Version++; } }

    /// <summary>AMSGrad (Adam, AdamW). PyTorch: <c>group['amsgrad']</c>.</summary>
    public bool? Amsgrad { get; set { field = value; Version++; } }

    /// <summary>Smoothing constant (RMSprop). PyTorch: <c>group['alpha']</c>.</summary>
    public double? Alpha { get; set { field = value; Version++; } }

    /// <summary>Centered variant (RMSprop). PyTorch: <c>group['centered']</c>.</summary>
    public bool? Centered { get; set { field = value; Version++; } }

    /// <summary>Learning-rate decay (Adagrad). PyTorch: <c>group['lr_decay']</c>.</summary>
    public double? LrDecay { get; set; }

    /// <summary>Starting accumulator value (Adagrad). PyTorch: <c>group['initial_accumulator_value']</c>.</summary>
    public double? InitialAccumulatorValue { get; set { field = value; Version++; } }

    /// <summary>Counts the changes of the options, so an optimiser re-reads them only after one changed.</summary>
    internal int Version { get; private set; }

    /// <summary>The options' PyTorch names, in the order of <see cref="Get"/>.</summary>
    internal static readonly string[] Names =
        ["lr", "momentum", "dampening", "weight_decay", "nesterov", "betas", "eps", "amsgrad", "alpha", "centered", "lr_decay", "initial_accumulator_value"];

    /// <summary>An option by its PyTorch name as the state dict stores it (flags 0/1, betas two values), or null when unset.</summary>
    internal double[]? Get(string name) => name switch
    {
        "lr" => One(Lr),
        "momentum" => One(Momentum),
        "dampening" => One(Dampening),
        "weight_decay" => One(WeightDecay),
        "nesterov" => Flag(Nesterov),
        "betas" => Betas is { } b ? [b.Beta1, b.Beta2] : null,
        "eps" => One(Eps),
        "amsgrad" => Flag(Amsgrad),
        "alpha" => One(Alpha),
        "centered" => Flag(Centered),
        "lr_decay" => One(LrDecay),
        "initial_accumulator_value" => One(InitialAccumulatorValue),
        _ => throw new ArgumentException($"ParameterGroup: no option '{name}'.", nameof(name)),
    };

    /// <summary>Sets an option by its PyTorch name from the state dict's form (already validated by the optimiser).</summary>
    internal void Set(string name, double[] v)
    {
        switch (name)
        {
            case "lr": Lr = v[0]; break;
            case "momentum": Momentum = v[0]; break;
            case "dampening": Dampening = v[0]; break;
            case "weight_decay": WeightDecay = v[0]; break;
            case "nesterov": Nesterov = v[0] != 0; break;
            case "betas": Betas = (v[0], v[1]); break;
            case "eps": Eps = v[0]; break;
            case "amsgrad": Amsgrad = v[0] != 0; break;
            case "alpha": Alpha = v[0]; break;
            case "centered": Centered = v[0] != 0; break;
            case "lr_decay": LrDecay = v[0]; break;
            case "initial_accumulator_value": InitialAccumulatorValue = v[0]; break;
            default: throw new ArgumentException($"ParameterGroup: no option '{name}'.", nameof(name));
        }
    }

    private static double[]? One(double? v) => v is { } x ? [x] : null;

    private static double[]? Flag(bool? v) => v is { } x ? [x ? 1 : 0] : null;
}
