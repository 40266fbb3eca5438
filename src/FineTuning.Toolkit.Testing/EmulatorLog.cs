using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing;

internal static partial class EmulatorLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Method} {Path} -> {Status}")]
    public static partial void Request(ILogger logger, string method, string path, int status);

    [LoggerMessage(2, LogLevel.Information, "Injected fault {Kind} on {Method} {Path}")]
    public static partial void FaultInjected(ILogger logger, EmulatorFaultKind kind, string method, string path);

    [LoggerMessage(3, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void Unhandled(ILogger logger, Exception exception, string method, string path);
}
