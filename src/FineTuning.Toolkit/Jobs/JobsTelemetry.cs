using System.Diagnostics.Metrics;
using FineTuning.Toolkit.Diagnostics;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The Jobs area's instruments on the toolkit's single meter.</summary>
internal static class JobsTelemetry
{
    /// <summary>Jobs created (one per create call, recovered creates included).</summary>
    public static readonly Counter<long> JobsCreated = ToolkitTelemetry.Meter.CreateCounter<long>("ftk.jobs.created", "{job}", "Fine-tuning jobs created.");

    /// <summary>Bytes uploaded to the service.</summary>
    public static readonly Counter<long> BytesUploaded = ToolkitTelemetry.Meter.CreateCounter<long>("ftk.files.bytes_uploaded", "By", "Bytes uploaded to the service.");
}
