using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.IO;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// A small local JSON index of uploaded files (endpoint + purpose + SHA-256 → file id: the same bytes uploaded for another purpose are another file), so an identical dataset is not stored
/// twice. Written atomically (temp file, then rename); a corrupt index is treated as empty.
/// </summary>
internal sealed class UploadIndex(string path)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ftk", "uploads.json");

    public async Task<string?> FindAsync(string endpoint, string purpose, string sha256, CancellationToken cancellationToken)
    {
        var entries = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return entries.TryGetPropertyValue(Key(endpoint, purpose, sha256), out var node) ? node?["file_id"]?.GetValue<string>() : null;
    }

    public async Task SaveAsync(string endpoint, string purpose, string sha256, FineTuningFileInfo file, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await ReadAsync(cancellationToken).ConfigureAwait(false);
            entries[Key(endpoint, purpose, sha256)] = new JsonObject
            {
                ["file_id"] = file.Id,
                ["filename"] = file.FileName,
                ["purpose"] = purpose,
                ["bytes"] = file.Bytes,
                ["created_at"] = file.CreatedAt.ToUnixTimeSeconds(),
            };
            await AtomicFile.WriteAllTextAsync(path, entries.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAsync(string endpoint, string purpose, string sha256, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var entries = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (entries.Remove(Key(endpoint, purpose, sha256)))
            {
                await AtomicFile.WriteAllTextAsync(path, entries.ToJsonString(), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Key(string endpoint, string purpose, string sha256) => endpoint.TrimEnd('/') + "#" + purpose + "#" + sha256;

    private async Task<JsonObject> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            return JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
