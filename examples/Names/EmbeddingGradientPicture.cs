// The picture of docs/example-names.md: how the gradient of the lookup emb = C[X] reaches C. Each row of emb is a
// copy of the row of C that X names, so in the backward pass each row of dL/d emb is added into the row of dL/dC of
// its character: rows for a character that appears several times in X accumulate (a scatter-add, IndexAdd), rows
// of characters not in X stay zero.
using AutoNet;
using AutoNet.Data;
using NamesExample;
using ScottPlot;

/// <summary>Draws embedding-gradient.png with ScottPlot (which lives here, not in AutoNet).</summary>
public static class EmbeddingGradientPicture
{
    /// <summary>The name whose examples make the minibatch of the picture: its letters repeat.</summary>
    public const string Word = "anna";

    /// <summary>
    /// The gradients of one backward pass through the untrained model (drawn from <see cref="NamesOptions.Seed"/>) on
    /// the examples of <see cref="Word"/>: dL/d emb [B·3, embed] with the character of each row, and dL/dC [27, embed].
    /// </summary>
    public static (double[,] EmbGrad, char[] RowCharacters, double[,] CGrad) Gradients(NamesOptions options)
    {
        var model = new NamesMlp(new NumPyRandomState(options.Seed), options.Embed, options.Hidden);
        var (x, y) = NamesData.Build([Word]);
        var emb = model.C[x];                                            // [B, 3, embed]
        var logits = model.Output.Forward(model.Hidden.Forward(emb.View(-1, model.Hidden.InFeatures)).Tanh());
        var loss = F.CrossEntropy(logits, y);
        var grads = Autograd.Grad([loss], [emb, model.C]);
        var characters = x.ToInt64Array().Select(i => NamesData.Vocabulary[(int)i]).ToArray();
        return (Matrix(grads[0]!.Reshape(-1, options.Embed)), characters, Matrix(grads[1]!));
    }

    /// <summary>Writes embedding-gradient.png into <paramref name="directory"/>; returns its path.</summary>
    public static string Write(string directory, NamesOptions options)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, "embedding-gradient.png");
        var (embGrad, rowCharacters, cGrad) = Gradients(options);
        Draw(embGrad, rowCharacters, cGrad).SavePng(path, 900, 760);
        return path;
    }

    private static Plot Draw(double[,] embGrad, char[] rowCharacters, double[,] cGrad)
    {
        int lookups = embGrad.GetLength(0), width = embGrad.GetLength(1), vocabulary = cGrad.GetLength(0);
        double limit = Math.Max(MaxAbs(embGrad), MaxAbs(cGrad));
        double leftX = 0, rightX = width + 12, leftBottom = (vocabulary - lookups) / 2.0;
        var plot = new Plot();

        // Arrows first, so the heatmaps cover their ends: row k of dL/d emb is added into row X[k] of dL/dC.
        for (int k = 0; k < lookups; k++)
        {
            int c = NamesData.Index(rowCharacters[k]);
            var line = plot.Add.Line(leftX + width, RowCenter(leftBottom, lookups, k), rightX, RowCenter(0, vocabulary, c));
            line.LineWidth = 1.2f;
            line.LineColor = Colors.Gray.WithAlpha(0.7);
        }
        AddHeatmap(plot, embGrad, leftX, leftBottom, limit);
        AddHeatmap(plot, cGrad, rightX, 0, limit);

        for (int k = 0; k < lookups; k++)
            Label(plot, $"X[{k / 3},{k % 3}] = '{rowCharacters[k]}'", leftX - 0.3, RowCenter(leftBottom, lookups, k), Alignment.MiddleRight);
        for (int c = 0; c < vocabulary; c++)
            Label(plot, $"'{NamesData.Vocabulary[c]}'", rightX + width + 0.3, RowCenter(0, vocabulary, c), Alignment.MiddleLeft);
        Label(plot, "dL/d emb (one row per lookup)", leftX + width / 2.0, leftBottom + lookups + 0.4, Alignment.LowerCenter);
        Label(plot, "dL/dC = sum of the rows that point at it", rightX + width / 2.0, vocabulary + 0.4, Alignment.LowerCenter);

        plot.Axes.SetLimits(leftX - 9, rightX + width + 3, -0.5, vocabulary + 2);
        plot.HideAxesAndGrid();
        plot.Title($"Backward of emb = C[X] for the examples of \"{Word}\": rows scatter-add into C");
        return plot;
    }

    private static void AddHeatmap(Plot plot, double[,] values, double left, double bottom, double limit)
    {
        var heatmap = plot.Add.Heatmap(values);
        // ScottPlot places the extent's corners at the centres of the corner cells: half a cell in from the edges.
        heatmap.Extent = new CoordinateRect(left + 0.5, left + values.GetLength(1) - 0.5, bottom + 0.5, bottom + values.GetLength(0) - 0.5);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(-limit, limit);
    }

    /// <summary>Heatmap row 0 is the top; the y axis grows upwards.</summary>
    private static double RowCenter(double bottom, int rows, int row) => bottom + rows - row - 0.5;

    private static void Label(Plot plot, string text, double x, double y, Alignment alignment)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = 12;
        label.LabelAlignment = alignment;
    }

    private static double[,] Matrix(Tensor t)
    {
        int rows = t.Shape[0], cols = t.Shape[1];
        var values = t.ToArray();
        var m = new double[rows, cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) m[r, c] = values[r * cols + c];
        return m;
    }

    private static double MaxAbs(double[,] m)
    {
        double max = 0;
        foreach (var v in m) max = Math.Max(max, Math.Abs(v));
        return max;
    }
}
