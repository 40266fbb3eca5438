namespace FineTuning.Toolkit.Testing.Internal;

internal static class EmulatorConstants
{
    public const string OrganizationId = "org-emulator";

    public const string OrganizationSlug = "emulator";

    /// <summary>The largest JSON request body the emulator reads (an emulator bound on memory, not a platform fact).</summary>
    public const long MaxJsonBodyBytes = 32L * 1024 * 1024;
}
