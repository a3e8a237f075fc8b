using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace Caravan.Bench;

/// <summary>The charts of a load run, drawn by OxyPlot and written as SVG beside the report.</summary>
internal static class LoadCharts
{
    private const int Width = 900;
    private const int Height = 420;

    /// <summary>Writes the charts of whichever parts ran; returns their file names with a caption each.</summary>
    public static IReadOnlyList<(string File, string Caption)> Write(string directory, SoakResult? soak, SpikeResult? spike)
    {
        var written = new List<(string, string)>();
        void Save(PlotModel model, string file, string caption)
        {
            using var stream = File.Create(Path.Combine(directory, file));
            new SvgExporter { Width = Width, Height = Height }.Export(model, stream);
            written.Add((file, caption));
        }

        if (soak is not null)
        {
            Save(SoakMemory(soak), "soak-rss.svg", "Soak: server resident memory (VmRSS) every 10 s, with the least-squares line after the warm-up");
            Save(Latency("Soak: latency by 10-second window", soak.Windows, null), "soak-latency.svg", "Soak: p50, p95 and p99 latency of each 10-second window");
        }

        if (spike is not null)
        {
            Save(SpikeRate(spike), "spike-rate.svg", "Spike: requests answered a second, against the rate asked for; the spike shaded");
            Save(Latency("Spike: latency by 10-second window", spike.Windows, spike), "spike-latency.svg",
                "Spike: p50 and p95 of each 10-second window; the spike shaded, the recovery line at 1.2 × the pre-spike p95");
        }

        return written;
    }

    private static PlotModel SoakMemory(SoakResult soak)
    {
        // OxyPlot sizes the legend with its own font metrics, narrower than a browser's: legend titles stay short.
        var model = Model($"Soak: server memory (VmRSS); slope after warm-up {soak.SlopeMegabytesPerMinute:+0.00;-0.00} MB/min");
        model.Axes.Add(Minutes());
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "MB", MajorGridlineStyle = LineStyle.Dot });
        var rss = new LineSeries { Title = "VmRSS", Color = OxyColors.SteelBlue, StrokeThickness = 2 };
        rss.Points.AddRange(soak.Windows.Select(w => new DataPoint(w.End / 60, w.RssMegabytes)));
        model.Series.Add(rss);
        var after = soak.Windows.Where(w => w.End / 60 > soak.WarmupMinutes).ToList();
        if (after.Count >= 2 && !double.IsNaN(soak.SlopeMegabytesPerMinute))
        {
            // The fitted line passes through the mean point of the samples it was fitted to.
            var mx = after.Average(w => w.End / 60);
            var my = after.Average(w => w.RssMegabytes);
            var fit = new LineSeries { Title = "Fitted", Color = OxyColors.OrangeRed, LineStyle = LineStyle.Dash };
            foreach (var x in new[] { after[0].End / 60, after[^1].End / 60 })
            {
                fit.Points.Add(new DataPoint(x, my + (soak.SlopeMegabytesPerMinute * (x - mx))));
            }

            model.Series.Add(fit);
        }

        model.Annotations.Add(new LineAnnotation { Type = LineAnnotationType.Vertical, X = soak.WarmupMinutes, Color = OxyColors.Gray, LineStyle = LineStyle.Dot, Text = "end of warm-up" });
        return model;
    }

    private static PlotModel Latency(string title, IReadOnlyList<LoadWindow> windows, SpikeResult? spike)
    {
        var model = Model(title);
        model.Axes.Add(Minutes());
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "ms (log scale)", MajorGridlineStyle = LineStyle.Dot });
        (int Percentile, OxyColor Color)[] lines = spike is null ? [(50, OxyColors.SteelBlue), (95, OxyColors.DarkOrange), (99, OxyColors.Firebrick)] : [(50, OxyColors.SteelBlue), (95, OxyColors.DarkOrange)];
        foreach (var (percentile, color) in lines)
        {
            var series = new LineSeries { Title = $"p{percentile}", Color = color, StrokeThickness = 2 };
            series.Points.AddRange(windows.Where(w => w.Latencies.Length > 0).Select(w => new DataPoint((w.Start + w.End) / 120, w.P(percentile))));
            model.Series.Add(series);
        }

        if (spike is not null)
        {
            ShadeSpike(model, spike);
            model.Annotations.Add(new LineAnnotation
            {
                Type = LineAnnotationType.Horizontal,
                Y = SpikeResult.RecoveryFactor * spike.PreSpikeP95,
                Color = OxyColors.SeaGreen,
                LineStyle = LineStyle.Dash,
                Text = $"1.2 × pre-spike p95 = {SpikeResult.RecoveryFactor * spike.PreSpikeP95:N1} ms",
                TextHorizontalAlignment = HorizontalAlignment.Left,
                TextLinePosition = 0,
            });
        }

        return model;
    }

    private static PlotModel SpikeRate(SpikeResult spike)
    {
        var model = Model("Spike: requests a second");
        model.Axes.Add(Minutes());
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "requests/s", Minimum = 0, MajorGridlineStyle = LineStyle.Dot });
        // Each window's rate holds for the whole window: steps, drawn from the window's start.
        var asked = new StairStepSeries { Title = "Asked", Color = OxyColors.Gray, LineStyle = LineStyle.Dash };
        var answered = new StairStepSeries { Title = "Answered", Color = OxyColors.SteelBlue, StrokeThickness = 2 };
        var errors = new StairStepSeries { Title = "Errors", Color = OxyColors.Firebrick, StrokeThickness = 2 };
        void Step(double minutes, LoadWindow w)
        {
            asked.Points.Add(new DataPoint(minutes, w.TargetRate));
            answered.Points.Add(new DataPoint(minutes, w.Rate));
            errors.Points.Add(new DataPoint(minutes, w.Errors / (w.End - w.Start)));
        }

        foreach (var w in spike.Windows)
        {
            Step(w.Start / 60, w);
        }

        Step(spike.Windows[^1].End / 60, spike.Windows[^1]);
        model.Series.Add(asked);
        model.Series.Add(answered);
        model.Series.Add(errors);
        ShadeSpike(model, spike);
        return model;
    }

    private static void ShadeSpike(PlotModel model, SpikeResult spike) =>
        model.Annotations.Add(new RectangleAnnotation
        {
            MinimumX = spike.SpikeStart / 60,
            MaximumX = spike.SpikeEnd / 60,
            Fill = OxyColor.FromAColor(40, OxyColors.OrangeRed),
            Text = "spike (5×)",
            Layer = AnnotationLayer.BelowSeries,
        });

    private static PlotModel Model(string title)
    {
        var model = new PlotModel { Title = title, Background = OxyColors.White, DefaultFont = "sans-serif", DefaultFontSize = 13 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopRight, LegendPlacement = LegendPlacement.Inside, LegendBackground = OxyColor.FromAColor(220, OxyColors.White) });
        return model;
    }

    private static LinearAxis Minutes() =>
        new() { Position = AxisPosition.Bottom, Title = "minutes since the start", Minimum = 0, MajorGridlineStyle = LineStyle.Dot };
}
