using System.Globalization;
using System.Net;
using System.Text;
using FineTuning.Toolkit.Evaluation.Sweeps;

namespace FineTuning.Toolkit.Evaluation.Reporting;

/// <summary>Small inline SVG charts (no scripts, no external references).</summary>
internal static class SvgCharts
{
    public static readonly string[] Palette = ["#2f6fdf", "#e0782f", "#2e9d5b", "#a04fc9", "#c9414f", "#6b7785"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A conservative width per character of the 11–13 px labels, in pixels (digits and brackets of system-ui at 12 px
    /// are 4–7 px wide), used to size the chart so no label is clipped.
    /// </summary>
    public const double CharWidth = 7.5;

    /// <summary>One labelled value with an optional interval; <paramref name="Colour"/> is the palette index (default: the row).</summary>
    public readonly record struct Bar(string Label, double Value, double? Lower, double? Upper, string? Text = null, int? Colour = null);

    /// <summary>
    /// Horizontal bars with interval whiskers on a shared axis from 0 (or the smallest value) to max(1, largest). The
    /// value column is as wide as its longest text, so labels such as <c>0.542 [0.333, 0.75]</c> are never cut.
    /// </summary>
    public static string Bars(IReadOnlyList<Bar> bars, string title)
    {
        const int plotWidth = 420, rowHeight = 28, top = 24;
        var labelWidth = LabelColumn(bars.Select(b => Trim(b.Label, 22)), 150);
        var longest = bars.Select(b => (b.Text ?? b.Value.ToString("0.###", Inv)).Length).DefaultIfEmpty(0).Max();
        var textWidth = Math.Max(60, (int)Math.Ceiling((longest * CharWidth) + 16));
        var max = Math.Max(1, bars.Select(b => Math.Max(b.Value, b.Upper ?? b.Value)).DefaultIfEmpty(1).Max());
        var min = Math.Min(0, bars.Select(b => Math.Min(b.Value, b.Lower ?? b.Value)).DefaultIfEmpty(0).Min());
        var height = top + (bars.Count * rowHeight) + 22;
        var width = Math.Max(labelWidth + plotWidth + textWidth, (int)Math.Ceiling(title.Length * CharWidth * 13 / 12));
        double X(double v) => labelWidth + ((v - min) / (max - min) * plotWidth);
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>{E(title)}</title>");
        sb.Append(Inv, $"<text x=\"0\" y=\"14\" class=\"ct\">{E(title)}</text>");
        for (var g = 0; g <= 4; g++)
        {
            var v = min + ((max - min) * g / 4);
            sb.Append(Inv, $"<line x1=\"{X(v):0.#}\" y1=\"{top - 4}\" x2=\"{X(v):0.#}\" y2=\"{height - 18}\" class=\"grid\"/><text x=\"{X(v):0.#}\" y=\"{height - 4}\" class=\"ax\" text-anchor=\"middle\">{v.ToString("0.##", Inv)}</text>");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var y = top + (i * rowHeight);
            var color = Palette[(b.Colour ?? i) % Palette.Length];
            var x0 = X(Math.Min(0, b.Value));
            var x1 = X(Math.Max(0, b.Value));
            sb.Append(Inv, $"<text x=\"{labelWidth - 8}\" y=\"{y + 15}\" class=\"lb\" text-anchor=\"end\">{E(Trim(b.Label, 22))}</text>");
            sb.Append(Inv, $"<rect x=\"{x0:0.#}\" y=\"{y + 4}\" width=\"{Math.Max(1, x1 - x0):0.#}\" height=\"{rowHeight - 10}\" rx=\"3\" fill=\"{color}\" fill-opacity=\"0.8\"/>");
            if (b.Lower is { } lo && b.Upper is { } hi)
            {
                var cy = y + (rowHeight / 2) - 1;
                sb.Append(Inv, $"<line x1=\"{X(lo):0.#}\" y1=\"{cy}\" x2=\"{X(hi):0.#}\" y2=\"{cy}\" class=\"wh\"/><line x1=\"{X(lo):0.#}\" y1=\"{cy - 6}\" x2=\"{X(lo):0.#}\" y2=\"{cy + 6}\" class=\"wh\"/><line x1=\"{X(hi):0.#}\" y1=\"{cy - 6}\" x2=\"{X(hi):0.#}\" y2=\"{cy + 6}\" class=\"wh\"/>");
            }

            sb.Append(Inv, $"<text x=\"{labelWidth + plotWidth + 8}\" y=\"{y + 15}\" class=\"val\">{E(b.Text ?? b.Value.ToString("0.###", Inv))}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>A stacked win/tie/loss bar.</summary>
    public static string WinTieLoss(int wins, int ties, int losses, bool neutral = false)
    {
        var (cw, cl) = neutral ? (Palette[0], Palette[1]) : ("#2e9d5b", "#c9414f");
        const int width = 140, height = 18;
        var total = Math.Max(1, wins + ties + losses);
        double w = width * wins / (double)total, t = width * ties / (double)total, l = width * losses / (double)total;
        return string.Create(Inv, $"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>wins {wins}, ties {ties}, losses {losses}</title><rect x=\"0\" y=\"0\" width=\"{w:0.#}\" height=\"{height}\" fill=\"{cw}\"/><rect x=\"{w:0.#}\" y=\"0\" width=\"{t:0.#}\" height=\"{height}\" fill=\"#b8c0c8\"/><rect x=\"{w + t:0.#}\" y=\"0\" width=\"{l:0.#}\" height=\"{height}\" fill=\"{cl}\"/></svg>");
    }

    /// <summary>The width of a right-aligned label column: at least <paramref name="minimum"/>, and wide enough for the longest label (8 px gap).</summary>
    private static int LabelColumn(IEnumerable<string> labels, int minimum) =>
        Math.Max(minimum, (int)Math.Ceiling((labels.Select(l => l.Length).DefaultIfEmpty(0).Max() * CharWidth) + 12));

    /// <summary>Paired bars (baseline vs candidate) per row, for gap magnitudes.</summary>
    public static string PairedBars(IReadOnlyList<(string Label, double Baseline, double Candidate)> rows, string baselineName, string candidateName, string title)
    {
        const int plotWidth = 360, rowHeight = 30, top = 40;
        var labelWidth = LabelColumn(rows.Select(r => Trim(r.Label, 34)), 230);
        var max = Math.Max(0.1, rows.Select(r => Math.Max(r.Baseline, r.Candidate)).DefaultIfEmpty(0.1).Max());
        var height = top + (rows.Count * rowHeight) + 8;
        var width = labelWidth + plotWidth + 60;
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>{E(title)}</title>");
        sb.Append(Inv, $"<text x=\"0\" y=\"14\" class=\"ct\">{E(title)}</text>");
        sb.Append(Inv, $"<rect x=\"{labelWidth}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{Palette[0]}\"/><text x=\"{labelWidth + 14}\" y=\"31\" class=\"ax\">{E(baselineName)}</text>");
        sb.Append(Inv, $"<rect x=\"{labelWidth + 150}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{Palette[1]}\"/><text x=\"{labelWidth + 164}\" y=\"31\" class=\"ax\">{E(candidateName)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, a, b) = rows[i];
            var y = top + (i * rowHeight);
            sb.Append(Inv, $"<text x=\"{labelWidth - 8}\" y=\"{y + 17}\" class=\"lb\" text-anchor=\"end\">{E(Trim(label, 34))}</text>");
            sb.Append(Inv, $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{Math.Max(1, plotWidth * a / max):0.#}\" height=\"10\" fill=\"{Palette[0]}\"/><text x=\"{labelWidth + (plotWidth * a / max) + 4:0.#}\" y=\"{y + 12}\" class=\"ax\">{a.ToString("0.##", Inv)}</text>");
            sb.Append(Inv, $"<rect x=\"{labelWidth}\" y=\"{y + 15}\" width=\"{Math.Max(1, plotWidth * b / max):0.#}\" height=\"10\" fill=\"{Palette[1]}\"/><text x=\"{labelWidth + (plotWidth * b / max) + 4:0.#}\" y=\"{y + 24}\" class=\"ax\">{b.ToString("0.##", Inv)}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    /// <summary>A line chart of training and validation loss per series.</summary>
    public static string LossCurve(IReadOnlyList<TrainingMetricsSeries> series)
    {
        const int left = 56, right = 16, top = 28, bottom = 40, width = 680, height = 300;
        var points = series.SelectMany(s => s.Points).ToList();
        var losses = points.SelectMany(p => new[] { p.TrainLoss, p.ValidationLoss }).Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
        if (points.Count == 0 || losses.Count == 0)
        {
            return string.Empty;
        }

        double minX = points.Min(p => p.Step), maxX = Math.Max(points.Max(p => p.Step), minX + 1);
        double minY = Math.Min(0, losses.Min()), maxY = losses.Max() * 1.05;
        if (maxY <= minY)
        {
            maxY = minY + 1;
        }

        double X(double v) => left + ((v - minX) / (maxX - minX) * (width - left - right));
        double Y(double v) => top + ((1 - ((v - minY) / (maxY - minY))) * (height - top - bottom));
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>Loss curve</title>");
        sb.Append("<text x=\"0\" y=\"14\" class=\"ct\">Loss by step (solid: training, dashed: validation)</text>");
        for (var g = 0; g <= 4; g++)
        {
            var vy = minY + ((maxY - minY) * g / 4);
            var vx = minX + ((maxX - minX) * g / 4);
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Y(vy):0.#}\" x2=\"{width - right}\" y2=\"{Y(vy):0.#}\" class=\"grid\"/><text x=\"{left - 6}\" y=\"{Y(vy) + 4:0.#}\" class=\"ax\" text-anchor=\"end\">{vy.ToString("0.##", Inv)}</text>");
            sb.Append(Inv, $"<text x=\"{X(vx):0.#}\" y=\"{height - bottom + 16}\" class=\"ax\" text-anchor=\"middle\">{vx.ToString("0", Inv)}</text>");
        }

        sb.Append(Inv, $"<text x=\"{(left + width) / 2}\" y=\"{height - 6}\" class=\"ax\" text-anchor=\"middle\">step</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            var train = series[i].Points.Where(p => p.TrainLoss is { } v && double.IsFinite(v)).Select(p => $"{X(p.Step).ToString("0.#", Inv)},{Y(p.TrainLoss!.Value).ToString("0.#", Inv)}").ToList();
            var valid = series[i].Points.Where(p => p.ValidationLoss is { } v && double.IsFinite(v)).Select(p => $"{X(p.Step).ToString("0.#", Inv)},{Y(p.ValidationLoss!.Value).ToString("0.#", Inv)}").ToList();
            if (train.Count > 0)
            {
                sb.Append(Inv, $"<polyline points=\"{string.Join(' ', train)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            }

            if (valid.Count > 0)
            {
                sb.Append(Inv, $"<polyline points=\"{string.Join(' ', valid)}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
            }

            sb.Append(Inv, $"<rect x=\"{width - right - 170}\" y=\"{top + 4 + (i * 16)}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{width - right - 156}\" y=\"{top + 13 + (i * 16)}\" class=\"ax\">{E(Trim(series[i].Name, 24))}</text>");
        }

        return sb.Append("</svg>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
