using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.IO;
using Microsoft.Extensions.AI;
using FineTuning.Toolkit.Evaluation.Items;

namespace FineTuning.Toolkit.Evaluation.Cache;

/// <summary>
/// A persistent on-disk cache of model responses, one small JSON file per (target, model, request, sample) key,
/// so re-running an evaluation costs nothing. Writes are atomic (temp file, then rename); a corrupt entry is a miss.
/// </summary>
internal sealed class EvalResponseCache
{
    private readonly string _directory;

    public EvalResponseCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    public string Directory => _directory;

    /// <summary>
    /// A stable key over everything that decides the response: the target, the sample index and the serialised request
    /// (<see cref="ChatRequestCapture"/>: the exact body the chat client sends, model and options included).
    /// </summary>
    /// <param name="targetName">The target's name.</param>
    /// <param name="request">The request body.</param>
    /// <param name="sampleIndex">The sample index.</param>
    /// <returns>The key (64 lowercase hex characters).</returns>
    public static string ComputeKey(string targetName, ReadOnlySpan<byte> request, int sampleIndex)
    {
        using var hash = StableHash.CreateSha256();
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"ftk-eval-cache/2\n{targetName}\n{sampleIndex}\n")));
        hash.AppendData(request);
        return StableHash.ToHex(hash);
    }

    /// <summary>The key of one (target, item, sample) request; see <see cref="ComputeKey(string, ReadOnlySpan{byte}, int)"/>.</summary>
    /// <param name="target">The target.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The target's options.</param>
    /// <param name="sampleIndex">The sample index.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The key.</returns>
    public static async Task<string> ComputeKeyAsync(EvalTarget target, IReadOnlyList<ChatMessage> messages, ChatOptions options, int sampleIndex, CancellationToken cancellationToken)
    {
        var body = await ChatRequestCapture.CaptureAsync(target.ModelId, messages, options, cancellationToken).ConfigureAwait(false);
        return ComputeKey(target.Name, body, sampleIndex);
    }

    public async Task<EvalCachedResponse?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
            return await JsonSerializer.DeserializeAsync(stream, ToolkitJson.Info<EvalCachedResponse>(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null; // A truncated or unreadable entry is a miss; the fresh response overwrites it.
        }
    }

    public async Task StoreAsync(string key, EvalCachedResponse response, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAsync(PathFor(key), (stream, ct) => JsonSerializer.SerializeAsync(stream, response, ToolkitJson.Info<EvalCachedResponse>(), ct), cancellationToken).ConfigureAwait(false);
    }

    private string PathFor(string key) => Path.Combine(_directory, key[..2], key + ".json");
}
