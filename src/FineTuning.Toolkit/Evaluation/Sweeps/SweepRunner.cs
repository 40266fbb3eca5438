using System.Globalization;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Evaluation.Items;
using FineTuning.Toolkit.Evaluation.Running;
using FineTuning.Toolkit.Evaluation.Statistics;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit.Evaluation.Sweeps;

/// <summary>
/// Runs an epochs experiment end to end: plans every configuration with <see cref="FineTuningWorkflow"/> and checks
/// the sweep's one budget before anything is uploaded, trains each configuration through the workflow (idempotent,
/// with lineage metadata), waits, reads each job's metrics, evaluates every final model (and checkpoint, when asked) on
/// one set with <see cref="EvalRunner"/>, compares each with the best candidate (<see cref="PairedComparison"/>) and
/// recommends one with <see cref="CheckpointSweep"/>.
/// </summary>
/// <remarks>
/// The recommendation combines the evaluation scores and the validation loss: every candidate the paired comparison
/// cannot tell from the best-scoring one (its verdict against the best is not "worse") is tied with it, and among the
/// tied the lowest validation loss wins, then fewer epochs. So a longer run that overfits (validation loss turned up)
/// is not recommended for a score difference the evaluation set cannot resolve.
/// </remarks>
public sealed class SweepRunner
{
    private readonly FineTuningWorkflow _workflow;
    private readonly IFineTuningJobClient _jobs;
    private readonly IFineTuningFileClient _files;
    private readonly FineTuningJobMonitor _monitor;
    private readonly EvalRunner _runner;
    private readonly IFineTuningConnection _connection;

    /// <summary>Initializes a new instance of the <see cref="SweepRunner"/> class.</summary>
    /// <param name="workflow">The training workflow.</param>
    /// <param name="jobs">The job client (existing jobs, checkpoints).</param>
    /// <param name="files">The file client (result files with the metrics).</param>
    /// <param name="monitor">The job monitor.</param>
    /// <param name="runner">The evaluation runner.</param>
    /// <param name="connection">The connection the candidates are called through.</param>
    public SweepRunner(FineTuningWorkflow workflow, IFineTuningJobClient jobs, IFineTuningFileClient files, FineTuningJobMonitor monitor, EvalRunner runner, IFineTuningConnection connection)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(connection);
        _workflow = workflow;
        _jobs = jobs;
        _files = files;
        _monitor = monitor;
        _runner = runner;
        _connection = connection;
    }

    /// <summary>Plans every configuration (nothing is uploaded or paid for).</summary>
    /// <param name="request">The sweep.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The plan with the sweep's total cost against its budget.</returns>
    public async Task<SweepPlan> PlanAsync(SweepRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Epochs.Count > 0 && request.TrainingPath is null)
        {
            throw new ArgumentException("A training file is needed to train the epoch configurations.", nameof(request));
        }

        if (request.Epochs.Count == 0 && request.JobIds.Count == 0)
        {
            throw new ArgumentException("A sweep needs epochs to train or existing jobs.", nameof(request));
        }

        foreach (var epochs in request.Epochs.Where(e => !FineTuningLimits.IsValidEpochs(e)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs is outside {FineTuningLimits.MinEpochs}-{FineTuningLimits.MaxEpochs}."), nameof(request));
        }

        var plans = new List<SweepConfigurationPlan>();
        foreach (var epochs in request.Epochs.Distinct())
        {
            plans.Add(new SweepConfigurationPlan(epochs, await _workflow.PlanAsync(request.TrainingPath!, TrainRequest(request, epochs), cancellationToken).ConfigureAwait(false)));
        }

        return new SweepPlan(plans, request.BudgetCapUsd);
    }

    /// <summary>Plans, checks the budget, trains, waits, evaluates and recommends.</summary>
    /// <param name="request">The sweep.</param>
    /// <param name="progress">Receives one line per step (job started, job finished, evaluation), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token that cancels the operation.</param>
    /// <returns>The result; nothing is uploaded unless <see cref="SweepResult.Outcome"/> is <see cref="SweepOutcome.Completed"/>.</returns>
    public async Task<SweepResult> RunAsync(SweepRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.EvalItems.Count == 0 || request.Scorers.Count == 0)
        {
            throw new ArgumentException("A sweep needs evaluation items and at least one scorer.", nameof(request));
        }

        var plan = await PlanAsync(request, cancellationToken).ConfigureAwait(false);
        if (!plan.IsValid)
        {
            return new SweepResult { Outcome = SweepOutcome.Invalid, Plan = plan };
        }

        if (plan.OverBudget)
        {
            return new SweepResult { Outcome = SweepOutcome.OverBudget, Plan = plan };
        }

        if (plan.Configurations.Count > 0 && !plan.WithinBudget && !(request.Approve is { } approve && await approve(plan, cancellationToken).ConfigureAwait(false)))
        {
            return new SweepResult { Outcome = SweepOutcome.NotApproved, Plan = plan };
        }

        // Start every configuration first (they train at the same time), then wait for each.
        var started = new List<(string Name, double? Epochs, FineTuningJobInfo Job)>();
        foreach (var configuration in plan.Configurations)
        {
            var result = await _workflow.FineTuneAsync(request.TrainingPath!, TrainRequest(request, configuration.Epochs), null, cancellationToken).ConfigureAwait(false);
            if (result.Job is null)
            {
                // The plan was checked above; a refusal here means the files changed in between.
                return new SweepResult { Outcome = result.Outcome == FineTuneOutcome.OverBudget ? SweepOutcome.OverBudget : SweepOutcome.Invalid, Plan = plan };
            }

            progress?.Report($"{EpochName(configuration.Epochs)}: job {result.Job.Id} {(result.Outcome == FineTuneOutcome.Existing ? "reused" : "started")}");
            started.Add((EpochName(configuration.Epochs), configuration.Epochs, result.Job));
        }

        foreach (var id in request.JobIds)
        {
            var job = await _jobs.GetJobAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new ArgumentException($"Job {id} does not exist.", nameof(request));
            started.Add((id, JobEpochs(job), job));
        }

        var jobs = new List<FineTuningJobInfo>();
        var candidates = new List<SweepCandidate>();
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        var series = new List<TrainingMetricsSeries>();
        foreach (var (name, epochs, startedJob) in started)
        {
            var job = startedJob.Status.IsTerminal
                ? startedJob
                : await _monitor.WaitForCompletionAsync(startedJob.Id, request.JobTimeout, null, cancellationToken).ConfigureAwait(false);
            jobs.Add(job);
            if (job.FineTunedModel is null)
            {
                throw new InvalidOperationException($"Job {job.Id} ({name}) ended {job.Status}{(job.Error is null ? string.Empty : ": " + job.Error)}; the sweep cannot evaluate it.");
            }

            progress?.Report($"{name}: {job.Id} {job.Status}: {job.FineTunedModel}");
            var points = await MetricsAsync(job, cancellationToken).ConfigureAwait(false);
            var jobSeries = TrainingMetricsSeries.FromJobMetrics(name, points);
            series.Add(jobSeries);
            var lastStep = points.Count > 0 ? points[^1].Step : (int?)null;
            var final = new SweepCandidate(name, 0)
            {
                JobId = job.Id,
                Epochs = epochs,
                Step = lastStep,
                ValidLoss = lastStep is { } ls ? jobSeries.NearestWithValidLoss(ls)?.ValidationLoss : null,
                TrainLoss = points.Count > 0 ? points[^1].TrainLoss : null,
            };
            if (request.IncludeCheckpoints)
            {
                var checkpoints = new List<FineTuningCheckpointInfo>();
                await foreach (var checkpoint in _jobs.ListCheckpointsAsync(job.Id, cancellationToken).ConfigureAwait(false))
                {
                    checkpoints.Add(checkpoint);
                }

                foreach (var checkpoint in checkpoints.Where(c => c.FineTunedModelCheckpoint is not null && c.FineTunedModelCheckpoint != job.FineTunedModel && c.StepNumber != lastStep).OrderBy(c => c.StepNumber))
                {
                    var checkpointName = string.Create(CultureInfo.InvariantCulture, $"{name} @ step {checkpoint.StepNumber}");
                    candidates.Add(new SweepCandidate(checkpointName, 0)
                    {
                        JobId = job.Id,
                        Epochs = epochs is { } e && lastStep is > 0 ? Math.Round(e * checkpoint.StepNumber / lastStep.Value, 2) : null,
                        Step = checkpoint.StepNumber,
                        ValidLoss = checkpoint.Metrics.ValidationLoss ?? jobSeries.NearestWithValidLoss(checkpoint.StepNumber)?.ValidationLoss,
                        TrainLoss = checkpoint.Metrics.TrainLoss,
                    });
                    models[checkpointName] = checkpoint.FineTunedModelCheckpoint!;
                }
            }

            candidates.Add(final);
            models[name] = job.FineTunedModel;
        }

        var targets = candidates.Select(c => new EvalTarget(c.Name, _connection.GetChatClient(models[c.Name]), models[c.Name])
        {
            Temperature = request.Temperature,
            MaxOutputTokens = request.MaxOutputTokens,
        }).ToList();
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"evaluating {targets.Count} model(s) on {request.EvalItems.Count} item(s)"));
        var run = await _runner.RunAsync(request.EvalItems, targets, request.Scorers, request.EvalOptions, null, cancellationToken).ConfigureAwait(false);
        var results = run.Results.Count > 0 || request.EvalOptions.ResultsPath is null
            ? run.Results
            : await EvalResultsFile.ReadLatestAsync(request.EvalOptions.ResultsPath, cancellationToken).ConfigureAwait(false);

        var primary = request.Scorers[0].Name;
        var scored = candidates.Select(c =>
        {
            var summary = ScoreSummarizer.Summarize(results, c.Name, primary, request.ComparisonOptions.ConfidenceLevel, request.ComparisonOptions.Seed);
            return c with { Score = summary.Mean, ScoreInterval = summary.Interval };
        }).ToList();

        // Each candidate against the best-scoring one; those the evaluation cannot tell from it are tied with it.
        var best = scored.OrderByDescending(c => c.Score).ThenBy(c => c.ValidLoss ?? double.MaxValue).First();
        var others = scored.Where(c => c != best).Select(c => c.Name).ToList();
        var comparisons = others.Count > 0
            ? PairedComparison.CompareAll(results, best.Name, others, [.. request.Scorers.Select(s => s.Name)], request.ComparisonOptions)
            : [];
        var tied = scored.Where(c => c == best || comparisons.Any(x => x.Candidate == c.Name && x.Scorer == primary && x.Verdict != ComparisonVerdict.Worse)).Select(c => c.Name).ToList();
        var recommendation = CheckpointSweep.Recommend(scored, series, tiedWithBest: tied);
        return new SweepResult
        {
            Outcome = SweepOutcome.Completed,
            Plan = plan,
            Jobs = jobs,
            Candidates = scored,
            Models = models,
            Series = series,
            Results = results,
            Recommendation = recommendation,
            Comparisons = comparisons,
            PrimaryScorer = primary,
        };
    }

    /// <summary>The candidate name of a trained configuration.</summary>
    /// <param name="epochs">The epochs.</param>
    /// <returns>For example <c>3 epochs</c>.</returns>
    public static string EpochName(int epochs) => epochs == 1 ? "1 epoch" : string.Create(CultureInfo.InvariantCulture, $"{epochs} epochs");

    private static FineTuneRequest TrainRequest(SweepRequest request, int epochs) => new()
    {
        Model = request.Model,
        ValidationPath = request.ValidationPath,
        Method = new SupervisedTraining { Epochs = epochs },
        Suffix = request.Suffix,
        Seed = request.Seed,
        Metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal) { ["ftk_sweep"] = "epochs" },
        BudgetCapUsd = request.BudgetCapUsd,

        // The sweep was approved as a whole (its one budget or its one approval) before any job starts.
        Approve = (_, _) => ValueTask.FromResult(true),
        WaitForCompletion = false,
    };

    private static double? JobEpochs(FineTuningJobInfo job) =>
        job.Hyperparameters.TryGetValue("n_epochs", out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var epochs) ? epochs : null;

    /// <summary>The job's metrics from its result file (step, training and validation loss); empty when it has none.</summary>
    private async Task<IReadOnlyList<TrainingMetricPoint>> MetricsAsync(FineTuningJobInfo job, CancellationToken cancellationToken)
    {
        if (job.ResultFileIds.Count == 0)
        {
            return [];
        }

        using var csv = new MemoryStream();
        await _files.DownloadFileAsync(job.ResultFileIds[0], csv, cancellationToken).ConfigureAwait(false);
        csv.Position = 0;
        using var reader = new StreamReader(csv);
        var metrics = await TrainingMetrics.ParseAsync(reader, cancellationToken).ConfigureAwait(false);
        return metrics.Points;
    }
}
