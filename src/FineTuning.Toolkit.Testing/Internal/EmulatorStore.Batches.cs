namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorStore
{
    private void AdvanceBatchesLocked(DateTimeOffset now)
    {
        _ = now;
    }
}
