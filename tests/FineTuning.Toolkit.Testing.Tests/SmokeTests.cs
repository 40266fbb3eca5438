namespace FineTuning.Toolkit.Testing.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Toolkit_version_is_visible_to_the_emulator_tests()
    {
        Assert.False(string.IsNullOrEmpty(ToolkitInfo.Version));
    }
}
