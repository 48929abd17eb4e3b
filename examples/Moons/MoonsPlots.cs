using AutoNet;
using AutoNet.Nn;
using ScottPlot;

/// <summary>The pictures of a trained moons model, drawn with ScottPlot (which lives here, not in AutoNet).</summary>
internal static class MoonsPlots
{
    /// <summary>The number of points of the decision-boundary picture's grid, evaluated as one batch.</summary>
    public const int GridPoints = 180 * 120;

    /// <summary>Writes decision-boundary.png and loss-curve.png into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, Module model, Tensor X, Tensor labels, IReadOnlyList<double> losses)
    {
        Directory.CreateDirectory(directory);
        string boundary = Path.Combine(directory, "decision-boundary.png");
        string curve = Path.Combine(directory, "loss-curve.png");
        DecisionBoundary(model, X, labels).SavePng(boundary, 640, 480);
        LossCurve(losses).SavePng(curve, 640, 400);
        return [boundary, curve];
    }

    /// <summary>The model's probability of class 1 over the plane, with the data on top.</summary>
    private static Plot DecisionBoundary(Module model, Tensor X, Tensor labels)
    {
        double[] points = X.ToArray(), label = labels.ToArray();
        double xMin = -1.75, xMax = 2.75, yMin = -1.25, yMax = 1.75;
        const int columns = 180, rows = 120; // GridPoints in all

        // Every grid cell's centre as one [rows * columns, 2] batch; row 0 is the top of the picture.
        var grid = new double[rows * columns * 2];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                grid[(r * columns + c) * 2] = xMin + (c + 0.5) * (xMax - xMin) / columns;
                grid[(r * columns + c) * 2 + 1] = yMax - (r + 0.5) * (yMax - yMin) / rows;
            }
        double[] probability;
        using (Autograd.NoGrad()) probability = model.Forward(Tensor.From(grid, rows * columns, 2)).ToArray();
        var intensities = new double[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++) intensities[r, c] = probability[r * columns + c];

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(xMin, xMax, yMin, yMax);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Opacity = 0.4;
        plot.Add.ColorBar(heatmap).Label = "P(class 1)";

        for (int cls = 0; cls <= 1; cls++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < label.Length; i++)
                if (label[i] == cls)
                {
                    xs.Add(points[2 * i]);
                    ys.Add(points[2 * i + 1]);
                }
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), cls == 0 ? MarkerShape.FilledCircle : MarkerShape.FilledSquare, 7,
                cls == 0 ? Color.FromHex("#1d4ed8") : Color.FromHex("#b91c1c"));
            markers.LegendText = $"class {cls}";
        }
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.Title("Decision boundary after training (P = 0.5 where the colours meet)");
        plot.XLabel("x₁");
        plot.YLabel("x₂");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>The training loss at every epoch.</summary>
    private static Plot LossCurve(IReadOnlyList<double> losses)
    {
        var plot = new Plot();
        var epochs = Enumerable.Range(0, losses.Count).Select(e => (double)e).ToArray();
        var line = plot.Add.ScatterLine(epochs, losses.ToArray());
        line.LineWidth = 2;
        plot.Title("Binary cross-entropy loss per epoch");
        plot.XLabel("epoch");
        plot.YLabel("loss");
        return plot;
    }
}
