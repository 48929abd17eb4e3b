using Xunit;
namespace AutoNet.Tests.Support;

internal static class Close
{
    /// <summary>Asserts |a - e| &lt;= rel * max(|e|, tiny) element by element, naming the worst element.</summary>
    public static void Relative(double[] expected, double[] actual, double rel, double tiny = 1e-300, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(actual[i] - expected[i]);
            double bound = rel * Math.Max(Math.Abs(expected[i]), tiny);
            Assert.True(err <= bound, $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (abs err {err:E3} > {bound:E3})");
        }
    }

    /// <summary>Asserts |a - e| &lt;= tol element by element.</summary>
    public static void Absolute(double[] expected, double[] actual, double tol, string what = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tol,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (abs err {Math.Abs(actual[i] - expected[i]):E3} > {tol:E3})");
    }
}
