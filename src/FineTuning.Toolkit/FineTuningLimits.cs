using FineTuning.Toolkit.Jobs.Methods;

namespace FineTuning.Toolkit;

/// <summary>
/// The platform's documented limits for fine-tuning requests and files, in one place. The job request checks
/// (<c>FineTuningJobRequest.Validate</c>, <c>TrainingMethod.Validate</c>), the dataset validator's default profile, the cost
/// estimator and the emulator all read these values. Per-model limits (training context, methods) live in the
/// <see cref="Models.IModelCatalog"/>; the automatic epoch count is <see cref="Models.EpochHeuristic"/>.
/// </summary>
/// <remarks>Sources: docs/platform-facts §1.5 (files, examples, images) and §4 (the create-job request, files and uploads).</remarks>
public static class FineTuningLimits
{
    /// <summary>The fewest examples a training file may hold (10).</summary>
    public const int MinExamples = 10;

    /// <summary>The largest file the Files API accepts in one request, in bytes (512 MB); larger files need the Uploads API.</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    /// <summary>The largest file the Uploads API assembles, in bytes (8 GB).</summary>
    public const long MaxUploadBytes = 8L * 1024 * 1024 * 1024;

    /// <summary>The largest part of an upload, in bytes (64 MB).</summary>
    public const int MaxUploadPartBytes = 64 * 1024 * 1024;

    /// <summary>The most requests one Batch API input file may hold (50,000).</summary>
    public const int MaxBatchRequests = 50_000;

    /// <summary>The largest Batch API input file, in bytes (200 MB).</summary>
    public const long MaxBatchFileBytes = 200L * 1024 * 1024;

    /// <summary>The shortest model-name suffix (1 character).</summary>
    public const int MinSuffixLength = 1;

    /// <summary>The longest model-name suffix (64 characters; Azure allows fewer).</summary>
    public const int MaxSuffixLength = 64;

    /// <summary>The largest seed (2,147,483,647); the smallest is 0.</summary>
    public const int MaxSeed = int.MaxValue;

    /// <summary>The most metadata pairs on a job (16).</summary>
    public const int MaxMetadataPairs = 16;

    /// <summary>The longest metadata key (64 characters).</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>The longest metadata value (512 characters).</summary>
    public const int MaxMetadataValueLength = 512;

    /// <summary>The most integrations on a job (5).</summary>
    public const int MaxIntegrations = 5;

    /// <summary>The most Weights &amp; Biases tags (50).</summary>
    public const int MaxWandbTags = 50;

    /// <summary>The longest Weights &amp; Biases tag (64 characters).</summary>
    public const int MaxWandbTagLength = 64;

    /// <summary>The smallest explicit <c>n_epochs</c> (1).</summary>
    public const int MinEpochs = 1;

    /// <summary>The largest explicit <c>n_epochs</c> (50).</summary>
    public const int MaxEpochs = 50;

    /// <summary>The smallest explicit <c>batch_size</c> (1).</summary>
    public const int MinBatchSize = 1;

    /// <summary>The largest explicit <c>batch_size</c> (256).</summary>
    public const int MaxBatchSize = 256;

    /// <summary>The largest DPO <c>beta</c> (2); beta must be greater than 0.</summary>
    public const double MaxBeta = 2;

    /// <summary>The RFT <c>compute_multiplier</c> must be greater than this (0.00001).</summary>
    public const double MinComputeMultiplierExclusive = 0.00001;

    /// <summary>The largest RFT <c>compute_multiplier</c> (10).</summary>
    public const double MaxComputeMultiplier = 10;

    /// <summary>The most images in one example (10 at OpenAI; Azure documents 64).</summary>
    public const int MaxImagesPerExample = 10;

    /// <summary>The largest inline image, in bytes (10 MB).</summary>
    public const long MaxImageBytes = 10L * 1024 * 1024;

    /// <summary>The most examples with images in one file (50,000).</summary>
    public const long MaxImageExamples = 50_000;

    /// <summary>The purpose of training and validation files (<c>fine-tune</c>).</summary>
    public const string FineTunePurpose = "fine-tune";

    /// <summary>The purpose of a job's result files (<c>fine-tune-results</c>).</summary>
    public const string ResultsPurpose = "fine-tune-results";

    /// <summary>Gets the purposes <c>POST /files</c> accepts.</summary>
    public static IReadOnlyList<string> UploadPurposes { get; } = ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"];

    /// <summary>Gets the purposes <c>POST /uploads</c> accepts (a subset of <see cref="UploadPurposes"/>).</summary>
    public static IReadOnlyList<string> UploadsApiPurposes { get; } = ["assistants", "batch", "fine-tune", "vision"];

    /// <summary>The only <c>expires_after.anchor</c> the platform accepts (<c>created_at</c>).</summary>
    public const string ExpiresAfterAnchor = "created_at";

    /// <summary>The smallest <c>expires_after.seconds</c> of a file (one hour).</summary>
    public const long MinExpiresAfterSeconds = 3600;

    /// <summary>The largest <c>expires_after.seconds</c> of a file (30 days), also the default expiry of batch files.</summary>
    public const long MaxExpiresAfterSeconds = 2_592_000;

    /// <summary>How long a pending upload (<c>POST /uploads</c>) accepts parts, in seconds (one hour).</summary>
    public const long UploadLifetimeSeconds = 3600;

    /// <summary>Gets the RFT <c>reasoning_effort</c> values.</summary>
    public static IReadOnlyList<string> ReasoningEfforts { get; } = ["default", "low", "medium", "high"];

    /// <summary>Returns whether <paramref name="epochs"/> is an allowed explicit <c>n_epochs</c> (an integer from <see cref="MinEpochs"/> to <see cref="MaxEpochs"/>).</summary>
    /// <param name="epochs">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidEpochs(double epochs) => IsIntegerIn(epochs, MinEpochs, MaxEpochs);

    /// <summary>Returns whether <paramref name="batchSize"/> is an allowed explicit <c>batch_size</c> (an integer from <see cref="MinBatchSize"/> to <see cref="MaxBatchSize"/>).</summary>
    /// <param name="batchSize">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidBatchSize(double batchSize) => IsIntegerIn(batchSize, MinBatchSize, MaxBatchSize);

    /// <summary>Returns whether <paramref name="multiplier"/> is an allowed <c>learning_rate_multiplier</c> (greater than 0).</summary>
    /// <param name="multiplier">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidLearningRateMultiplier(double multiplier) => multiplier > 0;

    /// <summary>Returns whether <paramref name="beta"/> is an allowed DPO <c>beta</c>, in (0, <see cref="MaxBeta"/>].</summary>
    /// <param name="beta">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidBeta(double beta) => beta > 0 && beta <= MaxBeta;

    /// <summary>Returns whether <paramref name="multiplier"/> is an allowed RFT <c>compute_multiplier</c>, in (<see cref="MinComputeMultiplierExclusive"/>, <see cref="MaxComputeMultiplier"/>].</summary>
    /// <param name="multiplier">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidComputeMultiplier(double multiplier) => multiplier > MinComputeMultiplierExclusive && multiplier <= MaxComputeMultiplier;

    /// <summary>Returns whether <paramref name="value"/> is an allowed RFT <c>eval_interval</c> or <c>eval_samples</c> (an integer of at least 1).</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidEvalCount(double value) => IsIntegerIn(value, 1, int.MaxValue);

    /// <summary>Returns whether <paramref name="suffix"/> has an allowed length (<see cref="MinSuffixLength"/> to <see cref="MaxSuffixLength"/>).</summary>
    /// <param name="suffix">The suffix.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidSuffix(string suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        return suffix.Length is >= MinSuffixLength and <= MaxSuffixLength;
    }

    /// <summary>Returns whether <paramref name="seed"/> is an allowed seed (0 to <see cref="MaxSeed"/>).</summary>
    /// <param name="seed">The seed.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    public static bool IsValidSeed(long seed) => seed is >= 0 and <= MaxSeed;

    /// <summary>Formats a limit for a message: invariant culture, no exponent (e.g. <c>0.00001</c>).</summary>
    internal static string Format(double value) => value.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsIntegerIn(double value, double min, double max) => value == Math.Floor(value) && value >= min && value <= max;
}
