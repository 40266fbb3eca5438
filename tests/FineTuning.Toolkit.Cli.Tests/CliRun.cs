using FineTuning.Toolkit.Cli;

namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>Runs <c>ftk</c> in process and returns its exit code, standard output and standard error.</summary>
internal static class CliRun
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
