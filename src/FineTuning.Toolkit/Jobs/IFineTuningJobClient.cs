namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Fine-tuning jobs on one provider (OpenAI or Azure OpenAI / Foundry). Implementations retry transient failures and
/// raise <see cref="FineTuningApiException"/> for everything else. Another provider is one more implementation.
/// </summary>
public interface IFineTuningJobClient
{
    /// <summary>Gets the provider this client talks to.</summary>
    FineTuningProvider Provider { get; }

    /// <summary>
    /// Creates a job. The call is idempotent: its key goes into the job metadata, and after an ambiguous failure
    /// (timeout, reset, 5xx) the client looks the key up before retrying, so one call never starts two paid jobs.
    /// </summary>
    /// <param name="request">What to train.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The created job.</returns>
    /// <exception cref="ArgumentException">The request is invalid (see <see cref="FineTuningJobRequest.Validate"/>).</exception>
    /// <exception cref="FineTuningApiException">The service refused the request.</exception>
    Task<FineTuningJobInfo> CreateJobAsync(FineTuningJobRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job, or <see langword="null"/> when it does not exist.</returns>
    Task<FineTuningJobInfo?> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists jobs, newest first, paging transparently.</summary>
    /// <param name="options">Filters (metadata) and paging; <see langword="null"/> lists every job.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The jobs.</returns>
    IAsyncEnumerable<FineTuningJobInfo> ListJobsAsync(JobListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job after the call.</returns>
    Task<FineTuningJobInfo> CancelJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Pauses a running job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job after the call.</returns>
    Task<FineTuningJobInfo> PauseJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The job after the call.</returns>
    Task<FineTuningJobInfo> ResumeJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists a job's events oldest first (the service pages newest first; this reverses them).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="afterEventId">Only events newer than this one, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The events, oldest first.</returns>
    IAsyncEnumerable<FineTuningEventInfo> ListEventsAsync(string jobId, string? afterEventId = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a job's checkpoints (the service keeps those of the last 3 epochs).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The checkpoints as the service orders them (newest first).</returns>
    IAsyncEnumerable<FineTuningCheckpointInfo> ListCheckpointsAsync(string jobId, CancellationToken cancellationToken = default);
}
