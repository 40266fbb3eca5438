using BenchmarkDotNet.Running;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- --filter *</c>.</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
