using System.Globalization;
using TorchSharp;

namespace AutoNet.TorchParity.Tests.Support;

/// <summary>
/// A small expression over the inputs x0, x1, x2 (all of one rank, broadcast-compatible), evaluated the same way in
/// AutoNet and in TorchSharp. Every node keeps the rank (reductions keep their dim), so any two subexpressions
/// broadcast together. Each op is total on any finite input (log and sqrt only see x² + 1, division only x² + 1
/// below, exp only tanh), so a failure is a disagreement, never a domain error.
/// </summary>
public abstract record Expr
{
    /// <summary>Evaluates in AutoNet.</summary>
    public abstract Tensor Eval(Tensor[] x);

    /// <summary>Evaluates in TorchSharp.</summary>
    public abstract torch.Tensor Eval(torch.Tensor[] x);

    /// <summary>The number of nodes (for shrinking: smaller is simpler).</summary>
    public abstract int Size { get; }
}

/// <summary>An input.</summary>
public sealed record Leaf(int Index) : Expr
{
    public override Tensor Eval(Tensor[] x) => x[Index];
    public override torch.Tensor Eval(torch.Tensor[] x) => x[Index];
    public override int Size => 1;
    public override string ToString() => $"x{Index}";
}

/// <summary>An elementwise function of one subexpression.</summary>
public sealed record Unary(string Op, Expr Arg) : Expr
{
    public static readonly string[] Ops = ["neg", "tanh", "sigmoid", "relu", "abs", "exp∘tanh", "log(x²+1)", "sqrt(x²+1)", "(|x|+0.5)^1.5", "x^2", "clamp(-1,1)"];

    /// <summary>The ops that are infinitely differentiable everywhere (for finite-difference checks).</summary>
    public static readonly string[] SmoothOps = ["neg", "tanh", "sigmoid", "exp∘tanh", "log(x²+1)", "sqrt(x²+1)", "x^2"];

    public override Tensor Eval(Tensor[] x)
    {
        var a = Arg.Eval(x);
        return Op switch
        {
            "neg" => -a,
            "tanh" => a.Tanh(),
            "sigmoid" => a.Sigmoid(),
            "relu" => a.Relu(),
            "abs" => a.Abs(),
            "exp∘tanh" => a.Tanh().Exp(),
            "log(x²+1)" => (a * a + 1.0).Log(),
            "sqrt(x²+1)" => (a * a + 1.0).Sqrt(),
            "(|x|+0.5)^1.5" => (a.Abs() + 0.5).Pow(1.5),
            "x^2" => a.Pow(2),
            "clamp(-1,1)" => a.Clamp(-1, 1),
            _ => throw new InvalidOperationException(Op),
        };
    }

    public override torch.Tensor Eval(torch.Tensor[] x)
    {
        var a = Arg.Eval(x);
        return Op switch
        {
            "neg" => -a,
            "tanh" => a.tanh(),
            "sigmoid" => a.sigmoid(),
            "relu" => a.relu(),
            "abs" => a.abs(),
            "exp∘tanh" => a.tanh().exp(),
            "log(x²+1)" => (a * a + 1.0).log(),
            "sqrt(x²+1)" => (a * a + 1.0).sqrt(),
            "(|x|+0.5)^1.5" => (a.abs() + 0.5).pow(1.5),
            "x^2" => a.pow(2),
            "clamp(-1,1)" => a.clamp(-1, 1),
            _ => throw new InvalidOperationException(Op),
        };
    }

    public override int Size => 1 + Arg.Size;
    public override string ToString() => $"{Op}({Arg})";
}

/// <summary>A broadcasting binary op.</summary>
public sealed record Binary(string Op, Expr Left, Expr Right) : Expr
{
    public static readonly string[] Ops = ["+", "-", "*", "/(y²+1)"];

    public override Tensor Eval(Tensor[] x)
    {
        Tensor a = Left.Eval(x), b = Right.Eval(x);
        return Op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/(y²+1)" => a / (b * b + 1.0),
            _ => throw new InvalidOperationException(Op),
        };
    }

    public override torch.Tensor Eval(torch.Tensor[] x)
    {
        torch.Tensor a = Left.Eval(x), b = Right.Eval(x);
        return Op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/(y²+1)" => a / (b * b + 1.0),
            _ => throw new InvalidOperationException(Op),
        };
    }

    public override int Size => 1 + Left.Size + Right.Size;
    public override string ToString() => Op == "/(y²+1)" ? $"({Left} / ({Right}² + 1))" : $"({Left} {Op} {Right})";
}

/// <summary>A reduction or softmax along one dim (taken modulo the rank, negative half the time), keeping the rank.</summary>
public sealed record AlongDim(string Op, int Dim, Expr Arg) : Expr
{
    public static readonly string[] Ops = ["sum", "mean", "max", "softmax", "logsoftmax"];

    /// <summary>The ops that are infinitely differentiable everywhere (max is not, at ties).</summary>
    public static readonly string[] SmoothOps = ["sum", "mean", "softmax", "logsoftmax"];

    public override Tensor Eval(Tensor[] x)
    {
        var a = Arg.Eval(x);
        int d = Normalize(a.Rank);
        return Op switch
        {
            "sum" => a.Sum(d, keepDim: true),
            "mean" => a.Mean(d, keepDim: true),
            "max" => a.Max(d, keepDim: true),
            "softmax" => a.Softmax(d),
            "logsoftmax" => a.LogSoftmax(d),
            _ => throw new InvalidOperationException(Op),
        };
    }

    public override torch.Tensor Eval(torch.Tensor[] x)
    {
        var a = Arg.Eval(x);
        int d = Normalize((int)a.Dimensions);
        return Op switch
        {
            "sum" => a.sum(d, keepdim: true),
            "mean" => a.mean([d], keepdim: true),
            "max" => a.max(d, keepdim: true).values,
            "softmax" => a.softmax(d),
            "logsoftmax" => a.log_softmax(d),
            _ => throw new InvalidOperationException(Op),
        };
    }

    /// <summary>Dim modulo the rank; odd Dim values count from the end (negative dims).</summary>
    private int Normalize(int rank) => Dim % 2 == 0 ? Dim / 2 % rank : -(Dim / 2 % rank) - 1;

    public override int Size => 1 + Arg.Size;
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Op}[dim code {Dim}]({Arg})");
}
