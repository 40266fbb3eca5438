namespace FineTuning.Toolkit.Cli;

/// <summary>Entry point of the <c>ftk</c> dotnet tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return await CliApp.RunAsync(args, Console.Out, Console.Error, cts.Token).ConfigureAwait(false);
    }
}
