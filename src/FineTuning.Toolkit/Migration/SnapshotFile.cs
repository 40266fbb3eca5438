namespace FineTuning.Toolkit.Migration;

/// <summary>One file of a migration snapshot folder, as the manifest records it.</summary>
/// <param name="Path">The path relative to the snapshot folder, with '/' separators.</param>
/// <param name="Bytes">The size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the content (lower-case hex).</param>
public sealed record SnapshotFile(string Path, long Bytes, string Sha256);
