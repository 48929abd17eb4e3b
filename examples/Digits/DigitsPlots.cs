using ScottPlot;

/// <summary>The pictures of a trained digits model, drawn with ScottPlot (which lives here, not in AutoNet).</summary>
internal static class DigitsPlots
{
    private const int Columns = 10, Rows = 6, Side = 8, Cell = Side + 3; // a digit, then a gap for its label

    /// <summary>Writes loss-curve.png and test-digits.png into <paramref name="directory"/>; returns their paths.</summary>
    /// <param name="directory">Where the pictures go (created if missing).</param>
    /// <param name="losses">The mean training loss of each epoch.</param>
    /// <param name="pixels">The test images, 64 values in [0, 1] each, in order.</param>
    /// <param name="truth">The test labels.</param>
    /// <param name="predicted">The model's predictions for them.</param>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<double> losses, float[] pixels, int[] truth, int[] predicted)
    {
        Directory.CreateDirectory(directory);
        string curve = Path.Combine(directory, "loss-curve.png");
        string digits = Path.Combine(directory, "test-digits.png");
        LossCurve(losses).SavePng(curve, 640, 400);
        TestDigits(pixels, truth, predicted).SavePng(digits, 900, 640);
        return [curve, digits];
    }

    /// <summary>The training loss of every epoch.</summary>
    private static Plot LossCurve(IReadOnlyList<double> losses)
    {
        var plot = new Plot();
        var epochs = Enumerable.Range(1, losses.Count).Select(e => (double)e).ToArray();
        var line = plot.Add.ScatterLine(epochs, losses.ToArray());
        line.LineWidth = 2;
        plot.Title("Cross-entropy loss per epoch (mean over the training minibatches)");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        return plot;
    }

    /// <summary>The first 60 test digits in a grid, each with its prediction below it (red when wrong).</summary>
    private static Plot TestDigits(float[] pixels, int[] truth, int[] predicted)
    {
        int count = Math.Min(Rows * Columns, truth.Length);
        var intensities = new double[Rows * Cell, Columns * Cell];
        var plot = new Plot();
        for (int k = 0; k < count; k++)
        {
            int top = k / Columns * Cell, left = k % Columns * Cell;
            for (int r = 0; r < Side; r++)
                for (int c = 0; c < Side; c++) intensities[top + r, left + c] = pixels[k * Side * Side + r * Side + c];
            bool right = truth[k] == predicted[k];
            // Heatmap row 0 is the top; the plot's y axis grows upwards, so row r sits at y = height - r.
            var label = plot.Add.Text(right ? $"{predicted[k]}" : $"{predicted[k]} (is {truth[k]})",
                left + Side / 2.0, Rows * Cell - (top + Side + 0.6));
            label.LabelFontSize = 13;
            label.LabelFontColor = right ? Color.FromHex("#86efac") : Color.FromHex("#f87171");
            label.LabelAlignment = Alignment.UpperCenter;
        }
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(0, Columns * Cell, 0, Rows * Cell);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.MoveToBottom(heatmap);
        plot.Axes.SetLimits(0, Columns * Cell, 0, Rows * Cell);
        plot.HideAxesAndGrid();
        plot.Title("Test digits and the model's predictions (red: wrong, with the true digit)");
        return plot;
    }
}
