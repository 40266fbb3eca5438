using System.Diagnostics;

namespace FineTuning.Toolkit.Benchmarks.Tokenization;

/// <summary>One timed pass of a tokenizer over every string: tokens, wall-clock and process CPU seconds, bytes allocated.</summary>
internal sealed record TimedRun(long Tokens, double Seconds, double CpuSeconds, long AllocatedBytes)
{
    /// <summary>Counts every string once, after a full collection so that no run pays for the previous run's garbage.</summary>
    public static TimedRun Measure(TokenizerPeer peer, IReadOnlyList<string> strings)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        double cpu = CountFileRunner.CpuSeconds();
        var sw = Stopwatch.StartNew();
        long tokens = 0;
        foreach (var s in strings)
        {
            tokens += peer.Count(s);
        }

        sw.Stop();
        double cpuSeconds = CountFileRunner.CpuSeconds() - cpu;
        return new TimedRun(tokens, sw.Elapsed.TotalSeconds, cpuSeconds, GC.GetAllocatedBytesForCurrentThread() - allocated);
    }
}
