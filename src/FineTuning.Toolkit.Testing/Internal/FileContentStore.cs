using System.Security.Cryptography;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// Where the emulator keeps the bytes of files and upload parts: on disk, in a folder of its own that is deleted when the emulator
/// stops, so a large upload costs disk space, not memory (the store keeps only paths and sizes).
/// </summary>
internal sealed class FileContentStore : IDisposable
{
    private const string Prefix = "ftk-emulator-";
    private const string LockName = ".lock";
    private readonly string _folder;
    private readonly FileStream _lock;

    public FileContentStore()
    {
        DeleteAbandoned();
        _folder = Path.Combine(Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_folder);

        // Held open while this emulator runs: a folder whose lock can be taken belongs to an emulator that was killed.
        _lock = new FileStream(Path.Combine(_folder, LockName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    /// <summary>Deletes the content folders of emulators that were killed before they could clean up.</summary>
    private static void DeleteAbandoned()
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
            {
                try
                {
                    var lockPath = Path.Combine(folder, LockName);
                    if (File.Exists(lockPath))
                    {
                        using (new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                        {
                        }
                    }
                    else if (Directory.GetCreationTimeUtc(folder) > DateTime.UtcNow.AddHours(-1))
                    {
                        continue;
                    }

                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // In use by a running emulator, or not ours to delete.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The temp folder cannot be listed; nothing to clean.
        }
    }

    /// <summary>Gets the folder that holds the content.</summary>
    public string Folder => _folder;

    /// <summary>A new path in the store (nothing is created).</summary>
    public string NewPath(string prefix) => Path.Combine(_folder, prefix + Guid.NewGuid().ToString("N"));

    /// <summary>Writes bytes to a new path.</summary>
    public string Write(string prefix, ReadOnlySpan<byte> bytes)
    {
        var path = NewPath(prefix);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(bytes);
        return path;
    }

    /// <summary>Copies a stream to a new path, refusing more than <paramref name="maxBytes"/>; returns the path and length (the file is removed on failure).</summary>
    public async Task<(string Path, long Length)> WriteAsync(string prefix, Stream source, long maxBytes, Func<long, Exception> tooLarge, CancellationToken cancellationToken)
    {
        var path = NewPath(prefix);
        try
        {
            long total = 0;
            var buffer = new byte[1 << 16];
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw tooLarge(total);
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return (path, total);
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>Concatenates files into a new path and returns it with the MD5 of the whole (hex, lower case).</summary>
    public (string Path, string Md5) Concatenate(string prefix, IEnumerable<string> parts)
    {
        var path = NewPath(prefix);
        try
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                var buffer = new byte[1 << 16];
                foreach (var part in parts)
                {
                    using var source = OpenRead(part);
                    int read;
                    while ((read = source.Read(buffer)) > 0)
                    {
                        md5.AppendData(buffer, 0, read);
                        target.Write(buffer, 0, read);
                    }
                }
            }

            return (path, Convert.ToHexStringLower(md5.GetHashAndReset()));
        }
        catch
        {
            Delete(path);
            throw;
        }
    }

    /// <summary>Opens stored content for reading.</summary>
    public static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);

    /// <summary>Removes content the store owns (paths elsewhere, e.g. in a --data folder, are left alone).</summary>
    public void Delete(string? path)
    {
        if (path is not null && path.StartsWith(_folder, StringComparison.Ordinal))
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // An open download still reads it; the folder goes when the emulator stops.
            }
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temp folder.
        }
    }
}
