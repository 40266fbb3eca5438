namespace FineTuning.Toolkit.Cli;

/// <summary>Entry point of the <c>ftk</c> dotnet tool.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Not disposed: a Ctrl+C can arrive while the process is exiting, and cancelling a disposed source would throw.
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the command cleanly (exit code 130, with what was kept); a second one ends the process at once.
            e.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        };
        // SIGTERM (kill, docker stop, a CI runner's timeout) stops the command the same way, so it can save and clean up.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cts.Cancel();
        });
        return await CliApp.RunAsync(args, Console.Out, Console.Error, cts.Token).ConfigureAwait(false);
    }
}
