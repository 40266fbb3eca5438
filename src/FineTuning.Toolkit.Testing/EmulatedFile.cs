namespace FineTuning.Toolkit.Testing;

/// <summary>A snapshot of one emulated file, for test assertions.</summary>
/// <param name="Id">The file id (<c>file-…</c>).</param>
/// <param name="Filename">The uploaded name.</param>
/// <param name="Purpose">The purpose, e.g. <c>fine-tune</c> or <c>fine-tune-results</c>.</param>
/// <param name="Bytes">The size in bytes.</param>
public sealed record EmulatedFile(string Id, string Filename, string Purpose, long Bytes);
