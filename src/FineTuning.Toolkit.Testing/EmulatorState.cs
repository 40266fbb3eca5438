using System.Collections.Concurrent;
using FineTuning.Toolkit.Testing.Internal;

namespace FineTuning.Toolkit.Testing;

/// <summary>Read access to the emulator's state for test assertions. Every call returns a consistent snapshot.</summary>
public sealed class EmulatorState
{
    private readonly EmulatorStore _store;
    private readonly ConcurrentQueue<EmulatedRequest> _requests = new();

    internal EmulatorState(EmulatorStore store)
    {
        _store = store;
    }

    /// <summary>The emulated current time (the configured clock sped up by <see cref="OpenAIEmulatorOptions.Speed"/>).</summary>
    public DateTimeOffset Now => _store.Clock.Now;

    /// <summary>Every fine-tuning job, oldest first, brought up to the current emulated time.</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyList<EmulatedJob> GetJobs() => _store.SnapshotJobs(j => new EmulatedJob(
        j.Id,
        j.Model,
        j.Status.Value,
        j.TrainingFile,
        j.FineTunedModel,
        j.Metadata?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal) ?? new Dictionary<string, string>(StringComparer.Ordinal),
        j.TrainedTokens,
        j.StepsDone,
        j.TotalSteps));

    /// <summary>Every stored file, oldest first.</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyList<EmulatedFile> GetFiles() => _store.SnapshotFiles(f => new EmulatedFile(f.Id, f.Filename, f.Purpose, f.Bytes));

    /// <summary>Every request received so far, in arrival order.</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyList<EmulatedRequest> GetRequests() => [.. _requests];

    /// <summary>How many requests matched <paramref name="method"/> and <paramref name="path"/> (exact, normalised to <c>/v1/…</c>).</summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="path">The path, e.g. <c>/v1/fine_tuning/jobs</c>.</param>
    /// <returns>The count, including requests answered with an injected fault.</returns>
    public int CountRequests(string method, string path) =>
        _requests.Count(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.Path == path);

    internal void Record(EmulatedRequest request) => _requests.Enqueue(request);
}
