using System.Globalization;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// One large download through the connection's pipeline, streamed to a partial file next to the target
/// (<see cref="AtomicFile.PartialPathFor"/>), never held in memory. An interrupted run leaves the partial file and a small state
/// file (bytes, SHA-256 of those bytes, ETag); the next run checks the partial file against that SHA-256 and asks only for the
/// rest (<c>Range</c>, with <c>If-Range</c> when there is an ETag). The finished file is verified (length, and the ETag when it is
/// a SHA-256 or MD5 digest), renamed over the target, and its SHA-256 recorded in <c>FILE.sha256</c>.
/// </summary>
internal sealed class ResumableDownload
{
    private const int MaxResumesPerRun = 3;
    private const int BufferSize = 1024 * 1024;
    private readonly ApiConnection _api;
    private readonly string _operation;
    private readonly string _path;

    public ResumableDownload(ApiConnection api, string operation, string path)
    {
        _api = api;
        _operation = operation;
        _path = path;
    }

    public async Task<ModelWeightsDownload> RunAsync(string jobId, ModelWeightsCheckpoint checkpoint, string destinationPath, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target) ?? ".");
        var partial = AtomicFile.PartialPathFor(target);
        var statePath = partial + ".state";
        var source = $"{jobId}:{checkpoint.ToString().ToLowerInvariant()}";
        using var hash = StableHash.CreateSha256();
        var (offset, etag) = await ResumePointAsync(partial, statePath, source, hash, cancellationToken).ConfigureAwait(false);
        var resumedFrom = offset;
        long? total = null;
        var interruptions = 0;
        while (true)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (offset > 0)
            {
                headers["Range"] = string.Create(CultureInfo.InvariantCulture, $"bytes={offset}-");
                if (etag is not null)
                {
                    headers["If-Range"] = etag;
                }
            }

            using var response = await _api.SendAsync(
                new ApiRequest(_operation, "GET", _path) { StreamResponse = true, Headers = headers }, r => r, null, cancellationToken).ConfigureAwait(false);
            if (response.Status == 206 && ContentRange(response.Header("Content-Range")) is { } range && range.Start == offset)
            {
                total = range.Total;
            }
            else
            {
                // A full answer (the server ignored the range, or the content changed): start again from byte 0.
                offset = 0;
                resumedFrom = 0;
                hash.GetHashAndReset();
                await using (new FileStream(partial, FileMode.Create, FileAccess.Write).ConfigureAwait(false))
                {
                }

                total = long.TryParse(response.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : null;
            }

            etag = response.Header("ETag") ?? etag;
            var failure = await CopyAsync(response.ContentStream, partial, hash, offset, progress, cancellationToken).ConfigureAwait(false);
            offset = failure.Bytes;
            if (failure.Error is null)
            {
                break;
            }

            await SaveStateAsync(statePath, source, offset, hash, etag).ConfigureAwait(false);
            if (failure.Error is OperationCanceledException || ++interruptions > MaxResumesPerRun)
            {
                if (failure.Error is OperationCanceledException cancelled)
                {
                    throw cancelled;
                }

                throw new FineTuningApiException(
                    $"{_operation}: the download of {source} broke off {interruptions} times ({failure.Error.Message}); {offset} bytes are kept in {partial}: run it again to resume.",
                    failure.Error)
                { Operation = "GET " + _path.Split('?')[0] };
            }
        }

        var sha256 = StableHash.ToHex(hash);
        if (total is { } expected && expected != offset)
        {
            Discard(partial, statePath);
            throw new FineTuningApiException($"{_operation}: the download of {source} has {offset} bytes but the service announced {expected}; the partial file was deleted, run it again.")
            { Operation = "GET " + _path.Split('?')[0] };
        }

        var verifiedBy = "length";
        if (Digest(etag) is { } digest)
        {
            var actual = digest.Length == 64 ? sha256 : await Md5Async(partial, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
            {
                Discard(partial, statePath);
                throw new FineTuningApiException(
                    $"{_operation}: the download of {source} does not match the service's checksum ({(digest.Length == 64 ? "SHA-256" : "MD5")} {digest}, got {actual}); the partial file was deleted, run it again.")
                { Operation = "GET " + _path.Split('?')[0] };
            }

            verifiedBy = digest.Length == 64 ? "sha256" : "md5";
        }

        AtomicFile.Promote(partial, target);
        AtomicFile.TryDelete(statePath);
        await AtomicFile.WriteAllTextAsync(target + ".sha256", $"{sha256}  {Path.GetFileName(target)}\n", CancellationToken.None).ConfigureAwait(false);
        return new ModelWeightsDownload
        {
            JobId = jobId,
            Checkpoint = checkpoint,
            Path = target,
            Bytes = offset,
            Sha256 = sha256,
            ResumedFromBytes = resumedFrom,
            VerifiedBy = verifiedBy,
        };
    }

    /// <summary>Where to resume: the partial file's length when it matches its recorded SHA-256 (its bytes are fed to <paramref name="hash"/>), else 0 with the leftovers deleted.</summary>
    private static async Task<(long Offset, string? ETag)> ResumePointAsync(string partial, string statePath, string source, IncrementalHash hash, CancellationToken cancellationToken)
    {
        if (!File.Exists(partial) || !File.Exists(statePath))
        {
            Discard(partial, statePath);
            return (0, null);
        }

        var state = (await File.ReadAllLinesAsync(statePath, cancellationToken).ConfigureAwait(false))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (state.GetValueOrDefault("source") != source
            || !long.TryParse(state.GetValueOrDefault("bytes"), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)
            || new FileInfo(partial).Length < bytes)
        {
            Discard(partial, statePath);
            return (0, null);
        }

        var stream = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite, FileShare.None, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            // Bytes written after the last recorded state are not vouched for: drop them.
            stream.SetLength(bytes);
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        if (!string.Equals(Convert.ToHexStringLower(hash.GetCurrentHash()), state.GetValueOrDefault("sha256"), StringComparison.Ordinal))
        {
            hash.GetHashAndReset();
            Discard(partial, statePath);
            return (0, null);
        }

        return (bytes, state.GetValueOrDefault("etag") is { Length: > 0 } etag ? etag : null);
    }

    private static async Task<(long Bytes, Exception? Error)> CopyAsync(Stream source, string partial, IncrementalHash hash, long offset, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using (source.ConfigureAwait(false))
        {
            var file = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        hash.AppendData(buffer, 0, read);
                        offset += read;
                        progress?.Report(offset);
                    }

                    file.Flush(flushToDisk: true);
                    return (offset, null);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
                {
                    // What reached the file so far is kept; the caller records it so the next attempt resumes from here.
                    await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    return (offset, ex);
                }
            }
        }
    }

    private static Task SaveStateAsync(string statePath, string source, long bytes, IncrementalHash hash, string? etag) =>
        AtomicFile.WriteAllTextAsync(statePath, string.Create(CultureInfo.InvariantCulture, $"source={source}\nbytes={bytes}\nsha256={Convert.ToHexStringLower(hash.GetCurrentHash())}\netag={etag}\n"), CancellationToken.None);

    private static void Discard(string partial, string statePath)
    {
        AtomicFile.TryDelete(partial);
        AtomicFile.TryDelete(statePath);
    }

    /// <summary>The digest an ETag carries: 64 hex characters (SHA-256) or 32 (MD5, as object stores send for single-part objects); else null.</summary>
    internal static string? Digest(string? etag)
    {
        if (etag is null)
        {
            return null;
        }

        var value = etag.StartsWith("W/", StringComparison.Ordinal) ? null : etag.Trim('"');
        return value is { Length: 64 or 32 } && value.All(Uri.IsHexDigit) ? value.ToLowerInvariant() : null;
    }

    private static (long Start, long? Total)? ContentRange(string? header)
    {
        // bytes START-END/TOTAL (TOTAL may be *)
        if (header is null || !header.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parts = header[6..].Split('/', 2);
        var dash = parts[0].IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(parts[0][..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        return (start, parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null);
    }

    private static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
#pragma warning disable CA5351 // MD5 only checks an object store's ETag, not for security.
            return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
#pragma warning restore CA5351
        }
    }
}
