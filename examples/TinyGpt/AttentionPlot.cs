using AutoNet;
using ScottPlot;

namespace TinyGpt;

/// <summary>A heat map of the attention weights of one name, every head of every block, drawn with ScottPlot.</summary>
public static class AttentionPlot
{
    private const double Gap = 2.5;

    /// <summary>Writes attention.png into <paramref name="directory"/> for the sequence '.' + <paramref name="name"/>;
    /// returns its path.</summary>
    public static string Write(string directory, TinyGptModel model, string name)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "attention.png");
        var tokens = "." + name;
        var input = Tensor.From([.. tokens.Select(c => (long)TinyGptTraining.Vocabulary.IndexOf(c, StringComparison.Ordinal))], 1, tokens.Length);
        IReadOnlyList<Tensor> weights;
        using (Autograd.NoGrad()) weights = model.AttentionWeights(input);
        int layers = weights.Count, heads = weights[0].Shape[1], t = tokens.Length;
        double tile = t + Gap, rowTile = t + Gap + 1;

        var plot = new Plot();
        for (int l = 0; l < layers; l++)
        {
            var w = weights[l].To(DType.Float64).ToArray(); // [1, heads, T, T]
            for (int h = 0; h < heads; h++)
            {
                var cells = new double[t, t];
                for (int i = 0; i < t; i++)
                    for (int j = 0; j < t; j++) cells[i, j] = w[(h * t + i) * t + j];
                double left = h * tile, top = (layers - l) * rowTile; // block 0 on top
                var heatmap = plot.Add.Heatmap(cells);
                // ScottPlot puts the corner cells' centres on the extent's edges: inset by half a cell so cell (i, j) covers
                // [left + j, left + j + 1] × [top - i - 1, top - i].
                heatmap.Extent = new CoordinateRect(left + 0.5, left + t - 0.5, top - t + 0.5, top - 0.5);
                heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
                heatmap.ManualRange = new ScottPlot.Range(0, 1);
                var title = plot.Add.Text($"block {l}, head {h}", left + t / 2.0, top + 0.9);
                title.LabelFontSize = 13;
                title.LabelAlignment = Alignment.LowerCenter;
                for (int k = 0; k < t; k++)
                {
                    // Rows (left of the tile): the query position; columns (below): the key position attended to.
                    var row = plot.Add.Text(tokens[k].ToString(), left - 0.7, top - k - 0.5);
                    row.LabelAlignment = Alignment.MiddleRight;
                    row.LabelFontSize = 11;
                    var column = plot.Add.Text(tokens[k].ToString(), left + k + 0.5, top - t - 0.7);
                    column.LabelAlignment = Alignment.UpperCenter;
                    column.LabelFontSize = 11;
                }
            }
        }
        plot.Axes.SetLimits(-1.5, heads * tile, 0.5, layers * rowTile + 1.5);
        plot.HideAxesAndGrid();
        plot.Title($"Attention weights for \".{name}\" (row: query position, column: key; above the diagonal is masked)");
        plot.SavePng(path, 300 * heads, 300 * layers + 60);
        return path;
    }
}
