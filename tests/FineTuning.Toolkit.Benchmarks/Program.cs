using BenchmarkDotNet.Running;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- --filter *</c>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "datasets-memory")
        {
            return await Datasets.DatasetMemoryRun.RunAsync(args).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
