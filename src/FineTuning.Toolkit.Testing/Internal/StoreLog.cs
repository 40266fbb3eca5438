using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing.Internal;

internal static partial class StoreLog
{
    [LoggerMessage(4, LogLevel.Warning, "Could not persist emulator state to {Folder}")]
    public static partial void PersistFailed(ILogger logger, Exception exception, string folder);
}
