using System.Globalization;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Infrastructure;

/// <summary>The text of the progress lines (<see cref="TerminalProgress{T}"/>) of the long commands.</summary>
internal static class ProgressText
{
    /// <summary>An upload: stage, bytes sent of the total, percentage.</summary>
    public static string Upload(UploadProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Stage}: {p.BytesDone:N0} / {p.TotalBytes:N0} bytes ({(p.TotalBytes > 0 ? 100.0 * p.BytesDone / p.TotalBytes : 100):0}%)");

    /// <summary>An evaluation or probe run: calls done of the total, cached, failed, retries.</summary>
    public static string Calls(EvalRunProgress p) => string.Create(
        CultureInfo.InvariantCulture,
        $"{p.Completed}{(p.Total is { } t ? "/" + t.ToString(CultureInfo.InvariantCulture) : string.Empty)} calls, {p.Cached} cached, {p.Failed} failed, {p.Retries} retries{(p.Resumed > 0 ? $", {p.Resumed} resumed" : string.Empty)}");
}
