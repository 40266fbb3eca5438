using FineTuning.Toolkit.Testing.Internal;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing;

/// <summary>Settings of an <see cref="OpenAIEmulator"/>. Every property has a default that suits unit tests.</summary>
public sealed class OpenAIEmulatorOptions
{
    /// <summary>The default API key the emulator accepts. It is a fixed, public test value, never a real key.</summary>
    public const string DefaultApiKey = "sk-emulator-0000000000000000";

    /// <summary>The API key clients must send (as <c>Authorization: Bearer</c> or Azure's <c>api-key</c> header).</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The TCP port on 127.0.0.1; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>The clock the emulator reads; pass an <see cref="EmulatorClock"/> to control time from a test.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How many emulated seconds pass per second of <see cref="TimeProvider"/> time (e.g. 1000 makes jobs finish fast).</summary>
    public double Speed { get; set; } = 1.0;

    /// <summary>Seed for every deterministic choice: ids, metrics, chat answers, probabilistic faults.</summary>
    public int Seed { get; set; }

    /// <summary>An initial fault plan in the fault spec language (see <see cref="EmulatorFaults"/>), or null for none.</summary>
    public string? Faults { get; set; }

    /// <summary>A folder where state is saved and reloaded (standalone mode); null keeps everything in memory.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a fine-tuning job stays in <c>validating_files</c>.</summary>
    public TimeSpan ValidatingDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a fine-tuning job stays in <c>queued</c> (also after a resume).</summary>
    public TimeSpan QueuedDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Training steps per epoch; null derives it from the example count and batch size (at most 50).</summary>
    public int? StepsPerEpoch { get; set; }

    /// <summary>How long one training step takes.</summary>
    public TimeSpan StepDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a batch spends in each of <c>validating</c> and <c>finalizing</c>.</summary>
    public TimeSpan BatchPhaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a batch spends per request while <c>in_progress</c>.</summary>
    public TimeSpan BatchRequestDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Requests per minute allowed on chat completions and embeddings; null means unlimited.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Tokens per minute allowed on chat completions and embeddings; null means unlimited.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// Whether running jobs report <c>estimated_finish</c>. Null (the default) reports it only when time runs at
    /// real speed (the SDK waits for that instant using the machine's clock).
    /// </summary>
    public bool? ReportEstimatedFinish { get; set; }

    /// <summary>The <c>retry-after-ms</c> the emulator sends with an injected or rate-limit 429 (default 20 ms).</summary>
    public TimeSpan FaultRetryAfter { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long (emulated time) an ARM deployment stays <c>Creating</c> before it is <c>Succeeded</c> and answers chat calls.</summary>
    public TimeSpan DeploymentProvisioningDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The OpenAI wind-down of new training: from this instant (emulated time) on, creating a fine-tuning job on the
    /// OpenAI flavour answers 403 <c>training_not_available</c>; the Azure flavour keeps training. Null (the default) never.
    /// </summary>
    public DateTimeOffset? TrainingShutdownAt { get; set; }

    /// <summary>
    /// The retirement of <see cref="RetiringBaseModels"/>: from this instant (emulated time) on, those base models and
    /// every fine-tune or checkpoint of them answer 404 <c>model_not_found</c> on the OpenAI flavour (chat and model
    /// lookups); the Azure flavour keeps serving. Null (the default) never.
    /// </summary>
    public DateTimeOffset? ModelRetirementAt { get; set; }

    /// <summary>The base models that retire at <see cref="ModelRetirementAt"/> (default: the four OpenAI retires on 2027-01-14).</summary>
    public IList<string> RetiringBaseModels { get; } = ["gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18", "gpt-4.1-2025-04-14", "gpt-4.1-mini-2025-04-14"];

    /// <summary>Where the emulator logs requests and injected faults; null logs nothing.</summary>
    public ILogger? Logger { get; set; }

    internal StoreSettings ToStoreSettings() => new()
    {
        Seed = Seed,
        ValidatingDuration = ValidatingDuration,
        QueuedDuration = QueuedDuration,
        StepsPerEpoch = StepsPerEpoch,
        StepDuration = StepDuration,
        BatchPhaseDuration = BatchPhaseDuration,
        BatchRequestDuration = BatchRequestDuration,
        ReportEstimatedFinish = ReportEstimatedFinish ?? (Speed == 1.0 && ReferenceEquals(TimeProvider, TimeProvider.System)),
    };
}
