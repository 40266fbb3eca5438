using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorStore
{
    public void Load(string folder)
    {
        _ = folder;
    }

    public void Save(string folder, ILogger logger)
    {
        _ = folder;
        _ = logger;
    }
}
