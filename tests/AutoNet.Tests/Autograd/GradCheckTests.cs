using AutoNet.Tests.Support;
using Xunit;
using static AutoNet.Tests.Support.TestTensors;

namespace AutoNet.Tests.GradChecks;

public class GradCheckTests
{
    // ---------------------------------------------------------------- passes on correct ops

    [Fact]
    public void Passes_OnAComposedFunction_AndReportsTheWorstEntry()
    {
        var result = Autograd.GradCheck(
            x => (x[0].MatMul(x[1]).Tanh() * x[2]).Sum(1).Exp().Mean(),
            [Normal(1, "3x4"), Normal(2, "4x2"), Normal(3, "2")]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(GradCheckMode.Full, result.Mode);
        Assert.Equal(12 + 8 + 2, result.ComparedCount);
        Assert.True(result.AbsoluteError <= result.Tolerance);
        Assert.StartsWith("GradCheck passed: 22 Jacobian entries within tolerance; worst input ", result.ToString());
        Assert.Same(result, result.ThrowIfFailed());
    }

    [Fact]
    public void Passes_OnANonScalarOutput_CheckingEveryJacobianRow()
    {
        var result = Autograd.GradCheck(x => x[0].MatMul(x[1]).Sigmoid(), [Normal(4, "3x4"), Normal(5, "4x2")]);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal(6 * (12 + 8), result.ComparedCount);
    }

    [Fact]
    public void Passes_WhenTheOutputIgnoresAnInput_OrIsConstant()
    {
        Assert.True(Autograd.GradCheck(x => x[0].Sum(), [Normal(6, "3"), Normal(7, "2")]).Passed);
        Assert.True(Autograd.GradCheck(_ => Tensor.Ones(2), [Normal(8, "3")]).Passed);
    }

    [Fact]
    public void FastMode_Passes_AndIsChosenForLargeInputs()
    {
        var inputs = new[] { Normal(9, "40x40"), Normal(10, "40") };
        var auto = Autograd.GradCheck(x => (x[0].MatMul(x[1]).Tanh() * x[1]).Sum(), inputs);
        Assert.True(auto.Passed, auto.ToString());
        Assert.Equal(GradCheckMode.Fast, auto.Mode);
        Assert.Equal(2, auto.ComparedCount);
        Assert.Contains("fast mode (random directions, seed 0)", auto.ToString());
        var forced = Autograd.GradCheck(x => x[0].Exp().Sum(0), [Normal(11, "3x4")], mode: GradCheckMode.Fast, seed: 7);
        Assert.True(forced.Passed, forced.ToString());
        Assert.Equal(GradCheckMode.Fast, forced.Mode);
        Assert.Equal(7, forced.Seed);
    }

    [Fact]
    public void Float32Inputs_ArePromotedToFloat64_AndTheResultSaysSo()
    {
        var x = Tensor.From([0.5f, -1.25f, 2f]);
        x.RequiresGrad = true;
        var result = Autograd.GradCheck(t => t[0].Tanh().Sum(), [x]);
        Assert.True(result.Passed, result.ToString());
        Assert.True(result.PromotedToFloat64);
        Assert.Contains("float32 inputs were promoted to float64", result.ToString());
    }

    [Fact]
    public void TheCallersInputs_AreLeftUntouched()
    {
        var x = Normal(12, "3x4");
        var before = x.ToArray();
        Autograd.GradCheck(t => (t[0] * t[0]).Sum(), [x]);
        Autograd.GradGradCheck(t => (t[0] * t[0]).Sum(), [x]);
        Assert.Equal(before, x.ToArray());
        Assert.Null(x.Grad);
    }

    // ---------------------------------------------------------------- fails on a wrong backward

    [Fact]
    public void Fails_OnAWrongBackward_NamingTheInputAndTheElement()
    {
        // b's gradient is doubled at flat element 9 = [2, 1] of shape [3, 4]
        var a = Normal(13, "3x4");
        var b = Normal(14, "3x4");
        var result = Autograd.GradCheck(x => WrongOps.MulWrongAt(x[0], x[1], wrongElement: 9).Sum(), [a, b]);

        Assert.False(result.Passed);
        Assert.Equal(1, result.InputIndex);
        Assert.Equal([3, 4], result.InputShape);
        Assert.Equal(9, result.ElementIndex);
        Assert.Equal([2, 1], result.ElementMultiIndex);
        double aAt = a.ToArray()[9];
        Assert.Equal(2 * aAt, result.Analytical, 12);
        Assert.Equal(aAt, result.Numerical, 6);
        Assert.Equal(Math.Abs(aAt), result.AbsoluteError, 6);
        Assert.Equal(1.0, result.RelativeError, 6);
        Assert.Matches(
            @"^GradCheck failed for input 1 \(shape \[3, 4\]\) at element \[2, 1\]: analytical -?[0-9.e-]+, numerical -?[0-9.e-]+ " +
            @"\(abs err [0-9.e-]+, rel err 1\) — tolerance atol 1e-05 \+ rtol 0\.001 \* \|numerical\|$",
            result.ToString());
        var ex = Assert.Throws<InvalidOperationException>(() => result.ThrowIfFailed());
        Assert.Equal(result.ToString(), ex.Message);
    }

    [Fact]
    public void Fails_OnANonScalarOutput_NamingTheOutputElementToo()
    {
        var result = Autograd.GradCheck(x => WrongOps.MulWrongAt(x[0], x[1], wrongElement: 5), [Normal(15, "2x3"), Normal(16, "2x3")]);
        Assert.False(result.Passed);
        Assert.Equal(1, result.InputIndex);
        Assert.Equal(5, result.ElementIndex);
        Assert.Equal(5, result.OutputElementIndex);
        Assert.Contains("at element [1, 2] for output element [1, 2] (output shape [2, 3])", result.ToString());
    }

    [Fact]
    public void Fails_InFastMode_NamingTheInput()
    {
        var result = Autograd.GradCheck(x => WrongOps.TripleWithWrongBackward(x[1]).Sum() + x[0].Sum(),
            [Normal(17, "50x30"), Normal(18, "3x4")]);
        Assert.False(result.Passed);
        Assert.Equal(GradCheckMode.Fast, result.Mode);
        Assert.Equal(1, result.InputIndex);
        Assert.Equal(-1, result.ElementIndex);
        Assert.Equal(2.0 / 3.0, result.Analytical / result.Numerical, 6);
        Assert.Contains("GradCheck failed for input 1 (shape [3, 4]) along a random unit direction", result.ToString());
        Assert.Contains("rerun with GradCheckMode.Full", result.ToString());
    }

    [Fact]
    public void NaN_Fails()
    {
        var result = Autograd.GradCheck(x => x[0].Sqrt().Sum(), [Leaf([-1.0, 4.0])]);
        Assert.False(result.Passed);
        Assert.Equal(0, result.ElementIndex);
    }

    [Fact]
    public void Tolerances_AreThoseGiven()
    {
        // 3x with a backward of 2: error 1 at every element; passes only with atol >= 1.
        Assert.False(Autograd.GradCheck(x => WrongOps.TripleWithWrongBackward(x[0]).Sum(), [Normal(19, "3")], atol: 0.99, rtol: 0).Passed);
        Assert.True(Autograd.GradCheck(x => WrongOps.TripleWithWrongBackward(x[0]).Sum(), [Normal(19, "3")], atol: 1.01, rtol: 0).Passed);
        Assert.True(Autograd.GradCheck(x => WrongOps.TripleWithWrongBackward(x[0]).Sum(), [Normal(19, "3")], atol: 0, rtol: 0.34).Passed);
    }

    // ---------------------------------------------------------------- second order

    public static TheoryData<string> SecondOrderFunctions => new() { "tanh", "sigmoid", "exp", "mul", "matmul" };

    [Theory, MemberData(nameof(SecondOrderFunctions))]
    public void GradGradCheck_Passes(string name)
    {
        var (f, inputs) = name switch
        {
            "tanh" => ((Func<Tensor[], Tensor>)(x => x[0].Tanh()), new[] { Normal(20, "3x4") }),
            "sigmoid" => (x => x[0].Sigmoid(), new[] { Normal(21, "3x4", 2.0) }),
            "exp" => (x => x[0].Exp(), new[] { Normal(22, "3x4") }),
            "mul" => (x => x[0] * x[1], new[] { Normal(23, "3x4"), Normal(24, "4") }),
            _ => (x => x[0].MatMul(x[1]), new[] { Normal(25, "3x4"), Normal(26, "4x2") }),
        };
        var result = Autograd.GradGradCheck(f, inputs);
        Assert.True(result.Passed, result.ToString());
        Assert.Equal("GradGradCheck", result.Check);
    }

    [Fact]
    public void GradGradCheck_Fails_WhenTheBackwardIsNotDifferentiable_ButGradCheckPasses()
    {
        var x = Normal(27, "3x4");
        Assert.True(Autograd.GradCheck(t => WrongOps.SquareWithDetachedBackward(t[0]).Sum(), [x]).Passed);
        var result = Autograd.GradGradCheck(t => WrongOps.SquareWithDetachedBackward(t[0]), [x]);
        Assert.False(result.Passed);
        Assert.Equal(0, result.InputIndex);
        Assert.Equal(0, result.Analytical);
        Assert.Contains("GradGradCheck failed for input 0 (shape [3, 4]) at element", result.ToString());
        Assert.Contains("for output 0 (the gradient of input 0, shape [3, 4])", result.ToString());
    }

    [Fact]
    public void GradGradCheck_UsesTheGivenGradOutput_OrASeededRandomOne()
    {
        var x = Normal(28, "3");
        var given = Autograd.GradGradCheck(t => t[0] * t[0] * t[0], [x], gradOutput: Tensor.From([1.0, -2.0, 0.5]));
        Assert.True(given.Passed, given.ToString());
        Assert.Equal(Autograd.GradGradCheck(t => t[0].Exp(), [x], seed: 3).Analytical,
            Autograd.GradGradCheck(t => t[0].Exp(), [x], seed: 3).Analytical);
        var ex = Assert.Throws<ArgumentException>(() => Autograd.GradGradCheck(t => t[0], [x], gradOutput: Tensor.Zeros(4)));
        Assert.Contains("gradOutput has shape [4] but the function's output has shape [3]", ex.Message);
    }

    // ---------------------------------------------------------------- argument validation

    [Fact]
    public void InputNotRequiringGrad_IsRejected_NamingIt()
    {
        var x = Tensor.Zeros(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => Autograd.GradCheck(t => t[0].Sum(), [Normal(29, "2"), x]));
        Assert.Contains("input 1 (shape [2, 3]) does not require grad", ex.Message);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var x = Normal(30, "2");
        Assert.Throws<ArgumentNullException>(() => Autograd.GradCheck(null!, [x]));
        Assert.Throws<ArgumentNullException>(() => Autograd.GradCheck(t => t[0], null!));
        Assert.Contains("no inputs", Assert.Throws<ArgumentException>(() => Autograd.GradCheck(t => t[0], [])).Message);
        Assert.Contains("input 0 is null", Assert.Throws<ArgumentException>(() => Autograd.GradCheck(t => t[0], [null!])).Message);
        Assert.Contains("eps must be a positive", Assert.Throws<ArgumentOutOfRangeException>(() => Autograd.GradCheck(t => t[0], [x], eps: 0)).Message);
        Assert.Contains("atol and rtol must be >= 0",
            Assert.Throws<ArgumentOutOfRangeException>(() => Autograd.GradCheck(t => t[0], [x], atol: -1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Autograd.GradCheck(t => t[0], [x], rtol: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Autograd.GradCheck(t => t[0], [x], mode: (GradCheckMode)7));
    }

    [Fact]
    public void AFunctionThatMisbehaves_IsReported()
    {
        var x = Normal(31, "2");
        Assert.Contains("returned null", Assert.Throws<InvalidOperationException>(() => Autograd.GradCheck(_ => null!, [x])).Message);
        int calls = 0;
        var ex = Assert.Throws<InvalidOperationException>(() => Autograd.GradCheck(t => ++calls == 1 ? t[0] : t[0].Sum(), [x]));
        Assert.Contains("changed shape from [2] to []", ex.Message);
    }
}
