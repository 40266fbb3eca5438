namespace FineTuning.Toolkit.Testing.Internal;

internal static class EmulatorConstants
{
    public const string OrganizationId = "org-emulator";

    public const string OrganizationSlug = "emulator";
}
