using BenchmarkDotNet.Running;
using FineTuning.Toolkit.Benchmarks.Evaluation;
using FineTuning.Toolkit.Benchmarks.Tokenization;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- --filter *</c>.
/// <c>-- count-file FILE ENCODING [ROUNDS]</c>, <c>-- reference-cases</c> and <c>-- pathological</c> are the quick timers
/// and checks used by scripts/bench-tokenizers.sh.
/// Console modes: <c>eval-throughput</c> (the evaluation runner against a rate-limited emulator).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "count-file")
        {
            return await CountFileRunner.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "pathological")
        {
            return await CountFileRunner.RunAsync(args).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "reference-cases")
        {
            return ReferenceCaseRunner.Run();
        }

        if (args.Length > 0 && args[0] == "eval-throughput") return await EvalThroughputBenchmark.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "validate-profile")
        {
            return await Datasets.ValidateProfileRun.RunAsync(args).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "datasets-memory")
        {
            return await Datasets.DatasetMemoryRun.RunAsync(args).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
