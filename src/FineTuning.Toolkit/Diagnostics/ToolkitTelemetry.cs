using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FineTuning.Toolkit.Diagnostics;

/// <summary>
/// The names under which FineTuning.Toolkit publishes traces and metrics. Subscribe with
/// <c>AddSource(ToolkitTelemetry.ActivitySourceName)</c> and <c>AddMeter(ToolkitTelemetry.MeterName)</c>.
/// </summary>
public static class ToolkitTelemetry
{
    /// <summary>The name of the toolkit's single <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "FineTuning.Toolkit";

    /// <summary>The name of the toolkit's single <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "FineTuning.Toolkit";

    /// <summary>The toolkit's activity source (one per process).</summary>
    internal static ActivitySource ActivitySource { get; } = new(ActivitySourceName, ToolkitInfo.Version);

    /// <summary>The toolkit's meter (one per process).</summary>
    internal static Meter Meter { get; } = new(MeterName, ToolkitInfo.Version);

    /// <summary>Calls retried after a transient failure (every call the toolkit makes goes through one retry policy).</summary>
    internal static Counter<long> Retries { get; } = Meter.CreateCounter<long>("ftk.api.retries", "{retry}", "API call attempts retried after a transient failure.");
}
