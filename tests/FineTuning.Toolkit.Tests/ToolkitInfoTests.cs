namespace FineTuning.Toolkit.Tests;

public sealed class ToolkitInfoTests
{
    [Fact]
    public void Version_comes_from_the_single_version_in_Directory_Build_props()
    {
        Assert.StartsWith("0.1.0", ToolkitInfo.Version, StringComparison.Ordinal);
        Assert.DoesNotContain("+", ToolkitInfo.Version, StringComparison.Ordinal);
    }
}
