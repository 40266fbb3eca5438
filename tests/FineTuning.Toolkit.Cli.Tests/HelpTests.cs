using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests;

public sealed class HelpTests
{
    [Fact]
    public async Task Unknown_option_is_a_usage_error_with_exit_code_2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["--no-such-option"], output, error, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("error:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_tool_description()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["--help"], output, error, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Contains("ftk", output.ToString(), StringComparison.Ordinal);
    }
}
