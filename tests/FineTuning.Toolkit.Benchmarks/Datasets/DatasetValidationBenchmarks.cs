using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Benchmarks.Datasets;

/// <summary>Parse + validate throughput on a generated 100 MB chat file: MB/s = 100 / Mean(s). Allocations per run via the memory diagnoser.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class DatasetValidationBenchmarks
{
    private string _path = string.Empty;

    /// <summary>Creates the file once (in the temp folder).</summary>
    [GlobalSetup]
    public void Setup() => _path = DatasetFileGenerator.Ensure(100);

    /// <summary>Reads every line (JSON parse only).</summary>
    [Benchmark]
    public async Task<long> ReadOnly100MB()
    {
        long count = 0;
        await foreach (var record in JsonlReader.ReadAsync(_path))
        {
            using (record)
            {
                count += record.IsObject ? 1 : 0;
            }
        }

        return count;
    }

    /// <summary>Runs the full validator (all rules, duplicate hashing).</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> Validate100MB() => (await DatasetValidator.ValidateAsync(_path)).ExampleCount;
}
