using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Benchmarks.Datasets;

/// <summary>
/// <c>dotnet run -c Release --project tests/FineTuning.Toolkit.Benchmarks -- datasets-memory 1024</c>: generates a chat file of
/// that many MB in the temp folder, validates it, and prints throughput and peak memory (flat memory check).
/// </summary>
internal static class DatasetMemoryRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var megabytes = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
        var path = DatasetFileGenerator.Ensure(megabytes);
        var size = new FileInfo(path).Length;
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var watch = Stopwatch.StartNew();
        var options = new DatasetValidationOptions { DetectDuplicates = !args.Contains("--no-duplicates") };
        var report = await DatasetValidator.ValidateAsync(path, options);
        watch.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"file={path} size_mb={size / 1048576.0:F0} examples={report.ExampleCount} errors={report.ErrorCount} warnings={report.WarningCount} seconds={watch.Elapsed.TotalSeconds:F1} mb_per_s={size / 1048576.0 / watch.Elapsed.TotalSeconds:F1} working_set_before_mb={before / 1048576.0:F0} peak_working_set_mb={process.PeakWorkingSet64 / 1048576.0:F0} gc_heap_mb={GC.GetTotalMemory(false) / 1048576.0:F0} total_allocated_mb={GC.GetTotalAllocatedBytes() / 1048576.0:F0} duplicates={(options.DetectDuplicates ? "on" : "off")}"));
        return 0;
    }
}
