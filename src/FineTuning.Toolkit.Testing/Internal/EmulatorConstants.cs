namespace FineTuning.Toolkit.Testing.Internal;

internal static class EmulatorConstants
{
    public const string OrganizationId = "org-emulator";

    public const string OrganizationSlug = "emulator";

    public const string MinimumExamplesMessage = "Training file has {0} example(s), but must have at least 10 examples";
}
