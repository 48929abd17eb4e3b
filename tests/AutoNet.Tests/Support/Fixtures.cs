using System.Text.Json;

namespace AutoNet.Tests.Support;

/// <summary>Reads committed fixture files (copied next to the test assembly).</summary>
internal static class Fixtures
{
    public static JsonDocument Load(params string[] path) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine([AppContext.BaseDirectory, "Fixtures", .. path])));

    public static double[] Flat(JsonElement e)
    {
        var list = new List<double>();
        var stack = new Stack<JsonElement>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x.ValueKind == JsonValueKind.Array)
            {
                var items = x.EnumerateArray().ToList();
                for (int i = items.Count - 1; i >= 0; i--) stack.Push(items[i]);
            }
            else list.Add(x.GetDouble());
        }
        return list.ToArray();
    }

    public static Tensor Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength();
        int cols = e[0].GetArrayLength();
        return Tensor.From(Flat(e), rows, cols);
    }
}
